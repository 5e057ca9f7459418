import { http, type Transport } from 'viem';
import { createConfig, injected } from 'wagmi';
import { chains } from './chains.ts';
import { watchedTransport } from './rpc/health.ts';

// Every request reports to rpcHealth (app/lib/rpc/health.ts): the outage banner and recovery.
const transports: Record<number, Transport> = Object.fromEntries(
  chains.map((c) => [c.id, watchedTransport(http(c.rpcUrls.default.http[0], { retryCount: 0 }))]),
);

/** The single wagmi config of the app. EIP-6963 discovery is on (multiInjectedProviderDiscovery). */
export const config = createConfig({
  chains,
  connectors: [injected()],
  transports,
  multiInjectedProviderDiscovery: true,
  // No multicall batching and no polling: the dashboard budget is ≤ 2 JSON-RPC calls.
  batch: { multicall: false },
  pollingInterval: 60_000,
});

declare module 'wagmi' {
  interface Register {
    config: typeof config;
  }
}
