import { useConnectors } from 'wagmi';
import { BURNER_RDNS } from './burner/storage.ts';

function hasInjectedGlobal(): boolean {
  return typeof window !== 'undefined' && (window as { ethereum?: unknown }).ethereum !== undefined;
}

/**
 * Wallets to offer: every EIP-6963 wallet except our demo one, plus the generic injected
 * connector only when window.ethereum exists and no EIP-6963 wallet announced itself.
 */
export function useWalletConnectors() {
  const connectors = useConnectors();
  const discovered = connectors.filter((c) => c.id !== 'injected' && c.id !== BURNER_RDNS);
  const generic = connectors.filter((c) => c.id === 'injected' && hasInjectedGlobal() && discovered.length === 0);
  return [...discovered, ...generic];
}
