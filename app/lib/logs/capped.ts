/**
 * The one way the app reads logs: every eth_getLogs of a screen goes through `forEachLogRange` /
 * `getLogsCapped`, which split [from, to] into ranges of at most the chain's cap (its entry's
 * `logsBlockRange`) and, when a node rejects a range anyway (a lower cap than declared, or too many
 * results in one range), halve it and retry, down to a single block. Any other error (the node
 * down, a timeout, a bad request) propagates at once: a failed read is never taken for an empty one.
 * Pure of I/O itself: the caller passes the request for one range.
 */
import type { BlockRange } from './chunks.ts';

export type { BlockRange };

/** Messages nodes give when a range (or its result set) is too large: Besu, geth/Erigon, Infura, Alchemy, QuickNode, Ankr, Cloudflare… */
const TOO_LARGE = [
  /exceeds? (the )?max(imum)? (rpc )?(block )?range/i,
  /range limit/i,
  /block range/i,
  /range (is )?too (large|wide|big)/i,
  /max(imum)? range/i,
  /more than \d+ results/i,
  /too many (results|logs|blocks)/i,
  /log response size exceeded/i,
  /response size (is )?(too large|exceeded)/i,
  /query (returned|exceeds)/i,
  /limited to (a )?[\d,]+ (block )?range/i,
  /range should work/i,
];
/** Messages of a -32005 ("limit exceeded") that are about the request rate, not the range: splitting would only make more requests. */
const RATE = /rate|request count|too many requests|quota|credits/i;

function messagesOf(e: object): string[] {
  const o = e as { message?: unknown; shortMessage?: unknown; details?: unknown; body?: unknown };
  const out: string[] = [];
  for (const v of [o.message, o.shortMessage, o.details]) if (typeof v === 'string') out.push(v);
  return out;
}

/**
 * Whether an error says the requested range (or what it returns) is too large for the node: then
 * a smaller range may succeed. Walks the error's causes (viem wraps the node's answer). A failure
 * of the connection (no answer, a timeout) is never a range rejection.
 */
export function isRangeRejection(error: unknown): boolean {
  const messages: string[] = [];
  const codes: number[] = [];
  let cur: unknown = error;
  for (let i = 0; i < 8 && typeof cur === 'object' && cur !== null; i++) {
    const name = (cur as { name?: unknown }).name;
    // viem's HttpRequestError without a status is a fetch that never got an answer; TimeoutError, AbortError: no answer either.
    if (name === 'TimeoutError' || name === 'AbortError') return false;
    if (name === 'HttpRequestError' && (cur as { status?: unknown }).status === undefined) return false;
    messages.push(...messagesOf(cur));
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'number') codes.push(code);
    cur = (cur as { cause?: unknown }).cause;
  }
  const text = messages.join('\n');
  if (TOO_LARGE.some((re) => re.test(text))) return true;
  return codes.includes(-32005) && !RATE.test(text);
}

function toBig(v: bigint | number): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

export interface RangeWalk {
  /** Ranges answered (each one eth_getLogs per filter the caller sends). */
  ranges: number;
  /** Ranges a node rejected as too large (each then halved). */
  rejected: number;
  /** True when the whole of [from, to] was read; false when `onRange` stopped the walk early. */
  complete: boolean;
  /** The block range actually read: all of [from, to] when complete; null when nothing was read. */
  read: BlockRange | null;
}

export interface WalkOptions {
  /** Walk from `to` back to `from` (newest first) instead of from `from` up. */
  descending?: boolean;
  signal?: AbortSignal;
}

/**
 * Calls `fetch` for consecutive ranges of at most `cap` blocks covering [from, to] (inclusive), in
 * block order (or newest first), and `onRange` with each answer in that order. A range a node rejects
 * as too large is halved and retried (the smaller size is kept for the rest of the walk); a single
 * block that is still rejected, and any other error, propagates. `onRange` returning `false` stops
 * the walk (the result says it is not complete).
 */
export async function forEachLogRange<T>(
  from: bigint | number,
  to: bigint | number,
  cap: bigint | number,
  fetch: (range: BlockRange) => Promise<T>,
  onRange?: (range: BlockRange, value: T) => boolean | void | Promise<boolean | void>,
  opts: WalkOptions = {},
): Promise<RangeWalk> {
  const lo = toBig(from);
  const hi = toBig(to);
  let size = toBig(cap);
  if (size <= 0n) throw new RangeError(`log block range must be positive, got ${size}`);
  if (lo < 0n) throw new RangeError(`from must be ≥ 0, got ${lo}`);
  const walk: RangeWalk = { ranges: 0, rejected: 0, complete: true, read: null };
  if (hi < lo) return walk;
  // The next range starts at `next` (ascending) or ends at `next` (descending).
  let next = opts.descending ? hi : lo;
  while (opts.descending ? next >= lo : next <= hi) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('aborted', 'AbortError');
    const range: BlockRange = opts.descending
      ? { from: next - size + 1n > lo ? next - size + 1n : lo, to: next }
      : { from: next, to: next + size - 1n < hi ? next + size - 1n : hi };
    let value: T;
    try {
      value = await fetch(range);
    } catch (error) {
      const blocks = range.to - range.from + 1n;
      if (blocks === 1n || !isRangeRejection(error)) throw error;
      walk.rejected++;
      size = (blocks + 1n) / 2n;
      continue;
    }
    walk.ranges++;
    walk.read = opts.descending ? { from: range.from, to: hi } : { from: lo, to: range.to };
    next = opts.descending ? range.from - 1n : range.to + 1n;
    const more = await onRange?.(range, value);
    if (more === false) {
      walk.complete = opts.descending ? next < lo : next > hi;
      break;
    }
  }
  return walk;
}

/** Every item `fetch` returns for the ranges covering [from, to], in block order (concatenated). */
export async function getLogsCapped<T>(
  range: { from: bigint | number; to: bigint | number },
  cap: bigint | number,
  fetch: (range: BlockRange) => Promise<readonly T[]>,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  await forEachLogRange(range.from, range.to, cap, fetch, (_r, items) => void out.push(...items), { signal });
  return out;
}
