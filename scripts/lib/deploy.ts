// Deploys the registry from forge's build output and (on a local chain) seeds the demo
// condominium. Every step is a real transaction signed with a local key, through the same typed
// ABIs the app uses (contracts-abi/).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
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
import { communityRegistryAbi, demoBrlAbi } from '../../contracts-abi/abis.ts';

const root = join(import.meta.dirname, '..', '..');
export const deploymentsDir = join(root, 'contracts-abi', 'deployments');

export interface Deployment {
  chainId: number;
  name: string;
  rpcUrl: string;
  explorerUrl: string | null;
  registry: Address;
  registryBlock: number;
  demoCommunity: Address | null;
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

export async function deployRegistry({ publicClient, walletClient }: Clients): Promise<{
  registry: Address;
  block: number;
}> {
  const hash = await walletClient.deployContract({
    abi: communityRegistryAbi,
    bytecode: artifactBytecode('CommunityRegistry.sol', 'CommunityRegistry'),
    args: ['0x0000000000000000000000000000000000000000'], // 0 = deploy a fresh Community implementation
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('registry deployment failed');
  return { registry: receipt.contractAddress, block: Number(receipt.blockNumber) };
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
