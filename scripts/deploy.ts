// Deploys the registry to any EVM chain and writes contracts-abi/deployments/<chainId>.json.
//   RPC_URL=https://… PRIVATE_KEY=0x… [CHAIN_NAME="Besu QBFT da cooperativa"] [EXPLORER_URL=…] npm run deploy
import { createPublicClient, defineChain, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployRegistry, makeClients, writeDeployment } from './lib/deploy.ts';

const rpcUrl = process.env.RPC_URL;
const privateKey = process.env.PRIVATE_KEY as Hex | undefined;
if (!rpcUrl || !privateKey) {
  console.error('Set RPC_URL and PRIVATE_KEY (0x…) in the environment. Nothing was deployed.');
  process.exit(1);
}
const probe = createPublicClient({ transport: http(rpcUrl) });
const chainId = await probe.getChainId().catch((error: unknown) => {
  console.error(`Could not reach ${rpcUrl}: ${(error as Error).message}`);
  process.exit(1);
});
const name = process.env.CHAIN_NAME ?? `Chain ${chainId}`;
const chain = defineChain({
  id: chainId,
  name,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const account = privateKeyToAccount(privateKey);
console.log(`Deploying the registry on ${name} (chain ${chainId}) from ${account.address}…`);
const { registry, block } = await deployRegistry(makeClients(rpcUrl, chain, account));
const path = writeDeployment({
  chainId,
  name,
  rpcUrl,
  explorerUrl: process.env.EXPLORER_URL ?? null,
  registry,
  registryBlock: block,
  demoCommunity: null,
  paymentToken: null,
});
console.log(`registry ${registry} at block ${block}\nwrote ${path}: commit it, then build and pin the app.`);
