/**
 * Block-range planning for reading logs in bounded chunks (public RPCs cap eth_getLogs ranges,
 * typically 1k–10k blocks). Pure: no I/O.
 */
export interface BlockRange {
  from: bigint;
  to: bigint;
}

/** The history's range when none is given: the chain entries' default cap (chain-config.ts DEFAULT_LOGS_BLOCK_RANGE). */
export const DEFAULT_CHUNK_BLOCKS = 1_000n;

/** Splits [from, to] (inclusive) into consecutive ranges of at most `size` blocks: no gap, no overlap. */
export function planChunks(from: bigint, to: bigint, size: bigint = DEFAULT_CHUNK_BLOCKS): BlockRange[] {
  if (size <= 0n) throw new RangeError(`chunk size must be positive, got ${size}`);
  if (from < 0n) throw new RangeError(`from must be ≥ 0, got ${from}`);
  const out: BlockRange[] = [];
  for (let start = from; start <= to; start += size) {
    const end = start + size - 1n;
    out.push({ from: start, to: end < to ? end : to });
  }
  return out;
}

/**
 * Where a load starts: the block after the last one a previous (complete or interrupted) load read,
 * never before `start` (the registry's deployment block).
 */
export function resumeFrom(start: bigint, lastBlockRead: bigint | null | undefined): bigint {
  if (lastBlockRead === null || lastBlockRead === undefined) return start;
  const next = lastBlockRead + 1n;
  return next > start ? next : start;
}

/** Number of blocks in [from, to] (0 when empty). */
export function blockCount(from: bigint, to: bigint): bigint {
  return to >= from ? to - from + 1n : 0n;
}
