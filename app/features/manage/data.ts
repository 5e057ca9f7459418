import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type Address, type ContractFunctionReturnType } from 'viem';
import { getContractEvents } from 'viem/actions';
import { useConfig } from 'wagmi';
import { getClient, readContract } from 'wagmi/actions';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { deploymentOf, logsRangeOf } from '../../lib/chains.ts';
import { addCycles } from '../../lib/cycles.ts';
import { getLogsCapped } from '../../lib/logs/capped.ts';
import { readNetTransfers } from './allocation/transfers.ts';
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

/**
 * Members per `consolePage` call: a page of 500 members with lots costs about 10.4M gas
 * (contracts/test/ConsoleViewsGas.t.sol), under a fifth of a 50M-gas `eth_call` cap. The console
 * reads ⌈members / 500⌉ pages and one block number: 3 calls for 1,000 members.
 */
export const CONSOLE_PAGE = 500;

/** What the console shows of the open cycle and its members, read from storage in pages at one block. */
export interface ConsoleData {
  /** The open cycle the pages were read for (YYYYMM). */
  cycle: number;
  members: MemberView[];
  /** Readings on file for the open cycle, by member id. */
  readings: Map<number, bigint>;
  /** The open cycle's generation (0n until posted). */
  generationWh: bigint;
  /** Each member's credits that expire at the open cycle's close, by member id. */
  expiringWh: Map<number, bigint>;
}

/** A page of the console that could not be read: the console shows this and sends nothing. */
export class ConsolePageError extends Error {
  constructor(
    readonly page: number,
    readonly pages: number,
    cause: unknown,
  ) {
    super(`console page ${page}/${pages}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ConsolePageError';
  }
}

/**
 * Every member, its open-cycle reading and its expiring credits, in ⌈members / CONSOLE_PAGE⌉
 * `consolePage` calls pinned to one block (a write between two pages cannot mix two states). Any
 * page that fails rejects the whole read: no partial figure.
 */
export async function fetchConsole(config: ReturnType<typeof useConfig>, chainId: number, community: Address): Promise<ConsoleData> {
  const client = getClient(config, { chainId });
  if (!client) throw new Error('no client');
  // Straight to the node: viem's getBlockNumber may answer from its cache, older than a write just made.
  const blockNumber = BigInt(await client.request({ method: 'eth_blockNumber' }));
  const page = async (i: number, pages: number) => {
    try {
      return await readContract(config, {
        chainId,
        address: community,
        abi: communityAbi,
        functionName: 'consolePage',
        args: [i * CONSOLE_PAGE, CONSOLE_PAGE],
        blockNumber,
      });
    } catch (e) {
      throw new ConsolePageError(i + 1, pages, e);
    }
  };
  const [state, firstRows] = await page(0, 1);
  const pages = Math.max(1, Math.ceil(state.memberCount / CONSOLE_PAGE));
  const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) => page(i + 1, pages)));
  const rows = [...firstRows, ...rest.flatMap(([, r]) => r)];
  if (rows.length !== state.memberCount) throw new ConsolePageError(pages, pages, new Error(`${rows.length} of ${state.memberCount} members`));
  const data: ConsoleData = {
    cycle: state.openCycle,
    members: rows.map((r) => r.member),
    readings: new Map(),
    generationWh: state.generatedWh,
    expiringWh: new Map(),
  };
  for (const r of rows) {
    if (r.hasReading) data.readings.set(r.member.id, r.consumedWh);
    data.expiringWh.set(r.member.id, r.expiringWh);
  }
  return data;
}

function useConsole<T>(chainId: number, community: Address, count: number | undefined, select: (d: ConsoleData) => T) {
  const config = useConfig();
  return useQuery({
    queryKey: ['manage', 'console', chainId, community, count],
    enabled: count !== undefined,
    queryFn: () => fetchConsole(config, chainId, community),
    select,
  });
}

const selectMembers = (d: ConsoleData) => d.members;
const selectReadings = (d: ConsoleData) => ({ readings: d.readings, generationWh: d.generationWh });

/** The members, from the console's pages (which also hold their readings and expiring credits). */
export function useMembers(chainId: number, community: Address, count: number | undefined) {
  return useConsole(chainId, community, count, selectMembers);
}

/** The open cycle's readings and generation on file, from the console's pages (storage, not logs). */
export function useOpenCycleReadings(ctx: ManageCtx) {
  return useConsole(ctx.chainId, ctx.community, ctx.d.memberCount, selectReadings);
}

/** Σ of the active members' credits expiring at the open cycle's close, from the console's pages. */
export function useExpiringWh(ctx: ManageCtx) {
  const active = new Set(ctx.members.filter((x) => x.active).map((x) => x.id));
  return useConsole(ctx.chainId, ctx.community, ctx.d.memberCount, (d) => {
    let total = 0n;
    for (const [id, wh] of d.expiringWh) if (active.has(id)) total += wh;
    return total;
  });
}

/** The open cycle's readings and generation on file, read fresh (before sending: resume without posting twice). */
export async function fetchOpenCycleReadings(
  config: ReturnType<typeof useConfig>,
  chainId: number,
  community: Address,
  cycle: number,
): Promise<{ readings: Map<number, bigint>; generationWh: bigint }> {
  const d = await fetchConsole(config, chainId, community);
  if (d.cycle !== cycle) throw new Error(`cycle ${cycle} is no longer open (open: ${d.cycle})`);
  return selectReadings(d);
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
      const market = await readContract(config, { chainId, address: community, abi: communityAbi, functionName: 'market' });
      return readNetTransfers(client, { community, market, cycle, span, cap: logsRangeOf(chainId) });
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
