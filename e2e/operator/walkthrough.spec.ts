// The README's "Deploying for a real community", done exactly as an operator would, on a fresh
// zero-gas chain whose id is not 31337 (anvil --chain-id 4242, gas price 0), with fresh keys that
// never hold any ETH: `npm run deploy`, build, configure chains.json, `npx tsx scripts/release.ts`,
// serve the files from the CAR under /ipfs/<cid>/; then a fresh manager creates the community in
// the app, adds two members, posts a month by CSV and closes it, and a fresh member opens the link,
// sees the dashboard and donates. Every write is checked on-chain.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityRegistryAbi } from '../../contracts-abi/abis.ts';
import { startAnvil, type RunningAnvil } from '../../scripts/lib/anvil.ts';
import { unpackCar } from '../../scripts/lib/car-unpack.ts';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server.ts';
import { expectLabelledControls, scan } from '../fixtures/a11y.ts';
import { injectWallet } from '../fixtures/wallet.ts';
import { E2E_OPERATOR_APP_PORT, E2E_OPERATOR_CHAIN_PORT } from '../fixtures/ports.ts';

const root = join(import.meta.dirname, '..', '..');
const CHAIN_ID = 4242;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const operatorKey = generatePrivateKey();
const managerKey = generatePrivateKey();
const memberKeys = [generatePrivateKey(), generatePrivateKey()] as const;
const address = (k: Hex) => privateKeyToAccount(k).address;

let chain: RunningAnvil;
let server: StaticServer;
let work: string;
let registry: Address;
let cid: string;
const client = () => createPublicClient({ transport: http(chain.rpcUrl) });

/** A command of the README, run as the operator runs it; its output is returned, a failure thrown. */
function sh(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, COMPARTILHA_DEV_CHAIN: '', ...env } });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${out}`);
  return out;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  chain = await startAnvil(E2E_OPERATOR_CHAIN_PORT, { chainId: CHAIN_ID, zeroGas: true });
  work = mkdtempSync(join(tmpdir(), 'compartilha-operator-'));
  const deployments = join(work, 'deployments');
  mkdirSync(deployments);

  // 1. Deploy (the key holds nothing: the script sees gas price 0 and sends zero fees).
  const deployed = sh('npm', ['run', '--silent', 'deploy'], {
    RPC_URL: chain.rpcUrl,
    PRIVATE_KEY: operatorKey,
    CHAIN_NAME: 'Rede da cooperativa',
    COMPARTILHA_DEPLOYMENTS_DIR: deployments,
  });
  expect(deployed).toContain('fees      zero');
  registry = (JSON.parse(readFileSync(join(deployments, `${CHAIN_ID}.json`), 'utf8')) as { registry: Address }).registry;

  // 2. Build (production: the README's `npm run build`, reading this chain's deployment).
  const dist = join(work, 'dist');
  sh('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], { COMPARTILHA_DEPLOYMENTS_DIR: deployments });
  // 3. Configure: the operator names the chain as members will read it.
  const chains = JSON.parse(readFileSync(join(dist, 'chains.json'), 'utf8')) as { chainId: number; name: string; zeroGas: boolean }[];
  expect(chains.map((c) => [c.chainId, c.zeroGas])).toEqual([[CHAIN_ID, true]]);
  writeFileSync(join(dist, 'chains.json'), JSON.stringify([{ ...chains[0], name: 'Rede Sol do Sertão' }], null, 2));
  // 4. Pack (after editing chains.json: the script alone, as the README says).
  const released = sh('npx', ['tsx', 'scripts/release.ts', '--dir', dist, '--out', join(work, 'release')]);
  cid = /Root CID: (\S+)/.exec(released)?.[1] ?? '';
  const carPath = /CAR:\s+(\S+)/.exec(released)?.[1] ?? '';
  expect(cid).toMatch(/^bafy/);
  // 5. Serve what the CAR holds, the way a gateway serves a pinned CID.
  const served = join(work, 'served');
  const unpacked = await unpackCar(readFileSync(carPath.startsWith('/') ? carPath : join(root, carPath)), served);
  expect(unpacked.cid).toBe(cid);
  const html = readFileSync(join(served, 'index.html'), 'utf8');
  expect(html).toContain(`connect-src 'self' ${new URL(chain.rpcUrl).origin};`);
  server = await startStaticServer({ dir: served, port: E2E_OPERATOR_APP_PORT, prefix: `/ipfs/${cid}/` });
});

test.afterAll(async () => {
  await server?.close();
  await chain?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(page: Page, key: Hex, hash = '') {
  const wallet = await injectWallet(page, { privateKey: key, rpcUrl: chain.rpcUrl, networkChainId: CHAIN_ID });
  await page.goto(`${server.url}${hash}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

let community: Address;

test('a fresh manager with 0 ETH creates the community in the app and runs its first month', async ({ page }) => {
  test.setTimeout(300_000);
  const wallet = await open(page, managerKey);
  // No demo wallet, no extension advice to follow: the community picker, then "Criar comunidade".
  await expect(page.getByTestId('connect-burner')).toHaveCount(0);
  await expect(page.getByTestId('no-communities')).toBeVisible();
  await page.getByTestId('create-community').click();

  // Bad input first: nothing is sent, each field says what is wrong.
  await page.getByLabel('Nome da comunidade').fill('Cooperativa Sol do Sertão');
  await page.getByLabel('Distribuidora').fill('Coelba');
  await page.getByLabel('Potência da usina (kWp)').fill('6.000');
  await page.getByLabel('Tarifa cheia (R$/kWh, com impostos)').fill('0');
  await page.getByLabel('Fio B (R$/kWh)').fill('0,28');
  await page.getByLabel('Primeiro ciclo de faturamento (mês/ano)').fill('01/2099');
  await page.getByTestId('create-form-submit').click();
  await expect(page.getByTestId('plantKwp-error')).toContainText('Acima de 5 MW');
  await expect(page.getByTestId('fullTariff-error')).toContainText('não pode ser zero');
  await expect(page.getByTestId('firstCycle-error')).toContainText('mês futuro');
  await expect(page.getByLabel('Potência da usina (kWp)')).toHaveAttribute('aria-invalid', 'true');
  expect(wallet.calls).not.toContain('eth_sendTransaction');
  await scan(page, 'create community, errors shown');
  await expectLabelledControls(page, 'create community');

  // Corrected: the review, "Voltar" (nothing sent), the review again, then create.
  await page.getByLabel('Potência da usina (kWp)').fill('75,5');
  await expect(page.getByTestId('plantKwp-error')).toHaveCount(0);
  await page.getByLabel('Tarifa cheia (R$/kWh, com impostos)').fill('0,812345');
  await page.getByLabel('Primeiro ciclo de faturamento (mês/ano)').fill('11/2026');
  await page.getByTestId('create-form-submit').click();
  const review = page.getByTestId('create-review');
  await expect(review).toContainText('75,5 kWp');
  await expect(review).toContainText('R$ 0,812345/kWh');
  await expect(review).toContainText('11/2026');
  await expect(review).toContainText(wallet.address);
  await scan(page, 'create community, review');
  await page.getByTestId('create-back').click();
  await expect(page.getByLabel('Nome da comunidade')).toHaveValue('Cooperativa Sol do Sertão');
  expect(wallet.calls).not.toContain('eth_sendTransaction');
  await page.getByTestId('create-form-submit').click();
  await page.getByTestId('create-submit').click();

  // The creator lands in the console of the new community.
  await expect(page.getByTestId('manage-title')).toBeVisible({ timeout: 30_000 });
  const [list, total] = await client().readContract({
    address: registry,
    abi: communityRegistryAbi,
    functionName: 'communitiesOf',
    args: [wallet.address, 0n, 10n],
  });
  expect(list).toHaveLength(1);
  expect(total).toBe(1n);
  community = list[0]!;
  expect(page.url()).toContain(`#/c/${CHAIN_ID}/${community}/manage`);
  const settings = await client().readContract({ address: community, abi: communityAbi, functionName: 'settings' });
  expect(settings).toMatchObject({
    name: 'Cooperativa Sol do Sertão',
    plantCapacityW: 75_500,
    fullTariffMicroBrlPerKwh: 812_345n,
    fioBMicroBrlPerKwh: 280_000n,
    regime: 1,
  });
  expect(await client().readContract({ address: community, abi: communityAbi, functionName: 'manager' })).toBe(wallet.address);

  // Two members: Casa 1 (60 %) and Casa 2 (40 %).
  const form = page.getByTestId('member-add-form');
  for (const [i, [label, share]] of (
    [
      ['Casa 1', '60'],
      ['Casa 2', '40'],
    ] as const
  ).entries()) {
    await form.getByLabel('Carteira (endereço 0x…)').fill(address(memberKeys[i]!));
    await form.getByLabel('Número da UC (fica só neste navegador)').fill(`00900${i}`);
    await form.getByLabel('Rótulo').fill(label);
    await form.getByLabel('Parte da usina (%)').fill(share);
    await form.getByRole('button', { name: 'Cadastrar' }).click();
    await expect(form.getByTestId('member-add-review-summary')).toHaveText(
      `Você vai cadastrar ${label} (ligação: Monofásica (mín. 30 kWh)) com ${share} % da usina.`,
    );
    if (i === 0) await scan(page, 'console, a member review');
    await form.getByRole('button', { name: 'Confirmar' }).click();
    await expect(page.getByTestId('member-row')).toHaveCount(i + 1, { timeout: 30_000 });
  }
  expect(await client().readContract({ address: community, abi: communityAbi, functionName: 'totalSharePpm' })).toBe(1_000_000);

  // Before the first close the shares editor sets the table at once, after a review (#15):
  // 55/45 reviewed, "Voltar" (nothing changes), confirmed; then back to 60/40.
  const shareOf = async (id: number) => (await client().readContract({ address: community, abi: communityAbi, functionName: 'member', args: [id] })).sharePpm;
  const editor = page.getByTestId('shares-editor');
  const setShares = async (a: string, b: string, back: boolean) => {
    await editor.getByLabel('Casa 1 (%)').fill(a);
    await editor.getByLabel('Casa 2 (%)').fill(b);
    await editor.getByTestId('shares-send').click();
    await expect(editor.getByTestId('shares-review-summary')).toHaveText(
      'Você vai gravar as partes da usina de 2 unidades, somando 100 %. Elas valem já para o ciclo aberto.',
    );
    await expect(editor.getByTestId('shares-review')).toContainText(`${a} %`);
    if (back) await editor.getByTestId('shares-back').click();
    else await editor.getByTestId('shares-confirm').click();
    await expect(editor.getByTestId('shares-review')).toHaveCount(0, { timeout: 30_000 });
  };
  await setShares('55', '45', true);
  expect(await shareOf(0)).toBe(600_000);
  await setShares('55', '45', false);
  await expect.poll(() => shareOf(0), { timeout: 30_000 }).toBe(550_000);
  await setShares('60', '40', false);
  await expect.poll(() => shareOf(0), { timeout: 30_000 }).toBe(600_000);
  expect(await shareOf(1)).toBe(400_000);

  // The month by CSV, then the close.
  const csv = ['uc_ou_rotulo;consumo_kwh', 'usina;9.000', 'Casa 1;4.000', 'Casa 2;2.500,5'].join('\n');
  await page.getByTestId('readings-csv-input').setInputFiles({ name: 'leituras.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('readings-errors')).toHaveCount(0);
  await page.getByTestId('readings-send').click();
  await page.getByTestId('readings-confirm').click();
  await expect(page.getByTestId('readings-done')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('close-send').click();
  await page.getByTestId('close-confirm').click();
  await expect(page.getByTestId('close-done')).toBeVisible({ timeout: 60_000 });
  expect(await client().readContract({ address: community, abi: communityAbi, functionName: 'openCycle' })).toBe(202612);
  // Not a unit itself: its dashboard says it manages, not "not a member".
  await page.goto(`${server.url}#/c/${CHAIN_ID}/${community}`);
  await expect(page.getByTestId('manager-not-member')).toBeVisible();
  expect(await client().getBalance({ address: wallet.address })).toBe(0n);
});

test('a fresh member with 0 ETH opens the link, sees the dashboard and donates', async ({ page }) => {
  test.setTimeout(120_000);
  const otherBefore = (await client().readContract({ address: community, abi: communityAbi, functionName: 'dashboardOf', args: [address(memberKeys[1])] }))
    .member.balanceWh;
  const wallet = await open(page, memberKeys[0], `#/c/${CHAIN_ID}/${community}`);
  await expect(page.getByTestId('member-label')).toContainText('Casa 1');
  // 60 % of 9,000 kWh = 5,400 kWh allocated against 4,000 consumed: credits banked.
  const d = await client().readContract({ address: community, abi: communityAbi, functionName: 'dashboardOf', args: [wallet.address] });
  expect(d.member.sharePpm).toBe(600_000);
  expect(d.member.balanceWh).toBeGreaterThan(100_000n);
  await expect(page.getByTestId('bill-brl')).toBeVisible();

  await page.getByTestId('donate-link').click();
  await page.getByTestId('donate-recipient').selectOption('1'); // Casa 2's member id
  await page.getByTestId('donate-amount').fill('100');
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  await expect(page.getByTestId('donate-done')).toBeVisible({ timeout: 30_000 });
  const after = await client().readContract({ address: community, abi: communityAbi, functionName: 'dashboardOf', args: [wallet.address] });
  expect(after.member.balanceWh).toBe(d.member.balanceWh - 100_000n);
  const other = await client().readContract({ address: community, abi: communityAbi, functionName: 'dashboardOf', args: [address(memberKeys[1])] });
  expect(other.member.balanceWh).toBe(otherBefore + 100_000n);
  expect(await client().getBalance({ address: wallet.address })).toBe(0n);
});
