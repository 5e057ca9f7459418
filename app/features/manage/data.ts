import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type Address, type ContractFunctionReturnType } from 'viem';
import { getContractEvents } from 'viem/actions';
import { useConfig } from 'wagmi';
import { getClient, readContract } from 'wagmi/actions';
import { communityAbi, communityMarketAbi } from '../../../contracts-abi/abis.ts';
import { deploymentOf, logsRangeOf } from '../../lib/chains.ts';
import { addCycles } from '../../lib/cycles.ts';
import { getLogsCapped } from '../../lib/logs/capped.ts';
import type { DashboardData } from '../../lib/dashboard.ts';
import { useLocation } from 'wouter';
import { invalidateContracts } from '../../lib/queries.ts';

export type MemberView = ContractFunctionReturnType<typeof communityAbi, 'view', 'member'>;

export interface ManageCtx {
  chainId: number;
  community: Address;
  account: Address;
  d: DashboardData;
  isManager: boolean;
  members: readonly MemberView[];
}

const PAGE = 200;

export function useMembers(chainId: number, community: Address, count: number | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: ['manage', 'members', chainId, community, count],
    enabled: count !== undefined,
    queryFn: async () => {
      const out: MemberView[] = [];
      for (let offset = 0; offset < (count ?? 0); offset += PAGE) {
        const page = await readContract(config, { chainId, address: community, abi: communityAbi, functionName: 'members', args: [offset, PAGE] });
        out.push(...page);
      }
      return out;
    },
  });
}

/** The last ReadingPosted of each member in `cycle` (one eth_getLogs from the last close on). */
/** The open cycle's readings posted so far, read from the last close on (console sections share it). */
export function useOpenCycleReadings(ctx: ManageCtx) {
  return useCycleReadings(ctx.chainId, ctx.community, ctx.d.openCycle, openCycleFromBlock(ctx));
}

/** Readings of the open cycle can only be in blocks after the last close. */
export function openCycleFromBlock(ctx: ManageCtx): bigint {
  return ctx.d.lastClosed.cycle === 0 ? 0n : ctx.d.lastClosed.closeEndBlock;
}

export function useCycleReadings(chainId: number, community: Address, cycle: number, fromBlock: bigint) {
  const config = useConfig();
  return useQuery({
    queryKey: ['manage', 'readings', chainId, community, cycle, String(fromBlock)],
    queryFn: () => fetchCycleReadings(config, chainId, community, cycle, fromBlock),
  });
}

const cycleEvents = communityAbi.filter(
  (x): x is Extract<(typeof communityAbi)[number], { type: 'event'; name: 'ReadingPosted' | 'GenerationPosted' }> =>
    x.type === 'event' && (x.name === 'ReadingPosted' || x.name === 'GenerationPosted'),
);

export async function fetchCycleReadings(
  config: ReturnType<typeof useConfig>,
  chainId: number,
  community: Address,
  cycle: number,
  fromBlock: bigint,
): Promise<{ readings: Map<number, bigint>; generationWh: bigint }> {
  const client = getClient(config, { chainId });
  if (!client) throw new Error('no client');
  // One eth_getLogs for both events of the open cycle (cycleInfo fills in only at the close).
  const logs = await getContractEvents(client, { address: community, abi: cycleEvents, args: { cycle }, fromBlock, strict: true });
  const readings = new Map<number, bigint>();
  let generationWh = 0n;
  for (const l of logs) {
    if (l.args.cycle !== cycle) continue; // args filter only the single-event case in viem
    if (l.eventName === 'ReadingPosted') readings.set(l.args.memberId, l.args.consumedWh);
    else generationWh = l.args.generatedWh;
  }
  return { readings, generationWh };
}

export function useSettlements(chainId: number, community: Address, last: DashboardData['lastClosed']) {
  const config = useConfig();
  return useQuery({
    queryKey: ['manage', 'settlements', chainId, community, last.cycle, String(last.closeEndBlock)],
    enabled: last.cycle !== 0,
    queryFn: async () => {
      const client = getClient(config, { chainId });
      if (!client) throw new Error('no client');
      // The close's blocks in ranges that fit the chain's cap (a batched close may span more).
      const logs = await getLogsCapped({ from: last.closeStartBlock, to: last.closeEndBlock }, logsRangeOf(chainId), (r) =>
        getContractEvents(client, {
          address: community,
          abi: communityAbi,
          eventName: 'MemberSettled',
          args: { cycle: last.cycle },
          fromBlock: r.from,
          toBlock: r.to,
          strict: true,
        }),
      );
      return new Map(logs.map((l) => [l.args.memberId, l.args.settlement]));
    },
  });
}

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Net credits received − given per member during `cycle`: donations, the pool in and out, and
 * market trades (the seller gives, the buyer receives). This is what the next allocation table
 * has to realise at the distributor.
 *
 * Those events carry the cycle that was open when they happened, so they lie between the previous
 * cycle's close (the block that opened `cycle`) and this cycle's close: only those blocks are read,
 * in ranges that fit the chain's cap. Any range that fails fails the whole read (the table then says
 * so and exports nothing): a partial sum is never shown as the net.
 */
export function useNetTransfers(chainId: number, community: Address, last: DashboardData['lastClosed']) {
  const config = useConfig();
  const cycle = last.cycle;
  return useQuery({
    queryKey: ['manage', 'transfers', chainId, community, cycle, String(last.closeEndBlock)],
    enabled: cycle !== 0,
    queryFn: async () => {
      const client = getClient(config, { chainId });
      if (!client) throw new Error('no client');
      const prev = await readContract(config, { chainId, address: community, abi: communityAbi, functionName: 'cycleInfo', args: [addCycles(cycle, -1)] });
      const registryBlock = BigInt(deploymentOf(chainId)?.registryBlock ?? 0);
      const span = { from: prev.closed ? prev.closeEndBlock : registryBlock, to: last.closeEndBlock };
      const cap = logsRangeOf(chainId);
      const net = new Map<number, bigint>();
      const add = (id: number, v: bigint) => net.set(id, (net.get(id) ?? 0n) + v);
      const [donated, pooled, assigned] = await Promise.all([
        getLogsCapped(span, cap, (r) =>
          getContractEvents(client, {
            address: community,
            abi: communityAbi,
            eventName: 'CreditsDonated',
            args: { cycle },
            fromBlock: r.from,
            toBlock: r.to,
            strict: true,
          }),
        ),
        getLogsCapped(span, cap, (r) =>
          getContractEvents(client, {
            address: community,
            abi: communityAbi,
            eventName: 'PoolDonated',
            args: { cycle },
            fromBlock: r.from,
            toBlock: r.to,
            strict: true,
          }),
        ),
        getLogsCapped(span, cap, (r) =>
          getContractEvents(client, {
            address: community,
            abi: communityAbi,
            eventName: 'PoolAssigned',
            args: { cycle },
            fromBlock: r.from,
            toBlock: r.to,
            strict: true,
          }),
        ),
      ]);
      for (const l of donated) {
        add(l.args.fromMemberId, -l.args.amountWh);
        add(l.args.toMemberId, l.args.amountWh);
      }
      for (const l of pooled) add(l.args.fromMemberId, -l.args.amountWh);
      for (const l of assigned) add(l.args.toMemberId, l.args.amountWh);
      const market = await readContract(config, { chainId, address: community, abi: communityAbi, functionName: 'market' });
      if (market !== ZERO) {
        const fills = await getLogsCapped(span, cap, (r) =>
          getContractEvents(client, {
            address: market,
            abi: communityMarketAbi,
            eventName: 'OrderFilled',
            args: { cycle },
            fromBlock: r.from,
            toBlock: r.to,
            strict: true,
          }),
        );
        for (const f of fills) {
          const sellerIsMaker = f.args.makerSide === 1;
          add(sellerIsMaker ? f.args.makerMemberId : f.args.takerMemberId, -f.args.amountWh);
          add(sellerIsMaker ? f.args.takerMemberId : f.args.makerMemberId, f.args.amountWh);
        }
      }
      return net;
    },
  });
}

/** After a manager's write: refetch what reads this community (the console's and the dashboard's figures), nothing else. */
export function useRefresh() {
  const qc = useQueryClient();
  const [location] = useLocation();
  const community = /\/c\/\d+\/(0x[0-9a-fA-F]{40})/.exec(location)?.[1] as Address | undefined;
  return useCallback(() => (community ? invalidateContracts(qc, [community]) : qc.invalidateQueries()), [qc, community]);
}
