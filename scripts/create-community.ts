// `npm run create-community -- community.json`: creates a community from a JSON file, for
// operators who script their setup (the app's "Criar comunidade" does the same from a form).
//   RPC_URL=… PRIVATE_KEY=0x… npm run create-community -- scripts/community.example.json
// The key's account becomes the community's manager. The chain's deployment is read from
// contracts-abi/deployments/<chainId>.json (COMPARTILHA_DEPLOYMENTS_DIR to read elsewhere); on a
// zero-gas chain (its "zeroGas": true) the transaction goes out with zero fees.
// The file (every number may be a JSON number or a text with a dot or a comma for decimals, no
// thousands separators):
//   name, distributor   texts of up to 64 bytes (public on the chain)
//   plantKwp            plant capacity in kWp, > 0 and ≤ 5,000 (5 MW)
//   regime              "GD_I" (connected by 7 Jan 2023) or "GD_II"
//   fullTariff          R$/kWh with taxes, up to 6 decimals, > 0
//   fioBTariff          R$/kWh, > 0 and ≤ fullTariff
//   fioBSchedule        optional: [{ "year": 2023, "percent": "15" }, …]; default Law 14.300 art. 27
//   firstCycle          "MM/AAAA" (or "AAAA-MM"), not in the future
//   tradingPolicy       "donations" (default) or "priced"
//   paymentToken        ERC-20 address, required with "priced"
//   gd2BelowMinimum     GD II unit consuming little: "downToMinimum" (default; credits are used only
//                       while the bill stays at or above the minimum charge, REN 1.000 art. 655-I)
//                       or "allConsumption" (all consumption is compensated, as some distributors do)
//   minOrderWh          the market's smallest order in Wh (default 1000 = 1 kWh; 0 = no minimum)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, defineChain, erc20Abi, http, isHex, parseEventLogs, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { BelowMinimum, communityRegistryAbi, TradingPolicy } from '../contracts-abi/abis.ts';
import { parseDeployment } from '../app/config/chain-config.ts';
import { checkCommunityForm, LAW_FIO_B_SCHEDULE, type CommunityFormInput } from '../app/features/create/communityForm.ts';
import { deploymentsDir, feesFor, makeClients } from './lib/deploy.ts';

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

const file = process.argv[2];
if (!file) fail('Name the community file: npm run create-community -- community.json (see scripts/community.example.json).');
const rpcUrl = process.env.RPC_URL;
const privateKey = process.env.PRIVATE_KEY;
if (!rpcUrl || !privateKey || !isHex(privateKey) || privateKey.length !== 66)
  fail("Set RPC_URL and PRIVATE_KEY (0x + 64 hex digits: the manager's key). Nothing was sent.");

let raw: Record<string, unknown>;
try {
  raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
} catch (error) {
  fail(`${file} could not be read as JSON: ${(error as Error).message}`);
}
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const form: CommunityFormInput = {
  name: str(raw.name),
  distributor: str(raw.distributor),
  plantKwp: str(raw.plantKwp),
  regime: raw.regime === 'GD_I' ? 'GD_I' : 'GD_II',
  fullTariff: str(raw.fullTariff),
  fioBTariff: str(raw.fioBTariff),
  fioBSchedule: Array.isArray(raw.fioBSchedule)
    ? (raw.fioBSchedule as { year: unknown; percent: unknown }[]).map((s) => ({ year: Number(s.year), percent: str(s.percent) }))
    : LAW_FIO_B_SCHEDULE,
  firstCycle: str(raw.firstCycle),
  tradingPolicy: raw.tradingPolicy === 'priced' ? 'priced' : 'donations',
  paymentToken: str(raw.paymentToken),
};
if (raw.regime !== undefined && raw.regime !== 'GD_I' && raw.regime !== 'GD_II') fail(`regime must be "GD_I" or "GD_II" (got ${JSON.stringify(raw.regime)}).`);
if (raw.tradingPolicy !== undefined && raw.tradingPolicy !== 'priced' && raw.tradingPolicy !== 'donations')
  fail(`tradingPolicy must be "donations" or "priced" (got ${JSON.stringify(raw.tradingPolicy)}).`);
if (raw.gd2BelowMinimum !== undefined && raw.gd2BelowMinimum !== 'downToMinimum' && raw.gd2BelowMinimum !== 'allConsumption')
  fail(`gd2BelowMinimum must be "downToMinimum" or "allConsumption" (got ${JSON.stringify(raw.gd2BelowMinimum)}).`);
if (
  raw.minOrderWh !== undefined &&
  (typeof raw.minOrderWh !== 'number' || !Number.isInteger(raw.minOrderWh) || raw.minOrderWh < 0 || raw.minOrderWh > 4_294_967_295)
)
  fail(`minOrderWh must be a whole number of Wh, 0 to 4294967295 (got ${JSON.stringify(raw.minOrderWh)}).`);
const check = checkCommunityForm(form, 'en', new Date());
if (!check.ok) {
  fail(
    `${file}: ${Object.entries(check.problems)
      .map(([field, p]) => `${field}: ${JSON.stringify(p)}`)
      .join('; ')}. Nothing was sent.`,
  );
}

const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 1 }) });
const chainId = await probe.getChainId().catch((e: unknown) => fail(`Could not reach the node at ${rpcUrl}: ${(e as Error).message.split('\n')[0]}`));
let deployment;
try {
  const parsed = parseDeployment(JSON.parse(readFileSync(join(deploymentsDir, `${chainId}.json`), 'utf8')));
  if (typeof parsed === 'string') fail(`${deploymentsDir}/${chainId}.json: ${parsed}`);
  deployment = parsed;
} catch {
  fail(`No deployment for chain ${chainId} in ${deploymentsDir}: run \`npm run deploy\` first.`);
}
const chain = defineChain({
  id: chainId,
  name: deployment.name,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const { publicClient, walletClient } = makeClients(rpcUrl, chain, privateKeyToAccount(privateKey as Hex));
const { fioBSchedule, firstCycle } = check.args;
const settings = {
  ...check.args.settings,
  gd2BelowMinimum: raw.gd2BelowMinimum === 'allConsumption' ? BelowMinimum.AllConsumption : BelowMinimum.DownToMinimum,
  minOrderWh: typeof raw.minOrderWh === 'number' ? raw.minOrderWh : check.args.settings.minOrderWh,
};
if (settings.tradingPolicy === TradingPolicy.PricedOrders) {
  await publicClient
    .readContract({ address: settings.paymentToken, abi: erc20Abi, functionName: 'decimals' })
    .catch(() => fail(`No ERC-20 token at ${settings.paymentToken} on chain ${chainId}.`));
}
const call = { address: deployment.registry, abi: communityRegistryAbi, functionName: 'createCommunity', args: [settings, fioBSchedule, firstCycle] } as const;
await publicClient
  .simulateContract({ account: walletClient.account, ...call })
  .catch((e: unknown) => fail(`The registry refused the community: ${(e as Error).message.split('\n')[0]}. Nothing was sent.`));
const hash = await walletClient.writeContract({ ...call, ...feesFor(deployment.zeroGas ? 'zero' : 'market') });
const receipt = await publicClient.waitForTransactionReceipt({ hash });
const created = parseEventLogs({ abi: communityRegistryAbi, eventName: 'CommunityCreated', logs: receipt.logs })[0];
if (receipt.status !== 'success' || !created) fail(`Transaction ${hash} did not create a community.`);
console.log(`✓ ${settings.name}: community ${created.args.community} (block ${receipt.blockNumber}, ${receipt.gasUsed.toLocaleString('en-US')} gas)
  manager: ${walletClient.account.address}
  link for members: https://<your app's origin>/#/c/${chainId}/${created.args.community}`);
