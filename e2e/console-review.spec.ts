// Issue #15, the manager's console: every write shows a last look in plain words, with the values as
// they will be recorded, before anything is signed. "Voltar" sends nothing (no eth_sendTransaction,
// no new block with automine on, the contract's state unchanged) and returns to the filled form;
// "Confirmar" sends and the state changes on-chain. Also the console's small faults of #15 (item 13).
// Real production build, real anvil with the demo condominium, injected wallets signing with real
// keys; every test runs inside its own chain snapshot.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { privateKeyToAccount } from 'viem/accounts';
import { zeroAddress } from 'viem';
import { communityAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient, lastSettlement, readingOf, revertChain, snapshotChain } from './fixtures/chain.ts';
import { kwhPtBr } from './fixtures/expected.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, type TestWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const OPEN = 202611;
const NEW_MEMBER = 8; // an anvil account that is not a member
const NOT_MEMBER = 9;
type Lang = 'pt-BR' | 'en';
const WORDS = {
  'pt-BR': { title: 'Confira antes de enviar', confirm: 'Confirmar', back: 'Voltar' },
  en: { title: 'Check before sending', confirm: 'Confirm', back: 'Back' },
} as const;
const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const read = <F extends 'memberCount' | 'openCycle' | 'manager' | 'pendingManager' | 'meterReader' | 'shareSchedule'>(functionName: F) =>
  chainClient.readContract({ address: community, abi: communityAbi, functionName });
const member = (id: number) => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [id] });
const settings = async () =>
  (await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'dashboardOf', args: [addressOf(0)] })).settings;

let snapshot: `0x${string}`;
test.beforeEach(async () => {
  snapshot = await snapshotChain();
});
test.afterEach(async () => {
  await revertChain(snapshot);
});

async function openAs(browser: Browser, account: number, hash: string, lang: Lang) {
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  await page.addInitScript((l) => localStorage.setItem('compartilha.lang', l), lang);
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(account), rpcUrl: E2E_RPC_URL });
  await page.goto(`./${hash}`);
  await page.getByTestId(WALLET_TESTID).click();
  return { page, wallet };
}
const console_ = (browser: Browser, lang: Lang, account = MANAGER_INDEX) => openAs(browser, account, `#/c/31337/${community}/manage`, lang);

const sends = (w: TestWallet) => w.calls.filter((m) => m === 'eth_sendTransaction').length;

/**
 * `open` asks for the review of the write `name`: its heading takes the focus and its summary reads
 * `summary`; then "Voltar": the review goes, and nothing was sent nor mined.
 */
async function reviewThenBack(page: Page, wallet: TestWallet, lang: Lang, name: string, open: () => Promise<void>, summary: string | RegExp) {
  const block = await chainClient.getBlockNumber();
  const sent = sends(wallet);
  await open();
  const review = page.getByTestId(`${name}-review`);
  await expect(review).toBeVisible();
  await expect(review.getByRole('heading', { name: WORDS[lang].title })).toBeFocused();
  await expect(page.getByTestId(`${name}-review-summary`)).toHaveText(summary);
  await review.getByRole('button', { name: WORDS[lang].back }).click();
  await expect(review).toHaveCount(0);
  expect(sends(wallet), `${name}: "Voltar" sent a transaction`).toBe(sent);
  expect(await chainClient.getBlockNumber(), `${name}: "Voltar" mined a block`).toBe(block);
}

/** `open` asks for the review again; "Confirmar" sends (one transaction at least). */
async function reviewThenConfirm(page: Page, wallet: TestWallet, lang: Lang, name: string, open: () => Promise<void>) {
  const sent = sends(wallet);
  await open();
  const review = page.getByTestId(`${name}-review`);
  await review.getByRole('button', { name: WORDS[lang].confirm }).click();
  await expect(review).toHaveCount(0, { timeout: 30_000 });
  expect(sends(wallet)).toBeGreaterThan(sent);
}

const csv = (lines: string[]) => ({ name: 'leituras.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') });
const READINGS = DEMO_UNITS.map((u, i) => `${u.label};${u.baseKwh + i},25`);
const READINGS_WH = DEMO_UNITS.map((u, i) => BigInt((u.baseKwh + i) * 1000 + 250));
const TOTAL_WH = READINGS_WH.reduce((a, b) => a + b, 0n); // 2.816,5 kWh

test('members: adding, editing, deactivating, filing and cancelling a share table are each reviewed; "Voltar" sends nothing (pt-BR)', async ({ browser }) => {
  const { page, wallet } = await console_(browser, 'pt-BR');
  const lang = 'pt-BR';
  const form = page.getByTestId('member-add-form');
  await expect(form).toBeVisible();
  const count = await read('memberCount');
  const newWallet = addressOf(NEW_MEMBER);

  // Add: the review names the unit, its connection and that it joins with no share (after the first close).
  await form.getByLabel('Carteira (endereço 0x…)').fill(newWallet);
  await form.getByLabel('Número da UC (fica só neste navegador)').fill('0012345699');
  await form.getByLabel('Rótulo').fill('Apto 401');
  await form.getByLabel('Ligação').selectOption({ label: 'Bifásica (mín. 50 kWh)' });
  const add = () => form.getByRole('button', { name: 'Cadastrar' }).click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'member-add',
    add,
    'Você vai cadastrar Apto 401 (ligação: Bifásica (mín. 50 kWh)) sem parte da usina (ela vem com o próximo rateio protocolado).',
  );
  expect(await read('memberCount')).toBe(count);
  // Back at the form, filled in as it was, and the focus on the button that asked.
  await expect(form.getByLabel('Rótulo')).toHaveValue('Apto 401');
  await expect(form.getByLabel('Carteira (endereço 0x…)')).toHaveValue(newWallet);
  await expect(form.getByRole('button', { name: 'Cadastrar' })).toBeFocused();
  await add();
  await expect(page.getByTestId('member-add-review')).toContainText(newWallet);
  await expect(page.getByTestId('member-add-review')).toContainText('0012345699');
  await page.getByTestId('member-add-review').getByRole('button', { name: 'Voltar' }).click();
  await reviewThenConfirm(page, wallet, lang, 'member-add', add);
  await expect(page.getByTestId('member-row')).toHaveCount(count + 1, { timeout: 20_000 });
  const id = count;
  expect((await member(id)).label).toBe('Apto 401');
  expect((await member(id)).connection).toBe(1);

  // Edit: the new label.
  await page.getByTestId('member-row').nth(id).getByRole('button', { name: 'Editar' }).click();
  const edit = page.getByTestId('member-edit-form');
  await edit.getByLabel('Rótulo').fill('Apto 402');
  const save = () => edit.getByRole('button', { name: 'Salvar alterações' }).click();
  await reviewThenBack(page, wallet, lang, 'member-edit', save, 'Você vai atualizar Apto 401: rótulo "Apto 402", ligação: Bifásica (mín. 50 kWh).');
  expect((await member(id)).label).toBe('Apto 401');
  await expect(edit.getByLabel('Rótulo')).toHaveValue('Apto 402');
  await reviewThenConfirm(page, wallet, lang, 'member-edit', save);
  await expect.poll(async () => (await member(id)).label, { timeout: 20_000 }).toBe('Apto 402');

  // Deactivate: the review says what happens to the share (no browser dialog any more).
  const deactivate = () => page.getByTestId(`member-active-${id}`).click();
  await expect(page.getByTestId('member-row').nth(id)).toContainText('Apto 402');
  await reviewThenBack(page, wallet, lang, 'member-active', deactivate, 'Você vai desativar Apto 402.');
  expect((await member(id)).active).toBe(true);
  await reviewThenConfirm(page, wallet, lang, 'member-active', deactivate);
  await expect.poll(async () => (await member(id)).active, { timeout: 20_000 }).toBe(false);

  // File a new table: 101 → 18 %, 102 → 22 %, from 12/2026.
  const editor = page.getByTestId('shares-editor');
  await editor.getByLabel(`${DEMO_UNITS[0]!.label} (%)`).fill('18');
  await editor.getByLabel(`${DEMO_UNITS[1]!.label} (%)`).fill('22');
  const file = editor.getByTestId('file-schedule');
  // Item 13: a date error goes as soon as the date is corrected.
  await file.getByTestId('schedule-filed-on').fill('');
  await file.getByTestId('schedule-submit').click();
  await expect(file.getByText('Escolha a data do protocolo.')).toBeVisible();
  await expect(file.getByTestId('schedule-filed-on')).toHaveAttribute('aria-invalid', 'true');
  await file.getByTestId('schedule-filed-on').fill('2026-11-20');
  await expect(file.getByText('Escolha a data do protocolo.')).toHaveCount(0);
  await expect(file.getByTestId('schedule-filed-on')).not.toHaveAttribute('aria-invalid', 'true');
  expect(sends(wallet)).toBe(3);

  const submit = () => file.getByTestId('schedule-submit').click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'schedule',
    submit,
    'Você vai registrar o protocolo de 20/11/2026: as novas partes valem a partir de 12/2026, e o ciclo aberto continua com as partes atuais.',
  );
  expect((await read('shareSchedule')).pending).toBe(false);
  await submit();
  await expect(page.getByTestId('schedule-review')).toContainText('Apto 101');
  await expect(page.getByTestId('schedule-review')).toContainText('20 % → 18 %');
  await expect(page.getByTestId('schedule-review')).toContainText('22 %');
  await page.getByTestId('schedule-review').getByRole('button', { name: 'Voltar' }).click();
  await reviewThenConfirm(page, wallet, lang, 'schedule', submit);
  await expect(page.getByTestId('schedule-done').first()).toContainText('12/2026', { timeout: 20_000 });
  expect((await read('shareSchedule')).pending).toBe(true);

  // Cancel it: reviewed too.
  const cancel = () => page.getByTestId('schedule-cancel').click();
  await reviewThenBack(page, wallet, lang, 'schedule-cancel', cancel, 'Você vai cancelar o novo rateio de 12/2026. As partes atuais continuam valendo.');
  expect((await read('shareSchedule')).pending).toBe(true);
  await reviewThenConfirm(page, wallet, lang, 'schedule-cancel', cancel);
  await expect.poll(async () => (await read('shareSchedule')).pending, { timeout: 20_000 }).toBe(false);
  await page.context().close();
});

test('members in English: the review of an addition reads in English; "Back" sends nothing, "Confirm" adds', async ({ browser }) => {
  const { page, wallet } = await console_(browser, 'en');
  const form = page.getByTestId('member-add-form');
  const count = await read('memberCount');
  await form.getByLabel('Wallet (0x… address)').fill(addressOf(NEW_MEMBER));
  await form.getByLabel('Label').fill('Apt 401');
  await form.getByLabel('UC number (stays in this browser only)').fill('0012345699');
  const add = () => form.getByRole('button', { name: 'Add', exact: true }).click();
  await reviewThenBack(
    page,
    wallet,
    'en',
    'member-add',
    add,
    'You are about to add Apt 401 (connection: Single-phase (min. 30 kWh)) with no share of the plant (it comes with the next filed table).',
  );
  expect(await read('memberCount')).toBe(count);
  await expect(form.getByLabel('Label')).toHaveValue('Apt 401');
  await reviewThenConfirm(page, wallet, 'en', 'member-add', add);
  await expect.poll(() => read('memberCount'), { timeout: 20_000 }).toBe(count + 1);
  await page.context().close();
});

test('readings, the close and an adjustment are reviewed with the figures as recorded; CSV values are grouped; errors go when corrected; the menu names the months (pt-BR)', async ({
  browser,
}) => {
  const lang = 'pt-BR';
  const { page, wallet } = await console_(browser, lang);
  await expect(page.getByTestId('manage-title')).toBeVisible();
  // Item 13: every menu link names its month.
  const steps = page.getByRole('navigation', { name: 'Etapas do mês' });
  await expect(steps.getByRole('link', { name: 'Leituras do ciclo 11/2026' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Fechar o ciclo 11/2026' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Conferência com as contas de 10/2026' })).toBeVisible();

  // Item 13: a CSV with no plant line → its error; typing the generation drops it.
  await page.getByTestId('readings-csv-input').setInputFiles(csv(['uc_ou_rotulo;consumo_kwh', ...READINGS]));
  await expect(page.getByTestId('readings-error')).toHaveText(['falta a geração da usina']);
  const gen = page.getByLabel('Geração da usina (kWh)');
  await gen.fill('abc');
  await expect(page.getByTestId('readings-errors')).toHaveCount(0);
  await expect(gen).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#gen-error')).toHaveText('Não é um número.');
  await gen.fill('3.450,5');
  await expect(page.locator('#gen-error')).toHaveCount(0);
  await expect(gen).toHaveAttribute('aria-invalid', 'false');

  // The whole file: the fields show grouped figures that read back as the same Wh.
  await page.getByTestId('readings-csv-input').setInputFiles(csv(['uc_ou_rotulo;consumo_kwh', 'usina;3450,5', 'Apto 101;1200', ...READINGS.slice(1)]));
  await expect(page.getByTestId('readings-errors')).toHaveCount(0);
  await expect(gen).toHaveValue('3.450,5');
  await expect(page.getByLabel('Apto 101', { exact: true })).toHaveValue('1.200');
  await expect(page.getByLabel('Apto 102', { exact: true })).toHaveValue('351,25');
  // Back to the demo's reading for 101 by hand.
  await page.getByLabel('Apto 101', { exact: true }).fill('500,25');

  const before = await Promise.all(DEMO_UNITS.map((_, i) => readingOf(community, i)));
  const sendReadings = () => page.getByTestId('readings-send').click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'readings',
    sendReadings,
    `Você vai registrar 6 leituras de 11/2026: geração 3.450,5 kWh, consumo total ${kwhPtBr(TOTAL_WH)}.`,
  );
  expect(await Promise.all(DEMO_UNITS.map((_, i) => readingOf(community, i)))).toEqual(before);
  await expect(gen).toHaveValue('3.450,5');
  await expect(page.getByLabel('Apto 101', { exact: true })).toHaveValue('500,25');
  await reviewThenConfirm(page, wallet, lang, 'readings', sendReadings);
  await expect(page.getByTestId('readings-done')).toBeVisible({ timeout: 30_000 });
  for (const [i, wh] of READINGS_WH.entries()) expect(await readingOf(community, i)).toEqual([OPEN, wh]);

  // The close: one review for all its batches.
  await expect(page.getByTestId('close-generation')).toHaveText('3.450,5 kWh', { timeout: 20_000 });
  const close = () => page.getByTestId('close-send').click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'close',
    close,
    `Você vai fechar o ciclo 11/2026: geração 3.450,5 kWh, consumo total ${kwhPtBr(TOTAL_WH)}, 6 unidades. Um ciclo fechado não muda mais.`,
  );
  expect(await read('openCycle')).toBe(OPEN);
  await reviewThenConfirm(page, wallet, lang, 'close', close);
  await expect(page.getByTestId('close-done')).toBeVisible({ timeout: 30_000 });
  expect(await read('openCycle')).toBe(202612);
  await expect(steps.getByRole('link', { name: 'Conferência com as contas de 11/2026' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Leituras do ciclo 12/2026' })).toBeVisible();

  // An adjustment from the bill: +2 kWh for Apto 101.
  const s = await lastSettlement(community, 0, OPEN);
  const row = page.getByTestId('reconcile-row').filter({ hasText: 'Apto 101' });
  await row.getByLabel('Saldo (conta) (kWh)').fill(kwhPtBr(s.balanceWh + 2_000n).replace(' kWh', ''));
  await row.getByLabel('Motivo do ajuste').selectOption({ label: 'saldo de créditos da fatura da distribuidora' });
  const adjust = () => row.getByRole('button', { name: 'Ajustar' }).click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'reconcile-0',
    adjust,
    `Você vai ajustar o saldo de Apto 101 em +2 kWh: de ${kwhPtBr(s.balanceWh)} para ${kwhPtBr(s.balanceWh + 2_000n)}.`,
  );
  expect((await member(0)).balanceWh).toBe(s.balanceWh);
  await reviewThenConfirm(page, wallet, lang, 'reconcile-0', adjust);
  await expect.poll(async () => (await member(0)).balanceWh, { timeout: 20_000 }).toBe(s.balanceWh + 2_000n);
  await page.context().close();
});

test('readings and the close in English: the reviews read in English, CSV values show as 3,450.5 and are recorded as sent', async ({ browser }) => {
  const lang = 'en';
  const { page, wallet } = await console_(browser, lang);
  const steps = page.getByRole('navigation', { name: 'Steps of the month' });
  await expect(steps.getByRole('link', { name: 'Reconcile with the bills of 10/2026' })).toBeVisible();
  await page.getByTestId('readings-csv-input').setInputFiles(csv(['uc_ou_rotulo;consumo_kwh', 'usina;3.450,5', ...READINGS]));
  await expect(page.getByTestId('readings-errors')).toHaveCount(0);
  await expect(page.getByLabel('Plant generation (kWh)')).toHaveValue('3,450.5');
  await expect(page.getByLabel('Apto 101', { exact: true })).toHaveValue('500.25');
  const sendReadings = () => page.getByTestId('readings-send').click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'readings',
    sendReadings,
    'You are about to record 6 readings for 11/2026: generation 3,450.5 kWh, total consumption 2,816.5 kWh.',
  );
  await reviewThenConfirm(page, wallet, lang, 'readings', sendReadings);
  await expect(page.getByTestId('readings-done')).toBeVisible({ timeout: 30_000 });
  for (const [i, wh] of READINGS_WH.entries()) expect(await readingOf(community, i)).toEqual([OPEN, wh]);
  const close = () => page.getByTestId('close-send').click();
  await expect(page.getByTestId('close-generation')).toHaveText('3,450.5 kWh', { timeout: 20_000 });
  await reviewThenBack(
    page,
    wallet,
    lang,
    'close',
    close,
    'You are about to close cycle 11/2026: generation 3,450.5 kWh, total consumption 2,816.5 kWh, 6 units. A closed cycle never changes.',
  );
  expect(await read('openCycle')).toBe(OPEN);
  await reviewThenConfirm(page, wallet, lang, 'close', close);
  await expect(page.getByTestId('close-done')).toBeVisible({ timeout: 30_000 });
  expect(await read('openCycle')).toBe(202612);
  await page.context().close();
});

test('settings: tariffs, Fio B, the meter reader and the handover are reviewed; the nominee accepts after a review; errors go when corrected (pt-BR)', async ({
  browser,
}) => {
  const lang = 'pt-BR';
  const { page, wallet } = await console_(browser, lang);
  const before = await settings();
  const section = page.locator('#settings');
  await expect(section).toBeVisible();

  // Item 13: a tariff error goes as soon as the value is corrected.
  const full = section.getByLabel('Tarifa cheia (R$/kWh)');
  await full.fill('abc');
  await section.getByRole('button', { name: 'Salvar configurações' }).click();
  await expect(section.getByText('Tarifa inválida', { exact: false })).toBeVisible();
  await expect(full).toHaveAttribute('aria-invalid', 'true');
  await full.fill('0,812345');
  await expect(section.getByText('Tarifa inválida', { exact: false })).toHaveCount(0);
  await expect(full).not.toHaveAttribute('aria-invalid', 'true');
  expect(sends(wallet)).toBe(0);

  const save = () => section.getByRole('button', { name: 'Salvar configurações' }).click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'settings',
    save,
    'Você vai gravar: tarifa cheia R$ 0,812345/kWh, Fio B R$ 0,28/kWh, política "Doações e ordens com preço", GD II abaixo do mínimo: "Compensar só até o mínimo (padrão)".',
  );
  expect(await settings()).toEqual(before);
  await expect(full).toHaveValue('0,812345');
  await save();
  await expect(page.getByTestId('settings-review')).toContainText('R$ 0,812345/kWh (antes: R$ 0,80/kWh)');
  await page.getByTestId('settings-review').getByRole('button', { name: 'Voltar' }).click();
  await reviewThenConfirm(page, wallet, lang, 'settings', save);
  await expect.poll(async () => (await settings()).fullTariffMicroBrlPerKwh, { timeout: 20_000 }).toBe(812_345n);

  // Fio B of 2029: 60 %.
  await section.getByLabel('Ano').fill('2029');
  await section.getByLabel('Percentual do Fio B (%)').fill('60');
  const step = () => section.getByRole('button', { name: 'Definir', exact: true }).click();
  const fioB = () => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'fioBSharePpm', args: [2029] });
  const fioBBefore = await fioB();
  await reviewThenBack(page, wallet, lang, 'fiob', step, 'Você vai definir o Fio B de 2029 em 60 %.');
  expect(await fioB()).toBe(fioBBefore);
  await reviewThenConfirm(page, wallet, lang, 'fiob', step);
  await expect.poll(fioB, { timeout: 20_000 }).toBe(600_000);

  // The meter reader.
  const readerAddr = addressOf(7);
  await section.getByLabel('Carteira do leiturista (vazio = nenhum)').fill(readerAddr);
  const setReader = () => section.getByRole('button', { name: 'Definir leiturista' }).click();
  const readerBefore = await read('meterReader');
  await reviewThenBack(page, wallet, lang, 'reader', setReader, `Você vai definir a carteira ${readerAddr} como leiturista.`);
  expect(await read('meterReader')).toBe(readerBefore);
  await reviewThenConfirm(page, wallet, lang, 'reader', setReader);
  await expect.poll(() => read('meterReader'), { timeout: 20_000 }).toBe(readerAddr);

  // The handover, step one.
  const next = addressOf(NOT_MEMBER);
  await section.getByLabel('Carteira do novo gestor').fill(next);
  const propose = () => section.getByRole('button', { name: 'Indicar novo gestor' }).click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'handover',
    propose,
    `Você vai indicar a carteira ${next} como novo gestor. A gestão só muda quando essa carteira conectar e aceitar.`,
  );
  expect(await read('pendingManager')).not.toBe(next);
  await reviewThenConfirm(page, wallet, lang, 'handover', propose);
  await expect.poll(() => read('pendingManager'), { timeout: 20_000 }).toBe(next);
  await page.context().close();

  // Step two, by the nominee.
  const nominee = await console_(browser, lang, NOT_MEMBER);
  const accept = () => nominee.page.getByTestId('accept-manager').click();
  await reviewThenBack(
    nominee.page,
    nominee.wallet,
    lang,
    'accept',
    accept,
    'Você vai aceitar a gestão de Condomínio Sol Nascente. Depois disso, esta carteira é a gestora, e o leiturista atual (se houver) deixa de ser leiturista: indique um depois, se quiser.',
  );
  expect(await read('manager')).toBe(addressOf(MANAGER_INDEX));
  await reviewThenConfirm(nominee.page, nominee.wallet, lang, 'accept', accept);
  await expect.poll(() => read('manager'), { timeout: 20_000 }).toBe(next);
  // The reader the previous manager appointed does not survive the handover (#13 item 9).
  expect(await read('meterReader')).toBe(zeroAddress);
  await nominee.page.context().close();
});

test('settings in English: the review of the tariffs and of a Fio B step reads in English', async ({ browser }) => {
  const lang = 'en';
  const { page, wallet } = await console_(browser, lang);
  const section = page.locator('#settings');
  await section.getByLabel('Fio B (R$/kWh)').fill('0.3');
  await section.getByLabel('Trading policy').selectOption({ label: 'Donations only' });
  const save = () => section.getByRole('button', { name: 'Save settings' }).click();
  await reviewThenBack(
    page,
    wallet,
    lang,
    'settings',
    save,
    'You are about to record: full tariff R$0.80/kWh, Fio B R$0.30/kWh, policy "Donations only", GD II below the minimum: "Compensate only down to the minimum (default)".',
  );
  expect((await settings()).tradingPolicy).toBe(1);
  await reviewThenConfirm(page, wallet, lang, 'settings', save);
  await expect.poll(async () => (await settings()).tradingPolicy, { timeout: 20_000 }).toBe(0);
  expect((await settings()).fioBMicroBrlPerKwh).toBe(300_000n);

  await section.getByLabel('Year').fill('2030');
  await section.getByLabel('Fio B share (%)').fill('12,5');
  const step = () => section.getByRole('button', { name: 'Set', exact: true }).click();
  await reviewThenBack(page, wallet, lang, 'fiob', step, 'You are about to set Fio B for 2030 to 12.5%.');
  await reviewThenConfirm(page, wallet, lang, 'fiob', step);
  await expect
    .poll(() => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'fioBSharePpm', args: [2030] }), { timeout: 20_000 })
    .toBe(125_000);
  await page.context().close();
});

for (const lang of ['pt-BR', 'en'] as const) {
  test(`the dashboard announces the open cycle once (${lang})`, async ({ browser }) => {
    const { page } = await openAs(browser, memberIndex(0), `#/c/31337/${community}`, lang);
    const label = lang === 'en' ? 'Open cycle' : 'Ciclo aberto';
    await expect(page.getByTestId('open-cycle')).toHaveText(`${label}: 11/2026`);
    const tree = await page.locator('section[aria-labelledby="community-name"]').ariaSnapshot();
    expect(tree.match(new RegExp(label, 'g')), tree).toHaveLength(1);
    expect(tree).toContain('11/2026');
    await page.context().close();
  });
}

test('a kWh with too many decimals is refused in correct Portuguese ("casas decimais")', async ({ browser }) => {
  const { page } = await openAs(browser, memberIndex(0), `#/c/31337/${community}/donate`, 'pt-BR');
  await page.getByTestId('donate-recipient').selectOption('pool');
  await page.getByTestId('donate-amount').fill('1,2345');
  await page.getByTestId('donate-submit').click();
  await expect(page.getByTestId('donate-error')).toHaveText('Casas decimais demais. Use no máximo 3 casas decimais.');
  await page.context().close();
});
