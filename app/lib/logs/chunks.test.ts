import { describe, expect, it } from 'vitest';
import { blockCount, planChunks, resumeFrom } from './chunks.ts';

function covered(ranges: { from: bigint; to: bigint }[]): bigint[] {
  const out: bigint[] = [];
  for (const r of ranges) for (let b = r.from; b <= r.to; b++) out.push(b);
  return out;
}

describe('planChunks', () => {
  it('covers [from, to] exactly, in order, with no overlap', () => {
    for (const [from, to, size] of [
      [1n, 1n, 5000n],
      [1n, 12_345n, 5000n],
      [0n, 9_999n, 5000n],
      [7n, 100n, 10n],
      [5n, 6n, 1n],
    ] as const) {
      const chunks = planChunks(from, to, size);
      const blocks = covered(chunks);
      expect(blocks[0]).toBe(from);
      expect(blocks.at(-1)).toBe(to);
      expect(blocks.length).toBe(Number(to - from + 1n));
      expect(new Set(blocks).size).toBe(blocks.length);
      for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.from).toBe(chunks[i - 1]!.to + 1n);
      for (const c of chunks) expect(c.to - c.from + 1n <= size).toBe(true);
    }
  });
  it('splits 12,345 blocks into 5,000-block chunks', () => {
    expect(planChunks(1n, 12_345n, 5000n)).toEqual([
      { from: 1n, to: 5000n },
      { from: 5001n, to: 10_000n },
      { from: 10_001n, to: 12_345n },
    ]);
  });
  it('is empty when there is nothing new', () => {
    expect(planChunks(101n, 100n)).toEqual([]);
    expect(blockCount(101n, 100n)).toBe(0n);
  });
  it('rejects a zero chunk size', () => {
    expect(() => planChunks(1n, 2n, 0n)).toThrow(RangeError);
  });
});

describe('resumeFrom', () => {
  it('starts at the start block without a cache', () => {
    expect(resumeFrom(10n, null)).toBe(10n);
    expect(resumeFrom(10n, undefined)).toBe(10n);
  });
  it('resumes after the last block read', () => {
    expect(resumeFrom(10n, 5_000n)).toBe(5_001n);
    const first = planChunks(10n, 5_000n, 1000n);
    const rest = planChunks(resumeFrom(10n, first.at(-1)!.to), 12_000n, 1000n);
    expect(covered([...first, ...rest]).length).toBe(12_000 - 10 + 1);
  });
  it('never goes before the start block', () => {
    expect(resumeFrom(10n, 3n)).toBe(10n);
  });
});
