import { keccak256, stringToHex, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { messageHash } from './DonatePage.tsx';

describe('donation message', () => {
  it('only the keccak256 of the trimmed text goes on-chain; empty → zero hash', () => {
    expect(messageHash('  Boa sorte, vizinha!  ')).toBe(keccak256(stringToHex('Boa sorte, vizinha!')));
    expect(messageHash('   ')).toBe(zeroHash);
  });
});
