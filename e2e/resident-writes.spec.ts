// What a resident meets when writing (issue #15), at 390 × 844 in pt-BR and English: every write
// (donate, buy, sell, cancel, withdraw) shows a last look in plain words before anything is signed,
// "Voltar" sends nothing and keeps the form, "Confirmar" sends exactly once; an ambiguous kWh amount
// is asked about; a donation pending across a reload blocks a second one; the order form survives
// the back button; the recipients are labels, without yourself. Everything is counted on-chain
// (balances, orders, escrow, events) and with the wallet's own request log. The chain is
// snapshotted before each case and reverted after it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { erc20Abi, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { chainClient, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { kwhPtBr } from './fixtures/expected.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, type TestWallet } from './fixtures/wallet.ts';

type Lang = 'pt-BR' | 'en';
const LANGS: Lang[] = ['pt-BR', 'en'];
const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const A = 1; // Apto 101
const B = 2; // Apto 102
const C = 3; // Apto 201
const E18 = 10n ** 18n;
const OPEN = 0;

test.describe.configure({ mode: 'serial' });

const rpc = (method: string, params: unknown[] = []) =>
  chainClient.request({ method: method as 'eth_chainId', params: params as unknown as undefined }) as Promise<unknown>;
const setAutomine = (on: boolean) => rpc('evm_setAutomine', [on]);
const mine = () => rpc('evm_mine');

let snapshot: Hex;
test.beforeEach(async () => {
  snapshot = await snapshotChain();
});
test.afterEach(async () => {
  await setAutomine(true);
  await mine();
  await revertChain(snapshot);
});

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const credits = async (i: number) => (await readDashboard(community, addressOf(i))).member.balanceWh;
const memberId = async (i: number) => (await readDashboard(community, addressOf(i))).member.id;
const labelOf = async (i: number) => (await readDashboard(community, addressOf(i))).member.label;
const marketAddress = (): Promise<Address> => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
const openOrders = async (market: Address, i: number) =>
  (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(i)] })).filter(
    (o) => o.status === OPEN,
  );
const proceeds = (market: Address, i: number) =>
  chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [addressOf(i)] });
const tokens = (token: Address, i: number) => chainClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [addressOf(i)] });
/** Donations from member `fromId` mined since `fromBlock` (the CreditsDonated events). */
const donationsSince = async (fromId: number, fromBlock: bigint) =>
  (await chainClient.getContractEvents({ address: community, abi: communityAbi, eventName: 'CreditsDonated', args: { fromMemberId: fromId }, fromBlock }))
    .length;
const sends = (w: TestWallet) => w.calls.filter((m) => m === 'eth_sendTransaction' || m === 'eth_signTypedData_v4').length;

/** What a person reads, in each language. */
const T = {
  'pt-BR': {
    donate: 'Doar',
    submitOrder: 'Enviar ordem',
    confirm: 'Confirmar',
    back: 'Voltar',
    review: 'Confira antes de enviar',
    cancel: 'Cancelar',
    withdraw: 'Sacar',
    sell: 'Vender',
    buy: 'Comprar',
    pool: 'Fundo solidário da comunidade',
    amount: 'Quantidade (kWh)',
    price: 'Preço limite (R$/kWh)',
    recipient: 'Para quem',
    num: (s: string) => s.replace('.', ','),
    donateSummary: (kwh: string, to: string) => `Você vai doar ${kwh} para ${to}.`,
    question: (a: string, b: string) => `Você quis dizer ${a} ou ${b}?`,
    money: (v: string) => `R$ ${v}`,
    perKwh: (p: string) => `R$ ${p}/kWh`,
    sellSummary: (kwh: string, p: string) => `Você vai vender ${kwh} a no mínimo R$ ${p}/kWh.`,
    buySummary: (kwh: string, p: string) => `Você vai comprar até ${kwh} a no máximo R$ ${p}/kWh.`,
    withdrawSummary: (v: string) => `Você vai sacar R$ ${v} para a sua carteira.`,
    cancelSummary: (id: bigint, kwh: string, p: string) => `Você vai cancelar a ordem de venda nº ${id}: ${kwh} a R$ ${p}/kWh.`,
    pending: (kwh: string) => `Sua doação de ${kwh} ainda está sendo registrada na rede.`,
    pendingBalance: '(saldo pendente)',
    orderPending: (kwh: string) => `Sua ordem de ${kwh} ainda está sendo registrada na rede.`,
  },
  en: {
    donate: 'Donate',
    submitOrder: 'Place order',
    confirm: 'Confirm',
    back: 'Back',
    review: 'Check before sending',
    cancel: 'Cancel',
    withdraw: 'Withdraw',
    sell: 'Sell',
    buy: 'Buy',
    pool: "The community's solidarity pool",
    amount: 'Amount (kWh)',
    price: 'Limit price (R$/kWh)',
    recipient: 'To whom',
    num: (s: string) => s,
    donateSummary: (kwh: string, to: string) => `You are about to donate ${kwh} to ${to}.`,
    question: (a: string, b: string) => `Did you mean ${a} or ${b}?`,
    money: (v: string) => `R$${v}`,
    perKwh: (p: string) => `R$${p}/kWh`,
    sellSummary: (kwh: string, p: string) => `You are about to sell ${kwh} at R$${p}/kWh at least.`,
    buySummary: (kwh: string, p: string) => `You are about to buy up to ${kwh} at R$${p}/kWh at most.`,
    withdrawSummary: (v: string) => `You are about to withdraw R$${v} to your wallet.`,
    cancelSummary: (id: bigint, kwh: string, p: string) => `You are about to cancel sell order #${id}: ${kwh} at R$${p}/kWh.`,
    pending: (kwh: string) => `Your donation of ${kwh} is still being recorded on the network.`,
    pendingBalance: '(balance pending)',
    orderPending: (kwh: string) => `Your order of ${kwh} is still being recorded on the network.`,
  },
} as const;

async function open(browser: Browser, lang: Lang, account: number, route: 'market' | 'donate'): Promise<{ page: Page; wallet: TestWallet }> {
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  await page.addInitScript((l) => localStorage.setItem('compartilha.lang', l), lang);
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(account), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}/${route}`);
  await page.getByTestId(WALLET_TESTID).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  return { page, wallet };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const review = (page: Page, lang: Lang) => page.getByRole('group', { name: T[lang].review });

for (const lang of LANGS) {
  const t = T[lang];

  test(`donate (${lang}): recipients by label, without yourself; the review names what is recorded; Voltar sends nothing and keeps the form; Confirmar sends once`, async ({
    browser,
  }) => {
    const { page, wallet } = await open(browser, lang, A, 'donate');
    const members = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'members', args: [0, 1000] });
    const others = members.filter((m) => m.active && m.wallet.toLowerCase() !== addressOf(A).toLowerCase());
    const picker = page.getByRole('combobox', { name: t.recipient });
    // Item 11: labels only (all distinct in the demo: no number), and A is not among them.
    await expect(picker.locator('option')).toHaveCount(others.length + 2); // "Escolha…", the pool, the members
    const options = (await picker.locator('option').allTextContents()).slice(2);
    expect(options).toEqual(others.map((m) => m.label));
    expect(options).not.toContain(await labelOf(A));
    expect(options.join(' ')).not.toMatch(/nº|#\d/);

    const a0 = await credits(A);
    const c0 = await credits(C);
    const cLabel = await labelOf(C);
    const block0 = await chainClient.getBlockNumber();
    await picker.selectOption(String(await memberId(C)));
    await page.getByRole('textbox', { name: t.amount }).fill(t.num('2.5'));
    await page.getByTestId('donate-message').fill('Obrigado');
    await button(page, t.donate).click();
    const step = review(page, lang);
    await expect(step).toBeVisible();
    await expect(step.getByRole('heading')).toBeFocused();
    await expect(page.getByTestId('donate-review-summary')).toHaveText(t.donateSummary(`${t.num('2.5')} kWh`, cLabel));
    await expect(step).toContainText('Obrigado');

    // Voltar: nothing signed, nothing on-chain, the same form back with its values.
    await button(page, t.back).click();
    await expect(step).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: t.amount })).toHaveValue(t.num('2.5'));
    await expect(picker).toHaveValue(String(await memberId(C)));
    await expect(page.getByTestId('donate-message')).toHaveValue('Obrigado');
    await expect(button(page, t.donate)).toBeFocused();
    expect(sends(wallet)).toBe(0);
    expect(await credits(A)).toBe(a0);
    expect(await donationsSince(await memberId(A), block0)).toBe(0);

    // Confirmar: exactly one donation of 2,5 kWh.
    await button(page, t.donate).click();
    await button(page, t.confirm).click();
    await expect(page.getByTestId('donate-done')).toContainText(`${t.num('2.5')} kWh`);
    expect(sends(wallet)).toBe(1);
    expect(await credits(A)).toBe(a0 - 2_500n);
    expect(await credits(C)).toBe(c0 + 2_500n);
    expect(await donationsSince(await memberId(A), block0)).toBe(1);
  });

  test(`ambiguous kWh amounts are asked about, not guessed (${lang}); the chosen reading replaces the text; nothing is sent`, async ({ browser }) => {
    const { page, wallet } = await open(browser, lang, A, 'donate');
    const a0 = await credits(A);
    const amount = page.getByRole('textbox', { name: t.amount });
    await page.getByRole('combobox', { name: t.recipient }).selectOption('pool');
    // pt-BR: "1.500" (thousands or decimal?) and "1.5"; English mirrors it with the comma.
    const cases =
      lang === 'pt-BR'
        ? [
            { typed: '1.500', a: '1,5 kWh', b: '1.500 kWh', pick: '1,5 kWh', text: '1,500', recorded: '1,5 kWh' },
            { typed: '1.5', a: '1,5 kWh', b: '15 kWh', pick: '15 kWh', text: '15', recorded: '15 kWh' },
          ]
        : [
            { typed: '1,500', a: '1.5 kWh', b: '1,500 kWh', pick: '1.5 kWh', text: '1.500', recorded: '1.5 kWh' },
            { typed: '1,5', a: '1.5 kWh', b: '15 kWh', pick: '15 kWh', text: '15', recorded: '15 kWh' },
          ];
    for (const c of cases) {
      await amount.fill(c.typed);
      await button(page, t.donate).click();
      const question = page.getByRole('group', { name: t.question(c.a, c.b) });
      await expect(question).toBeVisible();
      await expect(review(page, lang)).toHaveCount(0);
      await expect(question.getByRole('button', { name: c.a, exact: true })).toBeVisible();
      await question.getByRole('button', { name: c.pick, exact: true }).click();
      await expect(page.getByTestId('donate-review-summary')).toHaveText(t.donateSummary(c.recorded, t.pool));
      await button(page, t.back).click();
      await expect(amount).toHaveValue(c.text);
    }
    // The person's own decimal separator is not asked about.
    await amount.fill(t.num('1.5'));
    await button(page, t.donate).click();
    await expect(page.getByTestId('donate-review-summary')).toHaveText(t.donateSummary(`${t.num('1.5')} kWh`, t.pool));
    await button(page, t.back).click();
    expect(sends(wallet)).toBe(0);
    expect(await credits(A)).toBe(a0);
  });

  test(`market (${lang}): sell, buy, withdraw and cancel each show a review; Voltar sends nothing, Confirmar exactly once (on-chain)`, async ({ browser }) => {
    const market = await marketAddress();
    const token = await ensurePaymentToken(community, [A, B, C].map(addressOf));
    const price = t.num('0.50');
    const a = await open(browser, lang, A, 'market');
    await a.page.getByTestId('legal-notice-dismiss').click();
    const creditsA0 = await credits(A);
    const side = a.page.getByRole('combobox', { name: lang === 'en' ? 'Type' : 'Tipo' });

    // Sell 2 kWh at 0,50: the review, Voltar, nothing placed.
    await side.selectOption({ label: t.sell });
    await a.page.getByRole('textbox', { name: t.price }).fill(price);
    await a.page.getByRole('textbox', { name: t.amount }).fill('2');
    await button(a.page, t.submitOrder).click();
    await expect(review(a.page, lang)).toBeVisible();
    await expect(a.page.getByTestId('order-review-summary')).toHaveText(t.sellSummary('2 kWh', price));
    await expect(review(a.page, lang)).toContainText(t.perKwh(price));
    await expect(review(a.page, lang)).toContainText(t.money(t.num('1.00')));
    await button(a.page, t.back).click();
    await expect(side).toHaveValue('sell');
    await expect(a.page.getByRole('textbox', { name: t.price })).toHaveValue(price);
    await expect(a.page.getByRole('textbox', { name: t.amount })).toHaveValue('2');
    expect(sends(a.wallet)).toBe(0);
    expect(await openOrders(market, A)).toHaveLength(0);
    expect(await credits(A)).toBe(creditsA0);
    // Confirmar: one order, 2 kWh in escrow.
    await button(a.page, t.submitOrder).click();
    await button(a.page, t.confirm).click();
    await expect(a.page.getByTestId('my-order')).toHaveCount(1);
    expect(sends(a.wallet)).toBe(1);
    const [sell] = await openOrders(market, A);
    expect(sell?.remainingWh).toBe(2_000n);
    expect(await credits(A)).toBe(creditsA0 - 2_000n);

    // B buys 1 kWh at 0,50: the review says the total to pay; Voltar signs nothing.
    const b = await open(browser, lang, B, 'market');
    await b.page.getByTestId('legal-notice-dismiss').click();
    const tokB0 = await tokens(token, B);
    await b.page.getByRole('combobox', { name: lang === 'en' ? 'Type' : 'Tipo' }).selectOption({ label: t.buy });
    await b.page.getByRole('textbox', { name: t.price }).fill(price);
    await b.page.getByRole('textbox', { name: t.amount }).fill('1');
    await button(b.page, t.submitOrder).click();
    await expect(b.page.getByTestId('order-review-summary')).toHaveText(t.buySummary('1 kWh', price));
    await expect(review(b.page, lang)).toContainText(t.money(price));
    await button(b.page, t.back).click();
    expect(sends(b.wallet)).toBe(0);
    expect(await tokens(token, B)).toBe(tokB0);
    await button(b.page, t.submitOrder).click();
    await button(b.page, t.confirm).click();
    await expect(b.page.getByTestId('order-done')).toBeVisible();
    expect(sends(b.wallet)).toBe(2); // the permit signature and the order
    expect(await tokens(token, B)).toBe(tokB0 - E18 / 2n);
    expect(await proceeds(market, A)).toBe(E18 / 2n);

    // A withdraws the 0,50: Voltar keeps them in the market, Confirmar pays them out once.
    await a.page.reload();
    const tokA0 = await tokens(token, A);
    await expect(a.page.getByTestId('proceeds')).toContainText(price);
    await button(a.page, t.withdraw).click();
    await expect(a.page.getByTestId('withdraw-review-summary')).toHaveText(t.withdrawSummary(price));
    await button(a.page, t.back).click();
    await expect(button(a.page, t.withdraw)).toBeFocused();
    expect(sends(a.wallet)).toBe(1);
    expect(await proceeds(market, A)).toBe(E18 / 2n);
    await button(a.page, t.withdraw).click();
    await button(a.page, t.confirm).click();
    await expect(a.page.getByTestId('proceeds')).toContainText(t.num('0.00'));
    expect(sends(a.wallet)).toBe(2);
    expect(await proceeds(market, A)).toBe(0n);
    expect(await tokens(token, A)).toBe(tokA0 + E18 / 2n);

    // A cancels the 1 kWh left: Voltar keeps the order open, Confirmar cancels it once.
    await expect(a.page.getByTestId('my-order')).toHaveCount(1);
    await button(a.page, t.cancel).click();
    await expect(a.page.getByTestId('cancel-review-summary')).toHaveText(t.cancelSummary(sell!.id, '1 kWh', price));
    await button(a.page, t.back).click();
    expect(sends(a.wallet)).toBe(2);
    expect(await openOrders(market, A)).toHaveLength(1);
    await button(a.page, t.cancel).click();
    await button(a.page, t.confirm).click();
    await expect(a.page.getByTestId('my-order')).toHaveCount(0);
    expect(sends(a.wallet)).toBe(3);
    expect(await openOrders(market, A)).toHaveLength(0);
    expect(await credits(A)).toBe(creditsA0 - 1_000n);
  });

  test(`a donation pending across a reload (${lang}): the form says so, the balance is marked pending, nothing is sent twice; usable again once mined`, async ({
    browser,
  }) => {
    const { page, wallet } = await open(browser, lang, A, 'donate');
    const a0 = await credits(A);
    const cId = await memberId(C);
    const block0 = await chainClient.getBlockNumber();
    await expect(page.getByTestId('donate-balance')).toBeVisible();

    await setAutomine(false);
    await page.getByRole('combobox', { name: t.recipient }).selectOption(String(cId));
    await page.getByRole('textbox', { name: t.amount }).fill(t.num('1.5'));
    await button(page, t.donate).click();
    await button(page, t.confirm).click();
    // Signed and sent, not mined: the stored entry has its hash (what survives the reload).
    await expect
      .poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('compartilha.tx') ?? '[]') as { state?: string; hash?: string }[])[0]))
      .toMatchObject({ state: 'pending', hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(sends(wallet)).toBe(1);

    await page.reload();
    await expect(page.getByTestId('donate-pending')).toContainText(t.pending(`${t.num('1.5')} kWh`));
    await expect(page.getByTestId('donate-balance-pending')).toHaveText(t.pendingBalance);
    if (lang === 'pt-BR') await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(a0)); // not yet mined
    // A second try is refused by the form itself: no review, nothing to the wallet.
    await page.getByRole('combobox', { name: t.recipient }).selectOption(String(cId));
    await page.getByRole('textbox', { name: t.amount }).fill(t.num('1.5'));
    const submit = page.getByTestId('donate-submit');
    await expect(submit).toHaveAttribute('aria-disabled', 'true');
    // Playwright waits for an aria-disabled button to be enabled: force the tap, and try Enter too.
    await submit.click({ force: true });
    await page.getByRole('textbox', { name: t.amount }).press('Enter');
    await expect(review(page, lang)).toHaveCount(0);
    expect(sends(wallet)).toBe(1);

    await mine();
    await setAutomine(true);
    await expect(page.getByTestId('tx-status').first()).toHaveAttribute('data-state', 'confirmed');
    await expect(page.getByTestId('donate-pending')).toHaveCount(0);
    await expect(page.getByTestId('donate-balance-pending')).toHaveCount(0);
    if (lang === 'pt-BR') await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(a0 - 1_500n));
    expect(await donationsSince(await memberId(A), block0)).toBe(1);
    expect(await credits(A)).toBe(a0 - 1_500n);
    expect(sends(wallet)).toBe(1);
    // Usable again: the review opens (and Voltar sends nothing).
    await button(page, t.donate).click();
    await expect(review(page, lang)).toBeVisible();
    await button(page, t.back).click();
    expect(sends(wallet)).toBe(1);
  });

  test(`an order (${lang}): an ambiguous amount is asked about in the order form too; pending across a reload it blocks a second order until mined`, async ({
    browser,
  }) => {
    const market = await marketAddress();
    await ensurePaymentToken(community, [A, B, C].map(addressOf));
    const { page, wallet } = await open(browser, lang, A, 'market');
    await page.getByTestId('legal-notice-dismiss').click();
    const a0 = await credits(A);
    const price = t.num('0.90');
    await page.getByRole('combobox', { name: lang === 'en' ? 'Type' : 'Tipo' }).selectOption({ label: t.sell });
    await page.getByRole('textbox', { name: t.price }).fill(price);
    const amount = page.getByRole('textbox', { name: t.amount });
    await amount.fill(lang === 'en' ? '1,500' : '1.500');
    await button(page, t.submitOrder).click();
    const [decimal, whole] = lang === 'en' ? ['1.5 kWh', '1,500 kWh'] : ['1,5 kWh', '1.500 kWh'];
    const question = page.getByRole('group', { name: t.question(decimal, whole) });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: decimal, exact: true }).click();
    await expect(page.getByTestId('order-review-summary')).toHaveText(t.sellSummary(decimal, price));

    await setAutomine(false);
    await button(page, t.confirm).click();
    await expect
      .poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('compartilha.tx') ?? '[]') as { state?: string; hash?: string }[])[0]))
      .toMatchObject({ state: 'pending', hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(sends(wallet)).toBe(1);
    await page.reload();
    await expect(page.getByTestId('order-pending')).toContainText(t.orderPending(decimal));
    await expect(page.getByTestId('order-balance')).toContainText(t.pendingBalance);
    await page.getByRole('textbox', { name: t.price }).fill(price);
    await amount.fill('1');
    await expect(page.getByTestId('order-submit')).toHaveAttribute('aria-disabled', 'true');
    await page.getByTestId('order-submit').click({ force: true });
    await expect(review(page, lang)).toHaveCount(0);
    expect(sends(wallet)).toBe(1);

    await mine();
    await setAutomine(true);
    await expect(page.getByTestId('order-pending')).toHaveCount(0);
    await expect(page.getByTestId('my-order')).toHaveCount(1);
    // Confirmed: the draft kept across the reload is cleared, as after a send without reload.
    await expect(amount).toHaveValue('');
    await page.getByRole('textbox', { name: t.price }).fill(price);
    await amount.fill('1');
    const orders = await openOrders(market, A);
    expect(orders.map((o) => o.quantityWh)).toEqual([1_500n]);
    expect(await credits(A)).toBe(a0 - 1_500n);
    await button(page, t.submitOrder).click();
    await expect(review(page, lang)).toBeVisible();
    await button(page, t.back).click();
    expect(sends(wallet)).toBe(1);
  });

  test(`the order form survives the back button and a route change (${lang}); a confirmed send clears it`, async ({ browser }) => {
    await ensurePaymentToken(community, [A, B, C].map(addressOf));
    const market = await marketAddress();
    const { page } = await open(browser, lang, A, 'market');
    await page.getByTestId('legal-notice-dismiss').click();
    const side = page.getByRole('combobox', { name: lang === 'en' ? 'Type' : 'Tipo' });
    const priceBox = page.getByRole('textbox', { name: t.price });
    const amountBox = page.getByRole('textbox', { name: t.amount });
    await side.selectOption({ label: t.sell });
    await priceBox.fill(t.num('0.70'));
    await amountBox.fill('3');
    const kept = async () => {
      await expect(side).toHaveValue('sell');
      await expect(side.locator('option:checked')).toHaveText(t.sell);
      await expect(priceBox).toHaveValue(t.num('0.70'));
      await expect(amountBox).toHaveValue('3');
    };

    // To the dashboard, then the browser's back button.
    await page.locator('.back-link').first().click();
    await expect(page.getByTestId('market-link')).toBeVisible();
    await page.goBack();
    await kept();
    // Forward and back again, and a route change through the links.
    await page.goForward();
    await expect(page.getByTestId('market-link')).toBeVisible();
    await page.getByTestId('market-link').click();
    await kept();

    // Sent and confirmed: the draft is gone, also after a reload.
    await button(page, t.submitOrder).click();
    await button(page, t.confirm).click();
    await expect(page.getByTestId('my-order')).toHaveCount(1);
    expect(await openOrders(market, A)).toHaveLength(1);
    await expect(priceBox).toHaveValue('');
    await page.reload();
    await expect(priceBox).toHaveValue('');
    await expect(amountBox).toHaveValue('');
  });
}
