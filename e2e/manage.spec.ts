// The manager's month, end to end: a real production build, a real anvil with the demo condominium
// and an injected wallet signing with real keys. These tests change the chain: it is snapshotted
// before and reverted after, so other spec files see the seeded state.
import { expect, test, type Page } from '@playwright/test';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { readDashboard, readingOf, readingPostedCounts, revertChain, snapshotChain } from './fixtures/chain.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, rejectNthSend } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const OPEN = 202611;

let snapshot: `0x${string}`;
test.beforeAll(async () => {
  snapshot = await snapshotChain();
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

const csv = (lines: string[]) => ({ name: 'leituras.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') });
const GOOD = ['uc_ou_rotulo;consumo_kwh', 'usina;3.450,5', ...DEMO_UNITS.map((u, i) => `${u.label};${u.baseKwh + i},25`)];

async function openAs(page: Page, accountIndex: number, hash: string, batchSize?: number) {
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(accountIndex), rpcUrl: E2E_RPC_URL });
  if (batchSize) await page.addInitScript((n) => localStorage.setItem('compartilha.manage.batchSize', String(n)), batchSize);
  await page.goto(`./${hash}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

test('a non-manager never sees the console link and is refused at the URL', async ({ page }) => {
  await openAs(page, memberIndex(0), `#/c/31337/${community}`);
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await expect(page.getByTestId('manage-link')).toHaveCount(0);
  await page.goto(`./#/c/31337/${community}/manage`);
  await expect(page.getByTestId('manage-forbidden')).toBeVisible();
  await expect(page.getByTestId('readings-send')).toHaveCount(0);
  await expect(page.locator('form')).toHaveCount(0);
});

test('the manager uploads a bad CSV (nothing sent), then a good one; an interrupted batch resumes with nothing posted twice; then closes the month', async ({
  page,
  browser,
}) => {
  const before = await Promise.all(DEMO_UNITS.map((_, i) => readingOf(community, i)));
  const wallet = await openAs(page, MANAGER_INDEX, `#/c/31337/${community}`, 2);
  await page.getByTestId('manage-link').click();
  await expect(page.getByTestId('manage-title')).toBeVisible();

  // Two bad lines: both reported with their line numbers, nothing sent.
  const bad = [...GOOD];
  bad[3] = `${DEMO_UNITS[1]!.label};-12`; // line 4: negative
  bad[6] = `${DEMO_UNITS[4]!.label};1,23456`; // line 7: too many decimals
  const callsBefore = wallet.calls.length;
  await page.getByTestId('readings-csv-input').setInputFiles(csv(bad));
  const errors = page.getByTestId('readings-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('linha 4:');
  await expect(errors.nth(1)).toContainText('linha 7:');
  await expect(page.getByTestId('readings-send')).toHaveAttribute('aria-disabled', 'true'); // focusable, announced unavailable
  expect(wallet.calls.slice(callsBefore).filter((m) => m === 'eth_sendTransaction')).toHaveLength(0);
  expect(await Promise.all(DEMO_UNITS.map((_, i) => readingOf(community, i)))).toEqual(before);

  // The good file; the second batch's signature is rejected.
  await page.getByTestId('readings-csv-input').setInputFiles(csv(GOOD));
  await expect(page.getByTestId('readings-errors')).toHaveCount(0);
  const sendsAtStart = wallet.calls.filter((m) => m === 'eth_sendTransaction').length;
  // postGeneration and the first batch of 2 go through; the user declines the second batch.
  rejectNthSend(wallet, 3);
  await page.getByTestId('readings-send').click();
  await expect(page.getByTestId('readings-review-summary')).toContainText('6 leituras de 11/2026');
  await page.getByTestId('readings-confirm').click();
  await expect(page.getByTestId('readings-send-error')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('readings-send-error')).toContainText('recusou');
  await expect(page.getByTestId('readings-progress')).toBeVisible();
  await expect(page.getByTestId('readings-already')).toContainText('2 de 6');
  expect(wallet.calls.filter((m) => m === 'eth_sendTransaction').length - sendsAtStart).toBe(3);

  // Resume: what is already on-chain with the same value is skipped.
  await page.getByTestId('readings-send').click();
  await page.getByTestId('readings-confirm').click();
  await expect(page.getByTestId('readings-done')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('readings-already')).toContainText(`6 de 6`);
  const counts = await readingPostedCounts(community, OPEN);
  for (let i = 0; i < DEMO_UNITS.length; i++) expect(counts.get(i), `ReadingPosted of member ${i}`).toBe(1);
  for (const [i, u] of DEMO_UNITS.entries()) {
    const [cycle, wh] = await readingOf(community, i);
    expect(cycle).toBe(OPEN);
    expect(wh).toBe(BigInt((u.baseKwh + i) * 1000 + 250));
  }
  await expect(page.locator('[data-testid="tx-status"][data-state="failed"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="tx-status"][data-state="confirmed"]').first()).toBeVisible();

  // Close: summary first, then batches until done.
  await expect(page.getByTestId('close-summary')).toContainText('3.450,5 kWh');
  await page.getByTestId('close-send').click();
  await page.getByTestId('close-confirm').click();
  await expect(page.getByTestId('close-done')).toBeVisible({ timeout: 30_000 });
  const d = await readDashboard(community, wallet.address);
  expect(d.lastClosed.cycle).toBe(OPEN);
  expect(d.openCycle).toBe(202612);
  await expect(page.getByTestId('allocation-row')).toHaveCount(DEMO_UNITS.length);

  // A member's dashboard shows the new cycle.
  const member = await browser.newPage();
  await openAs(member, memberIndex(0), `#/c/31337/${community}`);
  await expect(member.getByTestId('last-cycle')).toContainText('11/2026');
  await expect(member.getByTestId('manage-link')).toHaveCount(0);
  await member.close();
});
