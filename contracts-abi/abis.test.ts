import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { abiFile, renderAbis } from '../scripts/generate-abi.ts';

describe('contracts-abi', () => {
  it('is not stale against the compiled contracts (run `npm run abi` when this fails)', () => {
    expect(existsSync(abiFile)).toBe(true);
    expect(readFileSync(abiFile, 'utf8')).toBe(renderAbis());
  });
});
