import { useQuery } from '@tanstack/react-query';
import type { Address, ContractFunctionReturnType } from 'viem';
import { getContractEvents } from 'viem/actions';
import { useClient, useReadContract } from 'wagmi';
import { communityReadAbi as communityAbi } from '../../contracts-abi/first-screen.ts';
import { logsRangeOf } from './chains.ts';
import type { BlockRange } from './logs/capped.ts';

/**
 * The capped log reader, loaded as its own chunk as this module evaluates (in parallel with the
 * wallet connecting): the first-load JS stays under its budget, and the read below waits for it only
 * if it has not arrived yet.
 */
const capped = import('./logs/capped.ts');

export type DashboardData = ContractFunctionReturnType<typeof communityAbi, 'view', 'dashboardOf'>;

/** RPC call 1: the whole dashboard in one eth_call (call 2: the last settlement; then the credits on sale, see for-sale.ts). */
export function useDashboard(chainId: number, community: Address, account: Address) {
  return useReadContract({
    address: community,
    abi: communityAbi,
    functionName: 'dashboardOf',
    args: [account],
    chainId,
    query: { staleTime: 5 * 60_000 },
  });
}

/**
 * RPC call 2 of 2: the member's MemberSettled event of the last closed cycle, one eth_getLogs
 * bounded by the close's block range (indexed cycle + memberId); a close spread over more blocks
 * than the chain's cap takes one call per cap-sized range.
 */
export function useLastSettlement(chainId: number, community: Address, d: DashboardData | undefined) {
  // useClient + a tree-shakable action (not usePublicClient, which bundles every public action).
  const client = useClient({ chainId });
  const last = d?.lastClosed;
  const memberId = d?.member.id;
  const enabled = !!client && !!d && d.isMember && !!last && last.cycle !== 0;
  return useQuery({
    queryKey: ['memberSettled', chainId, community, last?.cycle, memberId, String(last?.closeStartBlock), String(last?.closeEndBlock)],
    enabled,
    staleTime: Infinity,
    queryFn: async () => {
      if (!client || !last || memberId === undefined) return null;
      const { getLogsCapped } = await capped;
      const logs = await getLogsCapped({ from: last.closeStartBlock, to: last.closeEndBlock }, logsRangeOf(chainId), (r: BlockRange) =>
        getContractEvents(client, {
          address: community,
          abi: communityAbi,
          eventName: 'MemberSettled',
          args: { cycle: last.cycle, memberId },
          fromBlock: r.from,
          toBlock: r.to,
          strict: true,
        }),
      );
      return logs.at(-1)?.args.settlement ?? null;
    },
  });
}

/** The soonest expiry among the lots and how much expires then (lots with the same expiry added up). */
export function nextExpiry(lots: readonly { expiryCycle: number; amountWh: bigint }[]): { cycle: number; wh: bigint } | null {
  let next: { cycle: number; wh: bigint } | null = null;
  for (const lot of lots) {
    if (lot.amountWh === 0n) continue;
    if (!next || lot.expiryCycle < next.cycle) next = { cycle: lot.expiryCycle, wh: lot.amountWh };
    else if (lot.expiryCycle === next.cycle) next = { cycle: next.cycle, wh: next.wh + lot.amountWh };
  }
  return next;
}
