import { defineChain, type Address, type Chain } from 'viem';
import { anvil } from 'viem/chains';

/** Shape of contracts-abi/deployments/<chainId>.json, written by scripts/deploy.ts. */
export interface Deployment {
  chainId: number;
  name: string;
  rpcUrl: string;
  explorerUrl: string | null;
  registry: Address;
  registryBlock: number;
  demoCommunity: Address | null;
}

export const LOCAL_CHAIN_ID = 31337;

const modules = import.meta.glob<{ default: Deployment }>('../../contracts-abi/deployments/*.json', { eager: true });

const envLocalRpc: unknown = import.meta.env?.VITE_LOCAL_RPC_URL;

function loadDeployments(): Deployment[] {
  const list = Object.values(modules)
    .map((m) => m.default)
    .filter((d): d is Deployment => typeof d?.chainId === 'number' && typeof d.registry === 'string')
    .map((d) =>
      d.chainId === LOCAL_CHAIN_ID && typeof envLocalRpc === 'string' && envLocalRpc !== ''
        ? { ...d, rpcUrl: envLocalRpc }
        : d,
    );
  // Local chain first so it is the default when present.
  return list.sort((a, b) => (a.chainId === LOCAL_CHAIN_ID ? -1 : b.chainId === LOCAL_CHAIN_ID ? 1 : a.chainId - b.chainId));
}

export const deployments: readonly Deployment[] = loadDeployments();

export function deploymentOf(chainId: number | undefined): Deployment | undefined {
  return chainId === undefined ? undefined : deployments.find((d) => d.chainId === chainId);
}

export const localDeployment: Deployment | undefined = deploymentOf(LOCAL_CHAIN_ID);

export function chainOf(d: Deployment): Chain {
  if (d.chainId === LOCAL_CHAIN_ID) {
    return { ...anvil, name: d.name, rpcUrls: { default: { http: [d.rpcUrl] } } };
  }
  return defineChain({
    id: d.chainId,
    name: d.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [d.rpcUrl] } },
    ...(d.explorerUrl ? { blockExplorers: { default: { name: 'Explorer', url: d.explorerUrl } } } : {}),
  });
}

const builtChains = deployments.map(chainOf);
/** wagmi needs a non-empty tuple; without any deployment fall back to plain anvil. */
export const chains: readonly [Chain, ...Chain[]] =
  builtChains.length > 0 ? [builtChains[0]!, ...builtChains.slice(1)] : [anvil];

export function rpcUrlOf(chainId: number): string | undefined {
  return deploymentOf(chainId)?.rpcUrl ?? chains.find((c) => c.id === chainId)?.rpcUrls.default.http[0];
}

export function explorerOf(chainId: number): string | null {
  return deploymentOf(chainId)?.explorerUrl ?? null;
}
