import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { isValidKey, keyFromPrf, PRF_INPUT } from './derive.ts';

const prf = (fill: number) => new Uint8Array(32).fill(fill);

describe('passkey key derivation', () => {
  it('is HKDF-SHA-256 of the PRF output with the app salt and info (checked against @noble/hashes)', async () => {
    const out = prf(7);
    const expected = hkdf(sha256, out, new TextEncoder().encode('compartilha/passkey-account/v1'), new TextEncoder().encode('secp256k1 account key 0'), 32);
    expect(await keyFromPrf(out)).toBe(bytesToHex(expected));
  });

  it('gives the same address for the same passkey output and another for another', async () => {
    const a1 = privateKeyToAddress(await keyFromPrf(prf(1)));
    const a2 = privateKeyToAddress(await keyFromPrf(prf(1)));
    const b = privateKeyToAddress(await keyFromPrf(prf(2)));
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
  });

  it('refuses a short PRF output and accepts only keys in the curve order', async () => {
    await expect(keyFromPrf(new Uint8Array(16))).rejects.toThrow(/too short/);
    expect(isValidKey(`0x${'00'.repeat(32)}`)).toBe(false);
    expect(isValidKey('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141')).toBe(false);
    expect(isValidKey('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140')).toBe(true);
  });

  it('asks every passkey for the same PRF input', () => {
    expect(new TextDecoder().decode(PRF_INPUT)).toBe('compartilha/passkey-account/v1/prf');
  });
});
