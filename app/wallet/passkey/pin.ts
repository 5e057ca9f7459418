/**
 * The fallback where a passkey has no PRF (older iPhones, some desktop browsers): a random key made
 * in this browser and kept here, encrypted with AES-256-GCM under a key derived from the resident's
 * PIN (PBKDF2-SHA-256, 600,000 iterations, random salt). It lives only in this browser: a lost
 * phone means asking the síndico for a new invitation. A wrong PIN fails the GCM tag: nothing leaks.
 */
import { bytesToHex, hexToBytes, type Hex } from 'viem';
import { isValidKey } from './derive.ts';

/** viem's bytes as a WebCrypto BufferSource (always a plain ArrayBuffer here). */
const bytes = (hex: Hex): Uint8Array<ArrayBuffer> => new Uint8Array(hexToBytes(hex));

export const PIN_ITERATIONS = 600_000;
export const MIN_PIN_LENGTH = 6;

export interface SealedKey {
  v: 1;
  salt: Hex;
  iv: Hex;
  sealed: Hex;
}

/** A PIN the app accepts: at least six digits, not all the same, not a plain run (123456, 654321). */
export function pinProblem(pin: string): 'short' | 'digits' | 'weak' | undefined {
  if (!/^\d*$/.test(pin)) return 'digits';
  if (pin.length < MIN_PIN_LENGTH) return 'short';
  const d = [...pin].map(Number);
  const step = d[1]! - d[0]!;
  if (Math.abs(step) <= 1 && d.every((x, i) => i === 0 || x - d[i - 1]! === step)) return 'weak';
  return undefined;
}

async function wrappingKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function sealKey(key: Hex, pin: string, iterations = PIN_ITERATIONS): Promise<SealedKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await wrappingKey(pin, salt, iterations), bytes(key));
  return { v: 1, salt: bytesToHex(salt), iv: bytesToHex(iv), sealed: bytesToHex(new Uint8Array(sealed)) };
}

/** The key, or undefined when the PIN is wrong (or the stored copy was altered). */
export async function openKey(s: SealedKey, pin: string, iterations = PIN_ITERATIONS): Promise<Hex | undefined> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(s.iv) }, await wrappingKey(pin, bytes(s.salt), iterations), bytes(s.sealed));
    return bytesToHex(new Uint8Array(plain));
  } catch {
    return undefined;
  }
}

export function parseSealed(raw: string | null | undefined): SealedKey | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<SealedKey>;
    const hex = (x: unknown): x is Hex => typeof x === 'string' && /^0x[0-9a-f]*$/i.test(x);
    return v.v === 1 && hex(v.salt) && hex(v.iv) && hex(v.sealed) ? { v: 1, salt: v.salt, iv: v.iv, sealed: v.sealed } : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh random account key (for the PIN fallback only). */
export function randomKey(): Hex {
  for (;;) {
    const k = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
    if (isValidKey(k)) return k;
  }
}
