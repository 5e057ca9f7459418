import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { abiFile, renderAbis, renderSlices, slicesFile } from '../scripts/generate-abi.ts';

describe('contracts-abi', () => {
  it('is not stale against the compiled contracts (run `npm run abi` when this fails)', () => {
    expect(existsSync(abiFile)).toBe(true);
    expect(readFileSync(abiFile, 'utf8')).toBe(renderAbis());
    expect(readFileSync(slicesFile, 'utf8')).toBe(renderSlices());
  });
});
