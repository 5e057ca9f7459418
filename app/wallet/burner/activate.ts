/**
 * Lazy entry of the demo wallet (loaded with dynamic import): builds the provider for anvil's
 * public test accounts and announces it through EIP-6963 so wagmi discovers it like any wallet.
 */
import { DEV_CHAIN_ID } from '../../config/build-flags.ts';
import { rpcUrlOf } from '../../lib/chains.ts';
import { ANVIL_PUBLIC_TEST_KEYS } from './keys.ts';
import { createBurnerProvider, httpRpc, type BurnerProvider } from './provider.ts';
import { BURNER_NAME, BURNER_RDNS, rememberBurner } from './storage.ts';

const ICON =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"%3E%3Ccircle cx="16" cy="16" r="14" fill="%23f5a400"/%3E%3C/svg%3E';

let provider: BurnerProvider | undefined;

function keyOf(index: number) {
  const key = ANVIL_PUBLIC_TEST_KEYS[index];
  if (!key) throw new RangeError(`demo account ${index} does not exist`);
  return key;
}

/** Creates (once) and announces the demo wallet with account `index`, remembering the choice. */
export function activateBurner(index: number): BurnerProvider {
  const privateKey = keyOf(index);
  rememberBurner(index);
  if (provider) {
    provider.setAccount(privateKey);
    return provider;
  }
  const chainId = DEV_CHAIN_ID ?? 31337;
  const url = rpcUrlOf(chainId);
  if (!url) throw new Error('no local chain configured');
  const p = createBurnerProvider({ chainId, privateKey, rpc: httpRpc(url) });
  provider = p;
  const detail = Object.freeze({
    info: { uuid: '3b0c7f52-8e0a-4d6e-9c1f-5a2b7d4e6f10', name: BURNER_NAME, icon: ICON, rdns: BURNER_RDNS },
    provider: p,
  });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
  return p;
}
