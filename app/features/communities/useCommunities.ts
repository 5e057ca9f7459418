import type { Address } from 'viem';
import { useReadContract } from 'wagmi';
import { communityReadAbi as communityAbi, communityRegistryReadAbi as communityRegistryAbi } from '../../../contracts-abi/first-screen.ts';
import { deploymentOf } from '../../lib/chains.ts';

/** The first page of the wallet's communities the picker shows (the registry's list is paged: anyone can flood it). */
export const COMMUNITY_PAGE = 50;

/**
 * communitiesOf(account, 0, COMMUNITY_PAGE) on the chain's registry: one eth_call, the same cost
 * however many communities name the wallet. `data`: the page (oldest first) and how many the
 * registry holds in all (`more` = total − shown).
 */
export function useCommunities(chainId: number, account: Address) {
  const registry = deploymentOf(chainId)?.registry;
  return useReadContract({
    address: registry,
    abi: communityRegistryAbi,
    functionName: 'communitiesOf',
    args: [account, 0n, BigInt(COMMUNITY_PAGE)],
    chainId,
    query: {
      enabled: registry !== undefined,
      select: ([list, total]) => ({ list, more: total > BigInt(list.length) ? total - BigInt(list.length) : 0n }),
    },
  });
}

/** settings() of one community, for its name: one eth_call per community. */
export function useCommunitySettings(chainId: number, community: Address) {
  return useReadContract({ address: community, abi: communityAbi, functionName: 'settings', chainId });
}
