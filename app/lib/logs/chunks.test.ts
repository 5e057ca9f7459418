import { describe, expect, it } from 'vitest';
import { blockCount, resumeFrom } from './chunks.ts';

describe('blockCount', () => {
  it('counts [from, to] inclusive, 0 when empty', () => {
    expect(blockCount(1n, 12_345n)).toBe(12_345n);
    expect(blockCount(100n, 100n)).toBe(1n);
    expect(blockCount(101n, 100n)).toBe(0n);
  });
});

describe('resumeFrom', () => {
  it('starts at the start block without a cache', () => {
    expect(resumeFrom(10n, null)).toBe(10n);
    expect(resumeFrom(10n, undefined)).toBe(10n);
  });
  it('resumes after the last block read', () => {
    expect(resumeFrom(10n, 5_000n)).toBe(5_001n);
  });
  it('never goes before the start block', () => {
    expect(resumeFrom(10n, 3n)).toBe(10n);
  });
});
