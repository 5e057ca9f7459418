// A new allocation is what the distributor does with it: proposed in the console, downloaded, filed
// and recorded with its date and document hash, it applies from the next cycle — the cycle being read
// keeps the old shares. Real production build, real anvil, real keys; the chain is snapshotted and
// reverted so the other spec files see the seeded state.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, http, keccak256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient, e2eChain, lastSettlement, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const OPEN = 202611;
const NEXT = 202612;
const GENERATION_WH = 3_600_000n;

let snapshot: `0x${string}`;
test.beforeAll(async () => {
  snapshot = await snapshotChain();
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

async function openAs(page: Page, accountIndex: number, hash: string) {
  await injectWallet(page, { privateKey: anvilPrivateKey(accountIndex), rpcUrl: E2E_RPC_URL });
  await page.goto(`./${hash}`);
  await page.getByTestId(WALLET_TESTID).click();
}

/** The month's generation and readings, posted straight to the chain (the readings UI has its own spec). */
async function postMonth(cycle: number) {
  const manager = createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(MANAGER_INDEX)), chain: e2eChain, transport: http(E2E_RPC_URL) });
  const ids = DEMO_UNITS.map((_, i) => i);
  for (const hash of [
    await manager.writeContract({ address: community, abi: communityAbi, functionName: 'postGeneration', args: [cycle, GENERATION_WH] }),
    await manager.writeContract({
      address: community,
      abi: communityAbi,
      functionName: 'postReadings',
      args: [cycle, ids, DEMO_UNITS.map((u) => BigInt(u.baseKwh) * 1000n)],
    }),
  ]) {
    expect((await chainClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  }
  return manager;
}

test('the síndico files a new table: the open month keeps the old shares, the next one uses the new; the resident is told before', async ({
  page,
  browser,
}) => {
  const a = DEMO_UNITS[0]!;
  const b = DEMO_UNITS[1]!;
  await openAs(page, MANAGER_INDEX, `#/c/31337/${community}/manage`);
  const editor = page.getByTestId('shares-editor');
  await expect(editor).toBeVisible();

  // A table that does not add up is refused before anything is signed.
  await editor.getByLabel(`${a.label} (%)`).fill('18');
  const form = editor.getByTestId('file-schedule');
  await expect(form.getByTestId('schedule-problem')).toContainText('98 %');
  await expect(form.getByTestId('schedule-submit')).toHaveAttribute('aria-disabled', 'true');
  await editor.getByLabel(`${b.label} (%)`).fill('22');
  await expect(form.getByTestId('schedule-problem')).toHaveCount(0);

  // The table downloaded is the document filed: its hash is what the chain records.
  const [download] = await Promise.all([page.waitForEvent('download'), form.getByTestId('schedule-download').click()]);
  const csv = readFileSync((await download.path())!);
  await expect(form.getByTestId('schedule-effective')).toHaveValue(String(NEXT));
  await form.getByTestId('schedule-filed-on').fill('2026-11-20');
  await form.getByTestId('schedule-submit').click();
  // This browser has no UC directory: the review says the table lacks the UCs before its hash is filed.
  await expect(form.getByTestId('schedule-review')).toContainText('esta tabela não tem o número da UC de todas as unidades');
  await form.getByTestId('schedule-confirm').click();
  await expect(form.getByTestId('schedule-done')).toContainText('12/2026', { timeout: 20_000 });

  const s = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'shareSchedule' });
  expect(s.pending).toBe(true);
  expect(s.effectiveCycle).toBe(NEXT);
  expect(s.filedOn).toBe(20261120);
  expect(s.documentHash).toBe(keccak256(csv));
  await expect(page.getByTestId('pending-schedule')).toContainText('20/11/2026');
  await expect(page.getByTestId('pending-line')).toHaveCount(2);
  // Filing another while this one waits is not offered.
  await expect(page.getByTestId('schedule-blocked').first()).toContainText('12/2026');

  // A unit whose share is in force cannot be dropped mid-cycle: said in plain words, nothing changes.
  await page.getByTestId('member-active-0').click();
  await expect(page.getByTestId('member-active-review-summary')).toContainText('A parte dele (20 %) vira 0 %');
  await page.getByTestId('member-active-confirm').click();
  await expect(page.getByRole('alert').filter({ hasText: 'ainda tem 20 %' })).toBeVisible({ timeout: 20_000 });
  expect((await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [0] })).active).toBe(true);

  // The resident sees the share in force and the one to come.
  const resident = await browser.newPage();
  await openAs(resident, memberIndex(0), `#/c/31337/${community}`);
  await expect(resident.getByTestId('share-pct')).toHaveText('20 %');
  await expect(resident.getByTestId('pending-share')).toContainText('Sua parte passa a 18 % em 12/2026');

  // 11/2026 closes in the console with the shares in force when it was read.
  await postMonth(OPEN);
  // A reload reconnects the wallet by itself and reads the posted month.
  await page.reload();
  await expect(page.getByTestId('close-generation')).toContainText('3.600', { timeout: 20_000 });
  await page.getByTestId('close-send').click();
  await page.getByTestId('close-confirm').click();
  await expect(page.getByTestId('close-done')).toContainText('11/2026', { timeout: 30_000 });
  expect((await lastSettlement(community, 0, OPEN)).allocatedWh).toBe((GENERATION_WH * 200_000n) / 1_000_000n);
  expect((await lastSettlement(community, 1, OPEN)).allocatedWh).toBe((GENERATION_WH * 200_000n) / 1_000_000n);

  // 12/2026 is allocated with the new table.
  const manager = await postMonth(NEXT);
  const close = await manager.writeContract({ address: community, abi: communityAbi, functionName: 'closeCycle', args: [NEXT, 0] });
  expect((await chainClient.waitForTransactionReceipt({ hash: close })).status).toBe('success');
  expect((await lastSettlement(community, 0, NEXT)).allocatedWh).toBe((GENERATION_WH * 180_000n) / 1_000_000n);
  expect((await lastSettlement(community, 1, NEXT)).allocatedWh).toBe((GENERATION_WH * 220_000n) / 1_000_000n);
  const d = await readDashboard(
    community,
    (await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [0] })).wallet,
  );
  expect(d.member.sharePpm).toBe(180_000);
  expect(d.member.pendingShareCycle).toBe(0);

  // The resident's history says when and why the share changed.
  await resident.goto(`./#/c/31337/${community}/history`);
  const row = resident.locator('[data-testid="history-row"][data-kind="share-scheduled"]');
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText('20 % → 18 %');
  await expect(row).toContainText('a partir de 12/2026');
  await expect(row).toContainText('protocolada na distribuidora');
  await resident.goto(`./#/c/31337/${community}`);
  await resident.reload();
  await expect(resident.getByTestId('share-pct')).toHaveText('18 %');
  await expect(resident.getByTestId('pending-share')).toHaveCount(0);
  await resident.close();
});
