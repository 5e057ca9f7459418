import { keccak256, stringToHex, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { ADJUST_REASONS, adjustReasonHash, adjustReasonLabel, adjustReasonOf, adjustReasonPhrase } from './adjust-reasons.ts';
import { POOL_REASONS, poolReasonHash } from './pool-reasons.ts';

describe('adjustment reasons', () => {
  it('each code hashes its canonical string and the hash maps back to the same code', () => {
    for (const code of ADJUST_REASONS) {
      const h = adjustReasonHash(code);
      expect(h).toBe(keccak256(stringToHex(`compartilha:adjust-reason:${code}`)));
      expect(adjustReasonOf(h)).toBe(code);
      expect(adjustReasonOf(h.toUpperCase().replace('0X', '0x'))).toBe(code);
    }
    expect(new Set(ADJUST_REASONS.map(adjustReasonHash)).size).toBe(ADJUST_REASONS.length);
  });

  it('zero, free text (what older apps hashed) and a pool reason read as unknown', () => {
    expect(adjustReasonOf(zeroHash)).toBe('unknown');
    expect(adjustReasonOf(keccak256(stringToHex('conta de 11/2026')))).toBe('unknown');
    for (const p of POOL_REASONS) expect(adjustReasonOf(poolReasonHash(p))).toBe('unknown');
  });

  it('plain words in both languages', () => {
    expect(adjustReasonPhrase('reading-correction', 'pt-BR')).toBe('motivo: correção de leitura');
    expect(adjustReasonPhrase('bill-balance', 'en')).toBe("reason: credit balance on the distributor's bill");
    expect(adjustReasonPhrase('unknown', 'en')).toBe('reason recorded by the manager (not in the list)');
    for (const code of ADJUST_REASONS) for (const lang of ['pt-BR', 'en'] as const) expect(adjustReasonLabel(code, lang)).not.toBe('');
  });
});
