/**
 * Lazy entry of the passkey wallet (loaded with dynamic import when the resident taps "Criar
 * acesso" or "Entrar"): turns a passkey (or the PIN fallback) into an account key held in memory,
 * wraps it in the in-page EIP-1193 provider and announces it through EIP-6963, so wagmi connects it
 * like any wallet. The key is never stored or sent; a reload forgets it (one prompt signs back in).
 */
import type { Address, Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { rpcUrlOf } from '../../lib/chains.ts';
import { createBurnerProvider, httpRpc, type BurnerProvider } from '../burner/provider.ts';
import { keyFromPrf } from './derive.ts';
import { openKey, parseSealed, randomKey, sealKey } from './pin.ts';
import { PASSKEY_NAME, PASSKEY_RDNS, rememberAccess, SEALED_KEY } from './storage.ts';
import { createPasskey, getPasskey } from './webauthn.ts';

const ICON =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"%3E%3Crect x="4" y="4" width="24" height="24" rx="6" fill="%230a6e4f"/%3E%3C/svg%3E';

let provider: BurnerProvider | undefined;

/** What a ceremony ended in: an account announced to wagmi, or the PIN fallback needed. */
export type AccessOutcome = { kind: 'ready'; address: Address } | { kind: 'needsPin' };

function announce(chainId: number, key: Hex): Address {
  if (provider) {
    provider.setAccount(key);
    return provider.address;
  }
  const url = rpcUrlOf(chainId);
  if (!url) throw new Error(`no RPC configured for chain ${chainId}`);
  // Zero-gas chains: every write of the app carries zero fees (lib/chains.ts feesOf), which the provider keeps.
  const p = createBurnerProvider({ chainId, privateKey: key, rpc: httpRpc(url), walletName: PASSKEY_NAME });
  provider = p;
  const detail = Object.freeze({ info: { uuid: 'a7d1c6e2-5b3f-4f0a-9e8d-2c4b6a8f1e37', name: PASSKEY_NAME, icon: ICON, rdns: PASSKEY_RDNS }, provider: p });
  const send = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  window.addEventListener('eip6963:requestProvider', send);
  send();
  return p.address;
}

/** "Criar acesso": a new passkey named `label`; its PRF output is the account. */
export async function createAccess(label: string, chainId: number): Promise<AccessOutcome> {
  return fromPrf(chainId, (await createPasskey(label)).prf);
}

/** "Entrar": one of this site's passkeys (synced ones too); the same passkey, the same address. */
export async function signIn(chainId: number): Promise<AccessOutcome> {
  return fromPrf(chainId, (await getPasskey()).prf);
}

/** A ceremony's PRF output as the account (remembered as a PRF access), or the PIN fallback when it gave none. */
async function fromPrf(chainId: number, prf: Parameters<typeof keyFromPrf>[0] | undefined): Promise<AccessOutcome> {
  if (!prf) return { kind: 'needsPin' };
  const address = announce(chainId, await keyFromPrf(prf));
  rememberAccess({ kind: 'prf', address });
  return { kind: 'ready', address };
}

/** The fallback: a new key for this browser only, kept encrypted under `pin`. */
export async function createPinAccess(pin: string, chainId: number): Promise<Address> {
  // Never over another key: that account would be lost with it.
  if (parseSealed(localStorage.getItem(SEALED_KEY))) throw new Error('a key is already kept in this browser');
  const key = randomKey();
  const sealed = await sealKey(key, pin);
  localStorage.setItem(SEALED_KEY, JSON.stringify(sealed));
  const address = privateKeyToAddress(key);
  rememberAccess({ kind: 'pin', address });
  return announce(chainId, key);
}

/** The fallback's sign-in: undefined when the PIN is wrong. */
export async function openPinAccess(pin: string, chainId: number): Promise<Address | undefined> {
  const sealed = parseSealed(localStorage.getItem(SEALED_KEY));
  if (!sealed) throw new Error('no key kept in this browser');
  const key = await openKey(sealed, pin);
  return key ? announce(chainId, key) : undefined;
}
