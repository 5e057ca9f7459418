/**
 * Loads one member's history from chain logs: block ranges that fit the chain's eth_getLogs cap
 * (halved when a node rejects one, capped.ts), two (three with a
 * market) topic-filtered eth_getLogs per chunk, progress after each chunk, the cache written as
 * it goes (an interrupted load resumes where it stopped) and read first (a second visit reads
 * only the new blocks). Works with any viem client (the app's wagmi client, a Node public client).
 */
import { formatLog, numberToHex, parseEventLogs, type Address, type Hex, type RpcLog } from 'viem';
import { CACHE_VERSION, type CachedHistory, type HistoryStore } from './cache.ts';
import { forEachLogRange } from './capped.ts';
import { blockCount, DEFAULT_CHUNK_BLOCKS, resumeFrom } from './chunks.ts';
import { historyAbi, memberFilters } from './events.ts';
import { mergeRows, reduceLogs, type DecodedLog, type HistoryRow, type ReduceState } from './rows.ts';

/** The one method the loader needs from a client (EIP-1193 style). */
export interface RpcClient {
  request: (args: { method: string; params?: unknown }) => Promise<unknown>;
}

export interface HistoryProgress {
  /** Blocks read so far in this load, of `totalBlocks` to read (new blocks only when cached). */
  doneBlocks: bigint;
  totalBlocks: bigint;
  rows: readonly HistoryRow[];
}

export interface LoadHistoryOptions {
  client: RpcClient;
  community: Address;
  /** The community's market contract, when there is one: adds its orders, fills and cancels. */
  market?: Address;
  memberId: number;
  /** The member's wallet (market withdrawals are indexed by address). */
  wallet?: Address;
  /** The first block that may hold the community's logs (the registry's deployment block). */
  startBlock: bigint;
  /** Read up to this block (default: the latest). */
  toBlock?: bigint;
  /** The most blocks per eth_getLogs: the chain entry's logsBlockRange. */
  chunkSize?: bigint;
  store?: HistoryStore;
  key?: string;
  onProgress?: (p: HistoryProgress) => void;
  signal?: AbortSignal;
  /** Minimum time between cache writes during a load (ms); the end of the load always writes. */
  saveEveryMs?: number;
}

export interface HistoryResult {
  rows: HistoryRow[];
  lastBlock: bigint;
  /** The first block this load read (startBlock when cold, lastBlock + 1 of the cache when warm). */
  readFrom: bigint;
  fromCache: boolean;
}

async function validCache(o: LoadHistoryOptions, head: bigint): Promise<CachedHistory | undefined> {
  if (!o.store || !o.key) return undefined;
  let c: CachedHistory | undefined;
  try {
    c = await o.store.get(o.key);
  } catch {
    return undefined;
  }
  if (!c || c.startBlock !== o.startBlock.toString() || BigInt(c.lastBlock) > head) return undefined;
  if (c.anchor) {
    // The chain we cached from is still this chain (a restarted dev chain or a reorg changes the hash).
    const block = (await o.client.request({ method: 'eth_getBlockByNumber', params: [numberToHex(BigInt(c.anchor.block)), false] })) as { hash?: Hex } | null;
    if (block?.hash !== c.anchor.hash) return undefined;
  }
  return c;
}

export async function loadHistory(o: LoadHistoryOptions): Promise<HistoryResult> {
  const head = o.toBlock ?? BigInt((await o.client.request({ method: 'eth_blockNumber' })) as Hex);
  const cached = await validCache(o, head);
  let rows: HistoryRow[] = cached?.rows ?? [];
  let state: ReduceState = cached?.state ?? { orderIds: [] };
  let anchor = cached?.anchor ?? null;
  const readFrom = resumeFrom(o.startBlock, cached ? BigInt(cached.lastBlock) : null);
  const totalBlocks = blockCount(readFrom, head);
  const filters = memberFilters(o.memberId, !!o.market);
  let lastBlock = readFrom - 1n;
  let doneBlocks = 0n;
  let lastSave = Date.now();

  const save = async () => {
    if (!o.store || !o.key || lastBlock < o.startBlock) return;
    const value: CachedHistory = { version: CACHE_VERSION, startBlock: o.startBlock.toString(), lastBlock: lastBlock.toString(), anchor, rows, state };
    try {
      await o.store.set(o.key, value);
    } catch {
      /* the cache is an optimisation: a full disk or a blocked store must not fail the history */
    }
    lastSave = Date.now();
  };

  o.onProgress?.({ doneBlocks, totalBlocks, rows });
  const fetchRange = async (range: { from: bigint; to: bigint }) => {
    if (o.signal?.aborted) {
      await save();
      throw o.signal.reason ?? new DOMException('aborted', 'AbortError');
    }
    // One range for all filters: a rejection of any of them halves the range for all.
    return Promise.all(
      filters.map(
        (f) =>
          o.client.request({
            method: 'eth_getLogs',
            params: [
              { address: f.target === 'market' ? o.market : o.community, fromBlock: numberToHex(range.from), toBlock: numberToHex(range.to), topics: f.topics },
            ],
          }) as Promise<RpcLog[]>,
      ),
    );
  };
  await forEachLogRange(readFrom, head, o.chunkSize ?? DEFAULT_CHUNK_BLOCKS, fetchRange, async (range, results) => {
    const raw = results.flat().map((l) => formatLog(l));
    const decoded = parseEventLogs({ abi: historyAbi, logs: raw, strict: true }) as unknown as DecodedLog[];
    const reduced = reduceLogs(decoded, o.memberId, state, o.wallet);
    state = reduced.state;
    if (reduced.rows.length > 0) rows = mergeRows(rows, reduced.rows);
    const newest = raw.reduce<(typeof raw)[number] | undefined>(
      (m, l) => (l.blockNumber !== null && l.blockHash && (!m || l.blockNumber! > m.blockNumber!) ? l : m),
      undefined,
    );
    if (newest?.blockNumber != null && newest.blockHash) anchor = { block: newest.blockNumber.toString(), hash: newest.blockHash };
    lastBlock = range.to;
    doneBlocks += blockCount(range.from, range.to);
    o.onProgress?.({ doneBlocks, totalBlocks, rows });
    if (Date.now() - lastSave >= (o.saveEveryMs ?? 1_000)) await save();
  });
  if (readFrom <= head || !cached) await save();
  return { rows, lastBlock: lastBlock < readFrom ? readFrom - 1n : lastBlock, readFrom, fromCache: !!cached };
}
