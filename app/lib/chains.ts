import { defineChain, type Chain } from 'viem';
import { chainsFile } from '../config/chains-file.ts';
import { DEFAULT_LOGS_BLOCK_RANGE, parseChainConfig, type Deployment } from '../config/chain-config.ts';
import { DEV_CHAIN_ID } from '../config/build-flags.ts';

export { type Deployment };

/**
 * The chain list of this release: `./chains.json` next to index.html (read by app/config/boot.ts
 * before this module runs), which an operator may edit after building, before pinning. Bad
 * entries are skipped with a reason in the console. Nothing is bundled as a fallback: boot.ts shows
 * a plain message instead of starting the app when the file is missing, unreadable or lists no
 * usable chain. A production release lists no development chain: its build leaves it out and
 * `npm run release` refuses one (scripts/release.ts).
 */
function runtimeDeployments(): readonly Deployment[] {
  const { deployments: list, errors } = parseChainConfig(chainsFile.json ?? [], DEV_CHAIN_ID);
  for (const e of errors) console.warn(`chains.json: ${e}`);
  return list;
}

export const deployments: readonly Deployment[] = runtimeDeployments();

export function deploymentOf(chainId: number | undefined): Deployment | undefined {
  return chainId === undefined ? undefined : deployments.find((d) => d.chainId === chainId);
}

/** The local development chain, only in a development build (the demo wallet needs it). */
export const localDeployment: Deployment | undefined = DEV_CHAIN_ID === undefined ? undefined : deploymentOf(DEV_CHAIN_ID);

/** Zero fees on a chain that charges no gas: nodes (anvil, Hardhat) still suggest a 1 gwei tip there. */
export const ZERO_FEES = { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n } as const;

export function chainOf(d: Deployment): Chain {
  return defineChain({
    id: d.chainId,
    name: d.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [d.rpcUrl] } },
    ...(d.explorerUrl ? { blockExplorers: { default: { name: 'Explorer', url: d.explorerUrl } } } : {}),
    ...(d.zeroGas ? { fees: { estimateFeesPerGas: async () => ZERO_FEES } } : {}),
  });
}

/** Fee fields every write on `chainId` carries: zero on a zero-gas chain, none (the wallet prices it) elsewhere. */
export function feesOf(chainId: number): typeof ZERO_FEES | Record<string, never> {
  return deploymentOf(chainId)?.zeroGas ? ZERO_FEES : {};
}

const builtChains = deployments.map(chainOf);
/** wagmi needs a non-empty tuple; boot.ts never starts the app without a chain, so the placeholder is never used. */
const placeholder = defineChain({ id: 1, name: '—', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [] } } });
export const chains: readonly [Chain, ...Chain[]] = builtChains.length > 0 ? [builtChains[0]!, ...builtChains.slice(1)] : [placeholder];

export function rpcUrlOf(chainId: number): string | undefined {
  return deploymentOf(chainId)?.rpcUrl;
}

export function explorerOf(chainId: number): string | null {
  return deploymentOf(chainId)?.explorerUrl ?? null;
}

/** The most blocks one eth_getLogs may span on `chainId` (its entry's logsBlockRange; 1,000 when unknown). */
export function logsRangeOf(chainId: number | undefined): bigint {
  return BigInt(deploymentOf(chainId)?.logsBlockRange ?? DEFAULT_LOGS_BLOCK_RANGE);
}
