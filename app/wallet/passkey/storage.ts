/**
 * Tiny, key-free facts about this browser's passkey account, safe in the first-load bundle: which
 * kind of access it has (a passkey whose PRF derives the key, or a key kept here under a PIN) and
 * the address, so the connect screen offers "Entrar" rather than "Criar acesso". Never the key.
 */
import type { Address } from 'viem';

export { PASSKEY_RDNS } from '../rdns.ts';
export const PASSKEY_NAME = 'Passkey Compartilha';
const STORAGE_KEY = 'compartilha.passkey';
/** The PIN-encrypted key of a browser without PRF (pin.ts `SealedKey`, as JSON). */
export const SEALED_KEY = 'compartilha.passkey.sealed';

export type PasskeyKind = 'prf' | 'pin';
export interface RememberedAccess {
  kind: PasskeyKind;
  address: Address;
}

export function rememberedAccess(): RememberedAccess | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<RememberedAccess>;
    if ((v.kind === 'prf' || v.kind === 'pin') && typeof v.address === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v.address))
      return { kind: v.kind, address: v.address as Address };
    return undefined;
  } catch {
    return undefined;
  }
}

export function rememberAccess(access: RememberedAccess): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(access));
  } catch {
    /* private mode: the next visit offers both buttons again */
  }
}

/** Can this browser make passkeys at all (WebAuthn in a secure context)? */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && typeof window.PublicKeyCredential === 'function' && !isIpHost(window.location.hostname);
}

/**
 * An IP address as the page's host (`127.0.0.1`, `[::1]`): WebAuthn takes only a domain as its
 * relying party, so passkeys cannot work there (use `localhost`) and the card is not offered.
 */
export function isIpHost(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('['); // IPv6 hosts come bracketed
}
