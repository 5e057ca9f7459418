import type { Address } from 'viem';
import { useReadContract } from 'wagmi';
import { communityReadAbi as communityAbi, communityRegistryReadAbi as communityRegistryAbi } from '../../../contracts-abi/first-screen.ts';
import { deploymentOf } from '../../lib/chains.ts';

/** communitiesOf(account) on the chain's registry: one eth_call. */
export function useCommunities(chainId: number, account: Address) {
  const registry = deploymentOf(chainId)?.registry;
  return useReadContract({
    address: registry,
    abi: communityRegistryAbi,
    functionName: 'communitiesOf',
    args: [account],
    chainId,
    query: { enabled: registry !== undefined },
  });
}

/** settings() of one community, for its name: one eth_call per community. */
export function useCommunitySettings(chainId: number, community: Address) {
  return useReadContract({ address: community, abi: communityAbi, functionName: 'settings', chainId });
}
