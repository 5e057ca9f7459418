// `npm run deploy`: deploys Compartilha's contracts to any EVM chain and writes
// contracts-abi/deployments/<chainId>.json (COMPARTILHA_DEPLOYMENTS_DIR to write elsewhere).
//   RPC_URL=https://… PRIVATE_KEY=0x… [CHAIN_NAME="Besu da cooperativa"] [EXPLORER_URL=…]
//   [GAS=zero|market] [LOGS_BLOCK_RANGE=5000] npm run deploy
// - LOGS_BLOCK_RANGE: the most blocks the node serves in one eth_getLogs (Besu --rpc-max-logs-range,
//   5,000 by default; public RPCs often 1,000), written as the entry's logsBlockRange (default 1,000).
// - GAS: `zero` sends every transaction with zero fees (a permissioned network with gas price 0),
//   `market` lets the node price them; by default the node's eth_gasPrice decides (0 → zero).
// - Four transactions (views, Community, CommunityMarket, registry), none above 6M gas (a contract near the
//   24 KB limit costs about 5.2M to deploy). Before
//   sending anything it checks the node, the block gas limit and, on a chain with gas, the balance.
// - Progress is saved after each transaction in <chainId>.partial.json: run the same command again
//   to resume; what exists is reused, nothing is deployed twice.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, defineChain, formatEther, http, isHex, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  creationCode,
  deployAll,
  feesFor,
  deploymentsDir,
  detectFeeMode,
  DEPLOY_STEPS,
  makeClients,
  writeDeployment,
  type DeployedAddresses,
  type FeeMode,
} from './lib/deploy.ts';
import { DEFAULT_LOGS_BLOCK_RANGE } from '../app/config/chain-config.ts';

/** No deployment transaction may need more (many permissioned networks cap blocks near it). */
const MAX_TX_GAS = 6_000_000n;

function fail(message: string): never {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}

const rpcUrl = process.env.RPC_URL;
const privateKey = process.env.PRIVATE_KEY;
if (!rpcUrl || !privateKey) fail('Set RPC_URL (the node, http or https) and PRIVATE_KEY (0x…, the deployer) in the environment. Nothing was deployed.');
if (!isHex(privateKey) || privateKey.length !== 66) fail('PRIVATE_KEY must be 0x followed by 64 hex digits. Nothing was deployed.');
const gasOverride = process.env.GAS;
if (gasOverride !== undefined && gasOverride !== 'zero' && gasOverride !== 'market')
  fail(`GAS must be "zero" or "market" (got "${gasOverride}"). Nothing was deployed.`);

const logsRangeEnv = process.env.LOGS_BLOCK_RANGE;
const logsBlockRange = logsRangeEnv === undefined ? DEFAULT_LOGS_BLOCK_RANGE : Number(logsRangeEnv);
if (!Number.isSafeInteger(logsBlockRange) || logsBlockRange <= 0)
  fail(`LOGS_BLOCK_RANGE must be a positive integer, the node's eth_getLogs block cap (got "${logsRangeEnv}"). Nothing was deployed.`);

const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 1, timeout: 10_000 }) });
const chainId = await probe
  .getChainId()
  .catch((error: unknown) =>
    fail(
      `Could not reach the node at ${rpcUrl} (${(error as Error).message.split('\n')[0]}). Check RPC_URL and that the node is running. Nothing was deployed.`,
    ),
  );
const name = process.env.CHAIN_NAME ?? `Chain ${chainId}`;
const chain = defineChain({
  id: chainId,
  name,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const account = privateKeyToAccount(privateKey as Hex);
const clients = makeClients(rpcUrl, chain, account);
const { publicClient } = clients;
const fees: FeeMode = (gasOverride as FeeMode | undefined) ?? (await detectFeeMode(publicClient));

const partialPath = join(deploymentsDir, `${chainId}.partial.json`);
const resume: DeployedAddresses = existsSync(partialPath) ? (JSON.parse(readFileSync(partialPath, 'utf8')) as DeployedAddresses) : {};
const resumed = Object.keys(resume).length > 0;

console.log(`Compartilha deployment
  chain     ${name} (chain id ${chainId}) at ${rpcUrl}
  deployer  ${account.address}
  fees      ${fees === 'zero' ? 'zero (gas price 0: the deployer needs no ETH)' : 'market (priced by the node)'}${gasOverride ? ' — set by GAS' : ' — detected from eth_gasPrice'}${resumed ? `\n  resuming  ${partialPath} (${Object.keys(resume).join(', ')} already deployed)` : ''}`);

// Gas of each step, estimated before anything is sent. The registry's constructor checks that the
// implementations exist, so it is estimated once they do (a small contract: ~1M gas).
const latest = await publicClient.getBlock({ blockTag: 'latest' });
const tooSmall = (needed: bigint) =>
  fail(
    `The chain's block gas limit is ${latest.gasLimit.toLocaleString('en-US')}, below the ${needed.toLocaleString('en-US')} the largest deployment needs. Raise the network's block gas limit (Besu: "gasLimit" in the genesis file, or --target-gas-limit) and run again. Nothing was deployed.`,
  );
const estimates = new Map<string, bigint>();
const placeholders: DeployedAddresses = { ...resume };
for (const step of DEPLOY_STEPS) {
  if (step === 'registry') break;
  const data = creationCode(step, { ...placeholders, views: placeholders.views ?? { address: account.address, block: 0, gasUsed: 0 } });
  const gas = await publicClient.estimateGas({ account, data, ...feesFor(fees) }).catch((error: unknown) => {
    const message = (error as Error).message.split('\n')[0] ?? '';
    // A node estimates within one block: a deployment bigger than the block cannot even be estimated.
    if (/exceeds allowance|out of gas|gas limit/i.test(message)) return tooSmall((MAX_TX_GAS * 11n) / 10n);
    return fail(`Estimating ${step} failed: ${message}. Nothing was deployed.`);
  });
  estimates.set(step, gas);
}
const largest = [...estimates.values()].reduce((a, b) => (a > b ? a : b), 0n);
const neededLimit = (largest * 11n) / 10n;
console.log(`  block gas limit ${latest.gasLimit.toLocaleString('en-US')} (needs ≥ ${neededLimit.toLocaleString('en-US')}: the largest transaction plus 10 %)`);
for (const [step, gas] of estimates) console.log(`  estimate  ${step.padEnd(24)} ${gas.toLocaleString('en-US')} gas`);
if (largest > MAX_TX_GAS)
  fail(
    `A deployment transaction needs ${largest.toLocaleString('en-US')} gas, above the 6,000,000 this project promises. Rebuild the contracts (npm run contracts:build). Nothing was deployed.`,
  );
if (latest.gasLimit < neededLimit) tooSmall(neededLimit);
if (fees === 'market') {
  const price = await publicClient.getGasPrice();
  const total = [...estimates.values()].reduce((a, b) => a + b, 0n) + 1_500_000n; // + the registry
  const cost = total * price * 2n; // headroom for the fee rising meanwhile
  const balance = await publicClient.getBalance({ address: account.address });
  if (balance < cost) {
    fail(
      `The deployer ${account.address} holds ${formatEther(balance)} ETH; the deployment needs about ${formatEther(cost)} ETH at the current gas price (${total.toLocaleString('en-US')} gas). Fund it, or on a zero-gas network run with GAS=zero. Nothing was deployed.`,
    );
  }
}

const save = (_step: string, done: DeployedAddresses) => writeFileSync(partialPath, `${JSON.stringify(done, null, 2)}\n`);
let done: Awaited<ReturnType<typeof deployAll>>;
try {
  done = await deployAll(clients, { fees, resume, onStep: save, log: (line) => console.log(`  deployed  ${line}`) });
} catch (error) {
  const saved = existsSync(partialPath) ? (JSON.parse(readFileSync(partialPath, 'utf8')) as DeployedAddresses) : {};
  const exists =
    Object.entries(saved)
      .map(([k, v]) => `${k} at ${v.address}`)
      .join(', ') || 'nothing';
  fail(
    `The deployment stopped: ${(error as Error).message.split('\n')[0]}\n  What exists on the chain: ${exists}.\n  Run the same command again to resume from there (progress in ${partialPath}).`,
  );
}

const maxUsed = Math.max(...Object.values(done).map((d) => d.gasUsed));
const path = writeDeployment({
  chainId,
  name,
  rpcUrl,
  explorerUrl: process.env.EXPLORER_URL ?? null,
  registry: done.registry.address,
  registryBlock: done.registry.block,
  demoCommunity: null,
  paymentToken: null,
  zeroGas: fees === 'zero',
  logsBlockRange,
});
rmSync(partialPath, { force: true });
console.log(`
✓ registry ${done.registry.address} at block ${done.registry.block}
  largest transaction ${maxUsed.toLocaleString('en-US')} gas (block gas limit needed: ≥ ${Math.ceil(maxUsed * 1.1).toLocaleString('en-US')})
  wrote ${path}
Next: npm run release, serve the files from a stable origin, open the app and tap "Criar comunidade" (README, "Deploying for a real community").`);
