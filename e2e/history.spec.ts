// History, CSV export, monthly statement and first-load budget: the production build, the real
// e2e chain (demo condominium, 12 closed cycles), an injected wallet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { firstLoadJs } from '../scripts/lib/bundle-size.ts';
import { memberIndex } from '../scripts/lib/local-community.ts';
import { communityAbi } from '../contracts-abi/abis.ts';
import { chainClient, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { norm } from './fixtures/expected.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { countRpcCalls, injectWallet } from './fixtures/wallet.ts';

const deployment = e2eDeployment();
const community = deployment.demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';

async function open(page: Page, unit: number, path: string) {
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(unit)), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}${path}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

async function historyDone(page: Page) {
  await expect(page.getByTestId('history-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
}

test('unit A: the history matches the chain (12 cycle closes, newest 10/2026) and exports CSV', async ({ page }) => {
  const wallet = await open(page, 0, '/history');
  await historyDone(page);
  const d = await readDashboard(community, wallet.address);
  const settled = await chainClient.getContractEvents({
    address: community,
    abi: communityAbi,
    eventName: 'MemberSettled',
    args: { memberId: d.member.id },
    fromBlock: 0n,
    strict: true,
  });
  expect(settled).toHaveLength(12);

  const rows = page.locator('[data-testid="history-row"][data-kind="settled"]');
  await expect(rows).toHaveCount(12);
  await expect(rows.first()).toHaveAttribute('data-cycle', '202610');
  // Newest first; each row's net credit change = created − used − expired from the event.
  const newestFirst = [...settled].reverse();
  for (const [i, log] of newestFirst.entries()) {
    const s = log.args.settlement;
    await expect(rows.nth(i)).toHaveAttribute('data-cycle', String(log.args.cycle));
    await expect(rows.nth(i)).toHaveAttribute('data-amount-wh', String(s.createdWh - s.usedFromLotsWh - s.expiredWh));
  }
  // Readings of unit A are in the history too.
  const readings = await chainClient.getContractEvents({
    address: community,
    abi: communityAbi,
    eventName: 'ReadingPosted',
    args: { memberId: d.member.id },
    fromBlock: 0n,
    strict: true,
  });
  await expect(page.locator('[data-testid="history-row"][data-kind="reading"]')).toHaveCount(readings.length);

  // Filter by kind.
  await page.getByTestId('history-filter').selectOption('settled');
  await expect(page.getByTestId('history-row')).toHaveCount(12);

  // CSV of the filtered rows: header + 12 lines, pt-BR separators.
  const download = page.waitForEvent('download');
  await page.getByTestId('history-export').click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('Bloco;Transação;Tipo;Ciclo;kWh;Saldo (kWh);Valor (R$);Contraparte;Detalhe');
  expect(lines).toHaveLength(13);
  expect(lines[1]).toContain(';10/2026;');

  // From a cycle-close row to its statement.
  await page.getByTestId('history-statement-link').first().click();
  await expect(page.getByTestId('statement-bill')).toContainText('R$');
});

test('unit A statement of 10/2026 is the worked example (domain.md §6, GD II)', async ({ page }) => {
  await open(page, 0, '/statement/202610');
  const t = async (id: string) => norm(await page.getByTestId(id).textContent());
  await expect(page.getByTestId('statement-bill')).toBeVisible();
  expect(await t('statement-generated')).toContain('3.600 kWh');
  expect(await t('statement-share')).toContain('20 %');
  expect(await t('statement-allocated')).toContain('720 kWh');
  expect(await t('statement-consumed')).toContain('500 kWh');
  expect(await t('statement-compensated')).toContain('500 kWh');
  expect(await t('statement-minimum')).toContain('100 kWh');
  expect(await t('statement-fiob')).toContain('60 %');
  expect(await t('statement-fiob')).toContain('R$ 84,00');
  expect(await t('statement-bill')).toContain('R$ 84,00');
  expect(await t('statement-savings')).toContain('R$ 316,00');
  expect(await t('statement-balance')).toContain('kWh');
});

test('the dashboard links to the last statement and the history', async ({ page }) => {
  await open(page, 0, '');
  await expect(page.getByTestId('statement-link')).toContainText('10/2026');
  await page.getByTestId('statement-link').click();
  await expect(page.getByTestId('statement-allocated')).toContainText('720 kWh');
});

test('a second visit reads only new blocks (cached in the browser)', async ({ page }) => {
  const snapshot = await snapshotChain();
  try {
    const rpc = countRpcCalls(page, E2E_RPC_URL);
    const ranges: { from: bigint; to: bigint }[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(E2E_RPC_URL) || r.method() !== 'POST') return;
      const body = JSON.parse(r.postData() ?? 'null') as
        { method: string; params: [{ fromBlock: string; toBlock: string }] } | { method: string; params: [{ fromBlock: string; toBlock: string }] }[];
      for (const c of Array.isArray(body) ? body : [body])
        if (c.method === 'eth_getLogs' && c.params[0].fromBlock) ranges.push({ from: BigInt(c.params[0].fromBlock), to: BigInt(c.params[0].toBlock) });
    });
    await open(page, 1, '/history');
    await historyDone(page);
    const first = rpc.methods.filter((m) => m === 'eth_getLogs').length;
    const count = await page.getByTestId('history-row').count();
    const head = await chainClient.getBlockNumber();
    expect(first).toBeGreaterThanOrEqual(2);

    // Nothing new on the chain: the second visit reads no logs at all.
    rpc.reset();
    ranges.length = 0;
    await page.reload();
    await historyDone(page);
    const second = rpc.methods.filter((m) => m === 'eth_getLogs').length;
    console.log(`[bench] history eth_getLogs: first visit ${first}, second visit ${second} (${rpc.methods.length} calls: ${rpc.methods.join(', ')})`);
    expect(second).toBeLessThan(first);
    await expect(page.getByTestId('history-row')).toHaveCount(count);
    await expect(page.getByTestId('history-progress')).toContainText(/cache/);

    // Ten new blocks: only those are read.
    await chainClient.request({ method: 'anvil_mine' as 'eth_chainId', params: ['0xa'] as unknown as undefined });
    ranges.length = 0;
    await page.reload();
    await historyDone(page);
    expect(ranges.length).toBeGreaterThan(0);
    for (const r of ranges) {
      expect(r.from).toBe(head + 1n);
      expect(r.to).toBe(head + 10n);
    }
    await expect(page.getByTestId('history-row')).toHaveCount(count);
  } finally {
    await revertChain(snapshot);
  }
});

test('the charts load on demand, each with a table equivalent', async ({ page }) => {
  await open(page, 0, '/charts');
  const tables = page.getByTestId('chart-table');
  await expect(tables.first()).toBeAttached({ timeout: 30_000 });
  expect(await tables.count()).toBeGreaterThanOrEqual(2);
  await expect(tables.first().locator('tbody tr')).toHaveCount(12);
});

test('first-load JS stays under 150 KB gzip (history, charts and statement are lazy)', async () => {
  const dir = join(import.meta.dirname, '..', process.env.E2E_DIST_DIR ?? 'dist');
  const r = firstLoadJs(dir);
  console.log(`[bench] first-load JS: ${r.gzipBytes} B gzip (${r.files.map((f) => f.file).join(', ')})`);
  expect(r.files.some((f) => /History|Charts|Statement|Chart-/.test(f.file))).toBe(false);
  expect(r.gzipBytes).toBeLessThan(150 * 1024);
});
