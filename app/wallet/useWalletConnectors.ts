import { useConnectors } from 'wagmi';
import { BURNER_RDNS, PASSKEY_RDNS } from './rdns.ts';

function hasInjectedGlobal(): boolean {
  return typeof window !== 'undefined' && (window as { ethereum?: unknown }).ethereum !== undefined;
}

/**
 * Wallets to offer: every EIP-6963 wallet except our own two (the demo and the passkey wallets, each with its card), plus the generic injected
 * connector only when window.ethereum exists and no EIP-6963 wallet announced itself.
 */
export function useWalletConnectors() {
  const connectors = useConnectors();
  const discovered = connectors.filter((c) => c.id !== 'injected' && c.id !== BURNER_RDNS && c.id !== PASSKEY_RDNS);
  const generic = connectors.filter((c) => c.id === 'injected' && hasInjectedGlobal() && discovered.length === 0);
  return [...discovered, ...generic];
}
