import { defineChain, type Chain } from 'viem';
import { anvil } from 'viem/chains';
import { chainsFile } from '../config/chains-file.ts';
import { LOCAL_CHAIN_ID, parseChainConfig, withLocalRpc, type Deployment } from '../config/chain-config.ts';

export { LOCAL_CHAIN_ID, type Deployment };

const modules = import.meta.glob<{ default: Deployment }>('../../contracts-abi/deployments/*.json', { eager: true });

/** The deployments known when the app was built (the fallback when chains.json cannot be read). */
export const bundledDeployments: readonly Deployment[] = withLocalRpc(
  parseChainConfig(Object.values(modules).map((m) => m.default)).deployments,
  import.meta.env?.VITE_LOCAL_RPC_URL,
);

/**
 * The chain list of this release: `./chains.json` next to index.html (read by app/config/boot.ts
 * before this module runs), which an operator may edit after building, before pinning. Bad
 * entries are skipped with a reason in the console (an http RPC other than localhost is
 * also blocked by index.html's CSP, which the browser reports); an unreadable or empty file falls back to the
 * deployments bundled at build time.
 */
function runtimeDeployments(): readonly Deployment[] {
  if (chainsFile.json === undefined) {
    if (chainsFile.error !== undefined) console.warn('chains.json could not be read, using the chains bundled at build time', chainsFile.error);
    return bundledDeployments;
  }
  const { deployments: list, errors } = parseChainConfig(chainsFile.json);
  for (const e of errors) console.warn(`chains.json: ${e}`);
  return list.length > 0 ? list : bundledDeployments;
}

export const deployments: readonly Deployment[] = runtimeDeployments();

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
