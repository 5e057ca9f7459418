/**
 * Block ranges for reading logs in bounded chunks (public RPCs cap eth_getLogs ranges, typically
 * 1k–10k blocks; `capped.ts` walks them and splits a rejected one). Pure: no I/O.
 */
export interface BlockRange {
  from: bigint;
  to: bigint;
}

/** The history's range when none is given: the chain entries' default cap (chain-config.ts DEFAULT_LOGS_BLOCK_RANGE). */
export const DEFAULT_CHUNK_BLOCKS = 1_000n;

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
