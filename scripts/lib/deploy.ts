// Deploys the registry from forge's build output and (on a local chain) seeds the demo
// condominium. Every step is a real transaction signed with a local key, through the same typed
// ABIs the app uses (contracts-abi/).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  concatHex,
  encodeAbiParameters,
  createPublicClient,
  createWalletClient,
  http,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type WalletClient,
  type Transport,
} from 'viem';
import { demoBrlAbi } from '../../contracts-abi/abis.ts';
import type { Deployment as ChainEntry } from '../../app/config/chain-config.ts';

const root = join(import.meta.dirname, '..', '..');
/** Where deployments are written (COMPARTILHA_DEPLOYMENTS_DIR overrides it, e.g. for a test's own chain). */
export const deploymentsDir = process.env.COMPARTILHA_DEPLOYMENTS_DIR ?? join(root, 'contracts-abi', 'deployments');

/** A deployment file: the app's chain entry (one definition, app/config/chain-config.ts) plus the demo token. */
export interface Deployment extends ChainEntry {
  /** The demo community's payment token (DemoBRL, local chain only; null elsewhere). */
  paymentToken: Address | null;
}

export interface Clients {
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain, Account>;
}

export function makeClients(rpcUrl: string, chain: Chain, account: Account): Clients {
  const transport = http(rpcUrl);
  // A local chain mines at once: poll receipts quickly (viem's default waits 4 s between polls).
  const pollingInterval = chain.id === 31337 ? 20 : 4_000;
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval }) as PublicClient<Transport, Chain>,
    walletClient: createWalletClient({ chain, transport, account, pollingInterval }),
  };
}

function artifactBytecode(file: string, contract: string): Hex {
  const path = join(root, 'contracts', 'out', file, `${contract}.json`);
  if (!existsSync(path)) throw new Error(`missing ${path}: run \`npm run contracts:build\` first`);
  const artifact = JSON.parse(readFileSync(path, 'utf8')) as { bytecode: { object: Hex } };
  return artifact.bytecode.object;
}

/** Fees on a chain: `zero` (a permissioned network with gas price 0: every transaction goes out with zero fees) or `market`. */
export type FeeMode = 'zero' | 'market';

/** Zero fees where the chain charges nothing; viem's estimate otherwise (anvil answers a 1 gwei tip even at gas price 0). */
export function feesFor(mode: FeeMode): { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | Record<string, never> {
  return mode === 'zero' ? { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n } : {};
}

/** The node's gas price decides: 0 → `zero`. */
export async function detectFeeMode(publicClient: PublicClient<Transport, Chain>): Promise<FeeMode> {
  return (await publicClient.getGasPrice()) === 0n ? 'zero' : 'market';
}

/** The contracts a deployment creates, in order; each is its own transaction. */
export const DEPLOY_STEPS = ['views', 'communityImplementation', 'marketImplementation', 'registry'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];
export type DeployedAddresses = Partial<Record<DeployStep, { address: Address; block: number; gasUsed: number }>>;

/** The creation code (constructor arguments included) of a step, given what exists already. */
export function creationCode(step: DeployStep, done: DeployedAddresses): Hex {
  switch (step) {
    case 'views':
      return artifactBytecode('CommunityViews.sol', 'CommunityViews');
    case 'communityImplementation':
      return concatHex([artifactBytecode('Community.sol', 'Community'), encodeAbiParameters([{ type: 'address' }], [need(done, 'views')])]);
    case 'marketImplementation':
      return artifactBytecode('CommunityMarket.sol', 'CommunityMarket');
    case 'registry':
      return concatHex([
        artifactBytecode('CommunityRegistry.sol', 'CommunityRegistry'),
        encodeAbiParameters([{ type: 'address' }, { type: 'address' }], [need(done, 'communityImplementation'), need(done, 'marketImplementation')]),
      ]);
  }
}

function need(done: DeployedAddresses, step: DeployStep): Address {
  const d = done[step];
  if (!d) throw new Error(`${step} must be deployed first`);
  return d.address;
}

export interface DeployOptions {
  fees?: FeeMode;
  /** Called after each step with everything deployed so far (to save progress and resume). */
  onStep?: (step: DeployStep, done: DeployedAddresses) => void;
  /** Steps already deployed (a resumed deployment); each is checked to have code. */
  resume?: DeployedAddresses;
  log?: (line: string) => void;
}

/**
 * Deploys the views, the two implementations and the registry, one transaction each (the largest,
 * Community, about 4.6M gas; the registry's constructor no longer creates them, which took 9.8M
 * in one transaction). Steps in `resume` whose address holds code are skipped.
 */
export async function deployAll(
  { publicClient, walletClient }: Clients,
  opts: DeployOptions = {},
): Promise<Required<Record<DeployStep, { address: Address; block: number; gasUsed: number }>>> {
  const done: DeployedAddresses = {};
  const log = opts.log ?? (() => {});
  for (const step of DEPLOY_STEPS) {
    const prior = opts.resume?.[step];
    if (prior && ((await publicClient.getCode({ address: prior.address })) ?? '0x') !== '0x') {
      done[step] = prior;
      log(`${step.padEnd(24)} ${prior.address} (already deployed at block ${prior.block}, reused)`);
      continue;
    }
    const hash = await walletClient.sendTransaction({ data: creationCode(step, done), ...feesFor(opts.fees ?? 'market') });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`${step}: the deployment transaction ${hash} reverted`);
    done[step] = { address: receipt.contractAddress, block: Number(receipt.blockNumber), gasUsed: Number(receipt.gasUsed) };
    log(`${step.padEnd(24)} ${receipt.contractAddress} block ${receipt.blockNumber}, ${receipt.gasUsed.toLocaleString('en-US')} gas`);
    opts.onStep?.(step, done);
  }
  return done as Required<typeof done>;
}

/** The registry with everything it clones, for local chains and tests (see deployAll). */
export async function deployRegistry(clients: Clients, fees: FeeMode = 'market'): Promise<{ registry: Address; block: number }> {
  const done = await deployAll(clients, { fees });
  return { registry: done.registry.address, block: done.registry.block };
}

/** Deploys DemoBRL (play money for the local chain only) owned by the deployer. */
export async function deployDemoBrl({ publicClient, walletClient }: Clients): Promise<Address> {
  const hash = await walletClient.deployContract({
    abi: demoBrlAbi,
    bytecode: artifactBytecode('DemoBRL.sol', 'DemoBRL'),
    args: [walletClient.account.address],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('DemoBRL deployment failed');
  return receipt.contractAddress;
}

export function writeDeployment(deployment: Deployment): string {
  const path = join(deploymentsDir, `${deployment.chainId}.json`);
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
  return path;
}
