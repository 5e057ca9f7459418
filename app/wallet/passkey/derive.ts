/**
 * The account key from a passkey's PRF output: HKDF-SHA-256 (WebCrypto) over the 32 PRF bytes, with
 * a fixed salt and info naming this use, read as a secp256k1 scalar. The same passkey (synced to
 * another phone) gives the same output, so the same address; nothing is stored. A scalar out of
 * range (probability below 2⁻¹²⁷) is re-derived with a counter in the info.
 */
import { bytesToHex, type Hex } from 'viem';

/** The PRF input the app asks every passkey to evaluate (the browser hashes it with "WebAuthn PRF"). */
export const PRF_INPUT: Uint8Array<ArrayBuffer> = new TextEncoder().encode('compartilha/passkey-account/v1/prf');
const HKDF_SALT = new TextEncoder().encode('compartilha/passkey-account/v1');
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A 32-byte value usable as a secp256k1 private key (0 < k < n). */
export function isValidKey(key: Hex): boolean {
  const k = BigInt(key);
  return k > 0n && k < SECP256K1_N;
}

export async function keyFromPrf(prf: Uint8Array<ArrayBuffer>): Promise<Hex> {
  if (prf.length < 32) throw new Error('PRF output too short');
  const ikm = await crypto.subtle.importKey('raw', prf, 'HKDF', false, ['deriveBits']);
  for (let counter = 0; counter < 8; counter++) {
    const info = new TextEncoder().encode(`secp256k1 account key ${counter}`);
    const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info }, ikm, 256));
    const key = bytesToHex(bits);
    if (isValidKey(key)) return key;
  }
  throw new Error('no valid key derived');
}
