import { describe, expect, it } from 'vitest';
import { openKey, parseSealed, pinProblem, randomKey, sealKey } from './pin.ts';

// Few PBKDF2 rounds here: the test is about the format and the checks, not the cost.
const ROUNDS = 1_000;

describe('the PIN fallback', () => {
  it('opens with the right PIN only; an altered copy opens with none', async () => {
    const key = randomKey();
    const sealed = await sealKey(key, '482915', ROUNDS);
    expect(JSON.stringify(sealed)).not.toContain(key.slice(2));
    expect(await openKey(sealed, '482915', ROUNDS)).toBe(key);
    expect(await openKey(sealed, '482916', ROUNDS)).toBeUndefined();
    const flipped = { ...sealed, sealed: `0x${sealed.sealed.slice(2, -2)}${sealed.sealed.endsWith('00') ? '01' : '00'}` as const };
    expect(await openKey(flipped, '482915', ROUNDS)).toBeUndefined();
  });

  it('salts each sealing: the same key and PIN never give the same stored bytes', async () => {
    const key = randomKey();
    const [a, b] = await Promise.all([sealKey(key, '730461', ROUNDS), sealKey(key, '730461', ROUNDS)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.sealed).not.toBe(b.sealed);
  });

  it('reads back only a well-formed stored copy', async () => {
    const sealed = await sealKey(randomKey(), '730461', ROUNDS);
    expect(parseSealed(JSON.stringify(sealed))).toEqual(sealed);
    expect(parseSealed('{"v":2}')).toBeUndefined();
    expect(parseSealed('not json')).toBeUndefined();
    expect(parseSealed(null)).toBeUndefined();
  });

  it('refuses short, non-digit, repeated and consecutive PINs', () => {
    expect(pinProblem('12345')).toBe('short');
    expect(pinProblem('12a456')).toBe('digits');
    expect(pinProblem('111111')).toBe('weak');
    expect(pinProblem('123456')).toBe('weak');
    expect(pinProblem('987654')).toBe('weak');
    expect(pinProblem('482915')).toBeUndefined();
    expect(pinProblem('13579135')).toBeUndefined();
  });
});
