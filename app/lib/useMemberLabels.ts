import { useMemo } from 'react';
import type { Address } from 'viem';
import { useReadContract } from 'wagmi';
import { communityAbi } from '../../contracts-abi/abis.ts';

/**
 * Every member's label by id ("Apto 102"), from Community.members (one eth_call, the same query as
 * the donate screen's picker, so it is shared when both were opened), to name a counterparty.
 */
export function useMemberLabels(chainId: number, community: Address, enabled = true): ReadonlyMap<number, string> {
  const q = useReadContract({ address: community, abi: communityAbi, functionName: 'members', args: [0, 1000], chainId, query: { enabled } });
  return useMemo(() => {
    const map = new Map<number, string>();
    for (const m of q.data ?? []) if (m.label) map.set(m.id, m.label);
    return map;
  }, [q.data]);
}
