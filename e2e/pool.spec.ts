// The solidarity pool in the síndico's console, end to end, and the allocation table's export on a
// phone: a real production build, a real anvil with the demo condominium, real keys. The chain is
// snapshotted before and reverted after, so other spec files see the seeded state.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createWalletClient, http, keccak256, stringToHex, toHex, zeroHash, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS, demoSalt } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient, e2eChain, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { kwhPtBr, norm } from './fixtures/expected.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, type TestWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
type Lang = 'pt-BR' | 'en';

let snapshot: `0x${string}`;
test.beforeAll(async () => {
  snapshot = await snapshotChain();
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const poolWh = async () => (await readDashboard(community, addressOf(MANAGER_INDEX))).poolWh;
const balanceOf = async (unit: number) => (await readDashboard(community, addressOf(memberIndex(unit)))).member.balanceWh;
const poolLots = () => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'poolLots' });
/** Written apart from app/lib/pool-reasons.ts: the canonical string the contract's hash must be of. */
const reasonHash = (code: string) => keccak256(stringToHex(`compartilha:pool-reason:${code}`));
/** 1234500 Wh → "1,234.5 kWh" (independent of app/lib/format.ts). */
const kwhEn = (wh: bigint) => kwhPtBr(wh).replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
const kwh = (wh: bigint, lang: Lang) => (lang === 'en' ? kwhEn(wh) : kwhPtBr(wh));
const sends = (w: TestWallet) => w.calls.filter((c) => c === 'eth_sendTransaction').length;

async function openAs(browser: Browser, lang: Lang, accountIndex: number, hash: string): Promise<{ page: Page; wallet: TestWallet }> {
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  await page.addInitScript((l) => localStorage.setItem('compartilha.lang', l), lang);
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(accountIndex), rpcUrl: E2E_RPC_URL });
  await page.goto(`./${hash}`);
  await page.getByTestId(WALLET_TESTID).click();
  return { page, wallet };
}

/** A resident gives to the pool straight through the contract (the donate page has its own spec). */
async function donateToPool(unit: number, wh: bigint) {
  const resident = createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(memberIndex(unit))), chain: e2eChain, transport: http(E2E_RPC_URL) });
  const hash = await resident.writeContract({ address: community, abi: communityAbi, functionName: 'donateToPool', args: [wh, zeroHash] });
  expect((await chainClient.waitForTransactionReceipt({ hash })).status).toBe('success');
}

async function lastAssignment() {
  const logs = await chainClient.getContractEvents({ address: community, abi: communityAbi, eventName: 'PoolAssigned', fromBlock: 0n, strict: true });
  return logs.at(-1)!;
}

const words = {
  'pt-BR': {
    heading: 'Fundo solidário',
    member: 'Membro',
    amount: 'Quantidade (kWh)',
    reason: 'Motivo',
    note: 'Observação (opcional)',
    submit: 'Revisar e dar',
    review: 'Confira antes de enviar',
    confirm: 'Confirmar',
    back: 'Voltar',
    summary: (k: string, to: string, why: string) => `Você vai dar ${k} do fundo solidário para ${to} — motivo: ${why}.`,
    historyRow: (why: string) => `Recebido do fundo solidário — motivo: ${why}`,
    unknown: 'Recebido do fundo solidário — motivo registrado pelo gestor',
    yourNote: 'sua observação:',
  },
  en: {
    heading: 'Solidarity pool',
    member: 'Member',
    amount: 'Amount (kWh)',
    reason: 'Reason',
    note: 'Note (optional)',
    submit: 'Review and give',
    review: 'Check before sending',
    confirm: 'Confirm',
    back: 'Back',
    summary: (k: string, to: string, why: string) => `You will give ${k} from the solidarity pool to ${to} — reason: ${why}.`,
    historyRow: (why: string) => `Received from the solidarity pool — reason: ${why}`,
    unknown: 'Received from the solidarity pool — reason recorded by the manager',
    yourNote: 'your note:',
  },
} as const;

const cases = [
  { lang: 'pt-BR', donor: 0, beneficiary: 2, donateWh: 80_000n, giveText: '50', giveWh: 50_000n, code: 'social-tariff', why: 'tarifa social' },
  { lang: 'en', donor: 1, beneficiary: 3, donateWh: 30_000n, giveText: '12.5', giveWh: 12_500n, code: 'temporary-help', why: 'temporary help' },
] as const;

for (const c of cases) {
  test(`a resident donates to the pool; the síndico sees it, goes back (nothing sent), gives with a reason; the beneficiary sees it (${c.lang})`, async ({
    browser,
  }) => {
    const w = words[c.lang];
    const to = DEMO_UNITS[c.beneficiary]!.label;
    await donateToPool(c.donor, c.donateWh);
    const pool0 = await poolWh();
    expect(pool0).toBeGreaterThanOrEqual(c.donateWh);
    const lots = await poolLots();
    expect(lots.reduce((a, l) => a + l.amountWh, 0n)).toBe(pool0);
    const balance0 = await balanceOf(c.beneficiary);

    const { page, wallet } = await openAs(browser, c.lang, MANAGER_INDEX, `#/c/31337/${community}/manage`);
    const section = page.getByRole('region', { name: w.heading, exact: true });
    await expect(section).toBeVisible();
    await page.getByRole('link', { name: w.heading }).click(); // the console's step list leads to it
    await expect(section.getByTestId('pool-section-balance')).toHaveText(kwh(pool0, c.lang));
    // Every lot the contract holds for the pool, with its amount; none of the demo's expires within 3 cycles.
    const rows = section.getByTestId('pool-lot');
    await expect(rows).toHaveCount(lots.length);
    for (const [i, lot] of lots.entries()) await expect(rows.nth(i)).toContainText(kwh(lot.amountWh, c.lang));
    await expect(section.getByTestId('pool-lot-soon')).toHaveCount(0);

    const form = section.getByRole('form');
    await form.getByLabel(w.member).selectOption({ label: to });
    await form.getByLabel(w.amount).fill(c.giveText);
    await form.getByLabel(w.reason).selectOption({ label: c.why });
    const note = c.lang === 'en' ? 'new family in 202, pending papers' : 'família nova do 201, papéis em dia';
    await form.getByLabel(w.note).fill(note);

    // The review says what will happen; "Voltar" sends nothing.
    const sent0 = sends(wallet);
    await form.getByRole('button', { name: w.submit }).click();
    const review = section.getByRole('group', { name: w.review });
    await expect(review).toBeVisible();
    expect(norm(await review.getByTestId('pool-review-summary').textContent())).toBe(w.summary(kwh(c.giveWh, c.lang), to, c.why));
    await expect(review).toContainText(kwh(pool0 - c.giveWh, c.lang));
    await review.getByRole('button', { name: w.back, exact: true }).click();
    await expect(review).toHaveCount(0);
    await expect(form.getByLabel(w.amount)).toHaveValue(c.giveText);
    expect(sends(wallet)).toBe(sent0);
    expect(await poolWh()).toBe(pool0);

    // Confirmed: the pool gives exactly that, with the reason's hash and no personal data.
    await form.getByRole('button', { name: w.submit }).click();
    await section.getByRole('group', { name: w.review }).getByRole('button', { name: w.confirm, exact: true }).click();
    await expect(section.getByTestId('pool-done')).toBeVisible({ timeout: 20_000 });
    expect(sends(wallet)).toBe(sent0 + 1);
    expect(await poolWh()).toBe(pool0 - c.giveWh);
    expect(await balanceOf(c.beneficiary)).toBe(balance0 + c.giveWh);
    const log = await lastAssignment();
    expect(log.args.amountWh).toBe(c.giveWh);
    expect(log.args.toMemberId).toBe(c.beneficiary);
    expect(log.args.reasonHash).toBe(reasonHash(c.code));
    const tx = await chainClient.getTransaction({ hash: log.transactionHash });
    expect(tx.input.toLowerCase()).not.toContain(toHex(note).slice(2).toLowerCase());
    await expect(section.getByTestId('pool-section-balance')).toHaveText(kwh(pool0 - c.giveWh, c.lang));
    // The console's list of what was given keeps the manager's note, from this browser only.
    const past = section.getByTestId('pool-assignment').first();
    await expect(past).toContainText(`${kwh(c.giveWh, c.lang)}`);
    await expect(past).toContainText(c.why);
    await expect(past).toContainText(`${w.yourNote} ${note}`);

    // A reason hash outside the list (a script, an older app) reads as "recorded by the manager".
    if (c.lang === 'en') {
      const manager = createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(MANAGER_INDEX)), chain: e2eChain, transport: http(E2E_RPC_URL) });
      const hash = await manager.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'assignFromPool',
        args: [c.beneficiary, 1_000n, zeroHash],
      });
      expect((await chainClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    }
    const extraWh = c.lang === 'en' ? 1_000n : 0n;
    await page.context().close();

    // The beneficiary: the dashboard's balance rose by exactly that, and the history says why.
    const resident = await openAs(browser, c.lang, memberIndex(c.beneficiary), `#/c/31337/${community}`);
    const balance1 = await balanceOf(c.beneficiary);
    expect(balance1).toBe(balance0 + c.giveWh + extraWh);
    await expect(resident.page.getByTestId('balance-kwh')).toHaveText(kwh(balance1, c.lang));
    await resident.page.goto(`./#/c/31337/${community}/history`);
    const row = resident.page.locator('[data-testid="history-row"][data-kind="pool-assigned"]');
    await expect(row.filter({ hasText: w.historyRow(c.why) })).toHaveCount(1, { timeout: 20_000 });
    await expect(row.filter({ hasText: w.historyRow(c.why) })).toContainText(`+${kwh(c.giveWh, c.lang)}`);
    if (c.lang === 'en') await expect(row.filter({ hasText: w.unknown })).toHaveCount(1);
    await resident.page.context().close();
  });
}

/** The UC directory file the members section exports (the demo's salts are deterministic). */
async function directoryFile(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const entries: Record<string, { uc: string; salt: Hex }> = {};
  for (const [i, u] of DEMO_UNITS.entries()) {
    const m = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [i] });
    entries[(m.wallet as Address).toLowerCase()] = { uc: u.uc, salt: demoSalt(u.uc) };
  }
  const json = JSON.stringify({ kind: 'compartilha-directory', chainId: 31337, community, entries });
  return { name: 'compartilha-ucs.json', mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') };
}

const alloc = {
  'pt-BR': {
    heading: 'Tabela de rateio do próximo ciclo',
    transfers: 'Transferências (doações, fundo e mercado, ±)',
    pct: 'Percentual',
    warning: 'Este navegador não tem o diretório de UCs',
    export: 'Baixar a tabela (CSV para a distribuidora)',
    confirm: 'Baixar mesmo assim?',
    anyway: 'Baixar mesmo assim (sem as UCs)',
    cancel: 'Cancelar',
    importDir: 'Importar diretório (JSON)',
    hint: 'Arraste a tabela para o lado',
  },
  en: {
    heading: "Next cycle's allocation table",
    transfers: 'Transfers (donations, pool and market, ±)',
    pct: 'Percentage',
    warning: 'This browser has no UC directory',
    export: 'Download the table (CSV for the distributor)',
    confirm: 'Download anyway?',
    anyway: 'Download anyway (without the UCs)',
    cancel: 'Cancel',
    importDir: 'Import directory (JSON)',
    hint: 'Drag the table sideways',
  },
} as const;

for (const lang of ['pt-BR', 'en'] as const) {
  test(`allocation table: no UC directory → warned and asked before a file the distributor cannot use; % visible at 390 px (${lang})`, async ({ browser }) => {
    const a = alloc[lang];
    const { page } = await openAs(browser, lang, MANAGER_INDEX, `#/c/31337/${community}/manage`);
    const section = page.getByRole('region', { name: a.heading, exact: true });
    await expect(section.getByTestId('allocation-row')).toHaveCount(DEMO_UNITS.length);
    await expect(section.getByRole('columnheader', { name: a.transfers })).toBeVisible();
    const scroller = section.getByRole('region').filter({ has: page.getByTestId('allocation-table') });
    await section.getByTestId('allocation-table').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(0);

    // On the phone the percentage is on screen without scrolling sideways; the rest says it scrolls.
    expect(page.viewportSize()!.width).toBe(390);
    const pctHeader = section.getByRole('columnheader', { name: a.pct });
    const cells = [pctHeader, ...(await section.getByTestId('allocation-pct').all())];
    expect(cells).toHaveLength(DEMO_UNITS.length + 1);
    const scrollBox = (await scroller.boundingBox())!;
    for (const cell of cells) {
      await expect(cell).toBeInViewport({ ratio: 1 });
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.x + box.width).toBeLessThanOrEqual(scrollBox.x + scrollBox.width); // not hidden inside the scroll box either
    }
    const overflows = await scroller.evaluate((el) => el.scrollWidth > el.clientWidth);
    if (overflows) await expect(section.getByText(a.hint)).toBeVisible();
    await scroller.focus(); // keyboard users reach the scroll region and scroll it with the arrows
    await expect(scroller).toBeFocused();

    // No directory in this browser: said plainly before anything is downloaded.
    await expect(section.getByTestId('allocation-uc-warning')).toContainText(a.warning);
    let downloads = 0;
    page.on('download', () => void downloads++);
    await section.getByRole('button', { name: a.export }).click();
    const ask = section.getByRole('group', { name: a.confirm });
    await expect(ask).toBeVisible();
    expect(downloads).toBe(0);
    await ask.getByRole('button', { name: a.cancel }).click();
    await expect(ask).toHaveCount(0);
    expect(downloads).toBe(0);
    // Downloaded anyway, knowingly: the file is the one the table makes, with an empty UC column.
    await section.getByRole('button', { name: a.export }).click();
    const [bare] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: a.anyway }).click()]);
    const bareLines = readFileSync((await bare.path())!, 'utf8').split('\r\n');
    expect(bareLines[0]).toBe('uc;rotulo;percentual');
    expect(bareLines[1]).toMatch(new RegExp(`^;${DEMO_UNITS[0]!.label};\\d+,\\d{4}$`));

    // The directory imported: the warning goes, and the file has every UC, on one tap.
    await page.getByLabel(a.importDir).setInputFiles(await directoryFile());
    await expect(section.getByTestId('allocation-uc-warning')).toHaveCount(0);
    const [full] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: a.export }).click()]);
    const lines = readFileSync((await full.path())!, 'utf8').split('\r\n');
    for (const [i, u] of DEMO_UNITS.entries()) expect(lines[i + 1]).toMatch(new RegExp(`^${u.uc};${u.label};\\d+,\\d{4}$`));
    // The same percentages as before, only the UCs filled in.
    expect(lines.map((l) => l.replace(/^[^;]*;/, ''))).toEqual(bareLines.map((l) => l.replace(/^[^;]*;/, '')));
    await page.context().close();
  });
}
