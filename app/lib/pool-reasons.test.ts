import { keccak256, stringToHex, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { POOL_REASONS, poolReasonHash, poolReasonLabel, poolReasonOf, poolReasonPhrase, poolReasonString } from './pool-reasons.ts';

describe('pool reasons', () => {
  it('each code hashes its canonical string and the hash maps back to the same code', () => {
    for (const code of POOL_REASONS) {
      const h = poolReasonHash(code);
      expect(h).toBe(keccak256(stringToHex(`compartilha:pool-reason:${code}`)));
      expect(poolReasonOf(h)).toBe(code);
      expect(poolReasonOf(h.toUpperCase().replace('0X', '0x'))).toBe(code);
    }
  });

  it('the four hashes are distinct and the social tariff string is the documented one', () => {
    expect(new Set(POOL_REASONS.map(poolReasonHash)).size).toBe(POOL_REASONS.length);
    expect(poolReasonString('social-tariff')).toBe('compartilha:pool-reason:social-tariff');
  });

  it('zero, a free-text hash or garbage read as unknown', () => {
    expect(poolReasonOf(zeroHash)).toBe('unknown');
    expect(poolReasonOf(keccak256(stringToHex('família do 102')))).toBe('unknown');
    expect(poolReasonOf(keccak256(stringToHex('compartilha:pool-reason:Social-Tariff')))).toBe('unknown');
    expect(poolReasonOf('0x1234')).toBe('unknown');
  });

  it('plain words in both languages', () => {
    expect(poolReasonPhrase('social-tariff', 'pt-BR')).toBe('motivo: tarifa social');
    expect(poolReasonPhrase('social-tariff', 'en')).toBe('reason: social tariff');
    expect(poolReasonPhrase('unknown', 'pt-BR')).toBe('motivo registrado pelo gestor');
    expect(poolReasonPhrase('unknown', 'en')).toBe('reason recorded by the manager');
    for (const code of POOL_REASONS) for (const lang of ['pt-BR', 'en'] as const) expect(poolReasonLabel(code, lang)).not.toBe('');
  });
});
