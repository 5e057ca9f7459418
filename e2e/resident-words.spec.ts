// What a resident meets (#15): money in reais, prices in R$/kWh, the jargon explained in place,
// transaction rows in the language on screen, the history naming the other member with the money
// of each fill and the withdrawal. Production build, real anvil with the demo community, injected
// wallets signing with real keys; a sell fill and a withdrawal are made through the chain (viem,
// demo keys) inside a snapshot that is reverted at the end. Phone viewport 390 × 844.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createWalletClient, erc20Abi, http, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { chainClient, e2eChain, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const A = 1; // Apto 101: the buyer
const B = 2; // Apto 102: the seller
const C = 3; // Apto 201
const E18 = 10n ** 18n;
const BUY = 0;
const SELL = 1;
const PRICE = (45n * E18) / 100n; // 0,45 per kWh
const LANGS = ['pt-BR', 'en'] as const;
type Lang = (typeof LANGS)[number];

test.describe.configure({ mode: 'serial' });

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const walletOf = (i: number) => createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(i)), chain: e2eChain, transport: http(E2E_RPC_URL) });
const mined = async (hash: `0x${string}`) => {
  const r = await chainClient.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`tx ${hash} reverted`);
  return r;
};

let snapshot: `0x${string}`;
let market: Address;
let token: Address;
const fixture = { buyerLabel: '', withdrawn: 0n, proceeds: 0n, firstFill: 0n };

/** B sells `wh` at 0,45; A buys it at once (A is the taker, B the maker). */
async function fill(wh: bigint) {
  await mined(
    await walletOf(B).writeContract({ address: market, abi: communityMarketAbi, functionName: 'placeOrder', args: [SELL, PRICE, wh, 0n, false, 0n, 8] }),
  );
  const budget = (PRICE * wh + 999n) / 1000n;
  await mined(await walletOf(A).writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [market, budget] }));
  await mined(
    await walletOf(A).writeContract({ address: market, abi: communityMarketAbi, functionName: 'placeOrder', args: [BUY, PRICE, wh, 0n, false, 0n, 8] }),
  );
}

test.beforeAll(async () => {
  snapshot = await snapshotChain();
  token = await ensurePaymentToken(community, [A, B, C].map(addressOf));
  market = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
  const book = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'book', args: [10] });
  // The fills below must be B's: nothing may already sit on the book at or under 0,45 (or bid at or over it).
  expect(book.asks.filter((l) => l.priceTokenPerKwh <= PRICE)).toEqual([]);
  expect(book.bids.filter((l) => l.priceTokenPerKwh >= PRICE)).toEqual([]);
  // Fill 1 (2 kWh = 0,90), withdrawn by B; fill 2 (1 kWh = 0,45) stays as B's proceeds.
  await fill(2_000n);
  fixture.withdrawn = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [addressOf(B)] });
  fixture.firstFill = fixture.withdrawn;
  await mined(await walletOf(B).writeContract({ address: market, abi: communityMarketAbi, functionName: 'withdraw', args: [] }));
  await fill(1_000n);
  fixture.proceeds = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [addressOf(B)] });
  // B rests an ask at 0,60 so the book has a level.
  await mined(
    await walletOf(B).writeContract({
      address: market,
      abi: communityMarketAbi,
      functionName: 'placeOrder',
      args: [SELL, (60n * E18) / 100n, 1_000n, 0n, false, 0n, 8],
    }),
  );
  fixture.buyerLabel = (await readDashboard(community, addressOf(A))).member.label;
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

async function open(browser: Browser, lang: Lang, account: number, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  await page.addInitScript((l) => {
    if (!sessionStorage.getItem('words-lang-set')) {
      localStorage.setItem('compartilha.lang', l);
      sessionStorage.setItem('words-lang-set', '1');
    }
  }, lang);
  await injectWallet(page, { privateKey: anvilPrivateKey(account), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}${path}`);
  await page.getByTestId(WALLET_TESTID).click();
  return page;
}

/** Reais as the app must print them, from an 18-decimals token amount with at most 2 decimals. */
function reais(units: bigint, lang: Lang): string {
  const cents = units / 10n ** 16n;
  const int = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'pt-BR').format(cents / 100n);
  const body = `${int}${lang === 'en' ? '.' : ','}${String(cents % 100n).padStart(2, '0')}`;
  return lang === 'en' ? `R$${body}` : `R$ ${body}`;
}

for (const lang of LANGS) {
  const en = lang === 'en';

  test(`market: money in reais, prices in R$/kWh, the token named once (${lang})`, async ({ browser }) => {
    // C, who has not sold: the book, the balance and a buy preview.
    const page = await open(browser, lang, C, '/market');
    await expect(page.getByTestId('last-price')).toHaveText(en ? 'R$0.45/kWh' : 'R$ 0,45/kWh');
    await expect(page.getByTestId('token-note')).toHaveText(
      en ? 'Payments in dBRL, a digital real: 1 dBRL = R$1.' : 'Pagamentos em dBRL, um real digital: 1 dBRL = R$ 1.',
    );
    await expect(page.getByTestId('proceeds')).toHaveText(en ? 'R$0.00' : 'R$ 0,00');
    const balance = await chainClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [addressOf(C)] });
    await expect(page.getByTestId('order-balance')).toHaveText(`${en ? 'Your balance' : 'Seu saldo'}: ${reais(balance, lang)}`);
    const asks = page.getByRole('table', { name: en ? 'Sell orders (lowest first)' : 'Vendas (quem cobra menos primeiro)' });
    await expect(asks.getByRole('columnheader').first()).toHaveText(en ? 'Price (R$/kWh)' : 'Preço (R$/kWh)');
    await expect(asks.getByTestId('level-price').first()).toHaveText(en ? '0.60' : '0,60');
    // The token's symbol appears once (the note), never beside an amount.
    await expect(page.getByText(/dBRL/)).toHaveCount(1);
    // The order preview speaks reais too.
    await page.getByTestId('legal-notice-dismiss').click();
    await page.getByTestId('order-side').selectOption('buy');
    await page.getByTestId('order-price').fill(en ? '0.60' : '0,60');
    await page.getByTestId('order-amount').fill('1');
    await expect(page.getByTestId('order-preview')).toContainText(en ? 'Fills now 1 kWh for R$0.60' : 'Executa agora 1 kWh por R$ 0,60');
    await expect(page.getByTestId('order-preview')).toContainText(en ? 'Reserves up to R$0.60.' : 'Reserva até R$ 0,60.');
    await page.context().close();
  });
}

test('a sell sent in Portuguese reads English after the switch: the order, its transaction row, the proceeds', async ({ browser }) => {
  expect(fixture.proceeds).toBe(PRICE); // 1 kWh at 0,45 not withdrawn
  const page = await open(browser, 'pt-BR', B, '/market');
  await expect(page.getByTestId('proceeds')).toHaveText(reais(fixture.proceeds, 'pt-BR'));
  await page.getByTestId('legal-notice-dismiss').click();
  await page.getByTestId('order-side').selectOption('sell');
  await page.getByTestId('order-price').fill('0,70');
  await page.getByTestId('order-amount').fill('1');
  await page.getByTestId('order-submit').click();
  await page.getByTestId('order-confirm').click(); // the last look before signing
  await expect(page.getByTestId('order-done')).toBeVisible();
  const orders = (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(B)] })).filter(
    (o) => o.status === 0 && o.priceTokenPerKwh === (70n * E18) / 100n,
  );
  expect(orders).toHaveLength(1);
  const id = String(orders[0]!.id);
  const mine = page.locator(`[data-testid="my-order"][data-order-id="${id}"]`);
  await expect(mine).toContainText(`Ordem de venda nº ${id}: 1 kWh de 1 kWh · R$ 0,70/kWh`);
  const row = page.locator('[data-testid="tx-status"][data-state="confirmed"]').first();
  await expect(row).toHaveText(/^Venda de 1 kWh a R\$ 0,70\/kWh confirmada/);

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(mine).toContainText(`Sell order #${id}: 1 kWh of 1 kWh · R$0.70/kWh`);
  await expect(page.getByTestId('proceeds')).toHaveText(reais(fixture.proceeds, 'en'));
  await expect(row).toHaveText(/^Sell 1 kWh at R\$0\.70\/kWh confirmed/);
  await expect(row).not.toContainText(/Venda|confirmada/);
  await expect(page.getByRole('button', { name: 'Dismiss: Sell 1 kWh at R$0.70/kWh' })).toBeVisible();
  // Still English after a reload (the row is read back from storage).
  await page.reload();
  await expect(page.locator('[data-testid="tx-status"]').first()).toHaveText(/^Sell 1 kWh at R\$0\.70\/kWh confirmed/);
  await page.context().close();
});

const DASHBOARD_TERMS: Record<Lang, { name: RegExp; says: RegExp }[]> = {
  'pt-BR': [
    { name: /^GD II/, says: /depois de 7 de janeiro de 2023/ },
    { name: /kWp$/, says: /potência máxima dos painéis/ },
    { name: /^Compensado/, says: /pagas? com créditos/ },
    { name: /^Custo de disponibilidade/, says: /30 kWh .* 50 kWh .* 100 kWh/ },
    { name: /^Fio B/, says: /60 % em 2026/ },
  ],
  en: [
    { name: /^GD II/, says: /after 7 January 2023/ },
    { name: /kWp$/, says: /maximum power/ },
    { name: /^Offset/, says: /paid with the solar plant's credits/ },
    { name: /^Minimum charge/, says: /30 kWh .* 50 kWh .* 100 kWh/ },
    { name: /^Fio B/, says: /60% in 2026/ },
  ],
};

for (const lang of LANGS) {
  const en = lang === 'en';

  test(`dashboard: each term opens by keyboard with its explanation, Escape closes it; money as R$ (${lang})`, async ({ browser }) => {
    const page = await open(browser, lang, A, '');
    await expect(page.getByTestId('bill-brl')).toHaveText(en ? 'R$84.00' : 'R$ 84,00');
    for (const t of DASHBOARD_TERMS[lang]) {
      const button = page.getByRole('button', { name: t.name });
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await button.focus();
      await page.keyboard.press('Enter');
      await expect(button).toHaveAttribute('aria-expanded', 'true');
      const note = page.locator(`[id="${await button.getAttribute('aria-controls')}"]`);
      await expect(note).toHaveText(t.says);
      await page.keyboard.press('Escape');
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await expect(note).toHaveCount(0);
      await page.keyboard.press('Space');
      await expect(button).toHaveAttribute('aria-expanded', 'true');
    }
    // The figures read the same with every explanation open.
    await expect(page.getByTestId('bill-brl')).toHaveText(en ? 'R$84.00' : 'R$ 84,00');
    await page.context().close();
  });

  test(`statement: terms explained in place and linked to its glossary (${lang})`, async ({ browser }) => {
    const page = await open(browser, lang, A, '/statement/202610');
    await expect(page.getByTestId('statement-bill')).toBeVisible();
    const glossary = page.getByRole('region', { name: en ? 'What each term means' : 'O que quer dizer cada termo' });
    await expect(glossary.getByRole('term')).toHaveText(
      en
        ? ['Offset (compensado)', 'Minimum charge (custo de disponibilidade)', 'Fio B', 'GD II', 'kWp']
        : ['Compensado', 'Custo de disponibilidade', 'Fio B', 'GD II', 'kWp'],
    );
    await page.getByRole('link', { name: en ? 'What is Fio B?' : 'O que é Fio B?' }).click();
    await expect(glossary.getByRole('term').filter({ hasText: /^Fio B$/ })).toBeFocused();
    await expect(page).toHaveURL(/statement\/202610$/); // the route did not change
    const gd = page.getByTestId('statement-regime').getByRole('button', { name: /^GD II/ });
    await gd.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('statement-regime').getByTestId('term-note')).toHaveText(en ? /after 7 January 2023/ : /depois de 7 de janeiro de 2023/);
    await page.context().close();
  });

  test(`history: the fill names the buyer and shows the money; the withdrawal is a row (${lang})`, async ({ browser }) => {
    const page = await open(browser, lang, B, '/history');
    await expect(page.getByTestId('history-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
    const fills = page.locator('[data-testid="history-row"][data-kind="order-filled"]');
    await expect(fills).toHaveCount(2);
    const first = fills.last(); // newest first: the 2 kWh fill is the older one
    await expect(first).toHaveAttribute('data-token-amount', String(fixture.firstFill));
    await expect(first.getByTestId('history-detail')).toHaveText(
      en
        ? new RegExp(`^sold to ${fixture.buyerLabel} for ${reais(fixture.firstFill, lang).replace(/[$.]/g, '\\$&')} \\(R\\$0\\.45/kWh\\) · sell order #\\d+$`)
        : new RegExp(
            `^vendido para ${fixture.buyerLabel} por ${reais(fixture.firstFill, lang).replace(/[$.]/g, '\\$&')} \\(R\\$ 0,45/kWh\\) · ordem de venda nº \\d+$`,
          ),
    );
    await expect(first).not.toContainText(/membro nº|member #|\(sell\)/);
    const withdrawn = page.locator('[data-testid="history-row"][data-kind="withdrawn"]');
    await expect(withdrawn).toHaveCount(1);
    await expect(withdrawn).toHaveAttribute('data-token-amount', String(fixture.withdrawn));
    await expect(withdrawn.getByTestId('history-detail')).toHaveText(
      en ? `Withdrew ${reais(fixture.withdrawn, lang)} to your wallet` : `Saque de ${reais(fixture.withdrawn, lang)} para a sua carteira`,
    );
    await page.context().close();
  });

  test(`charts: the price in R$/kWh (axis and table), the expiry axis from zero (${lang})`, async ({ browser }) => {
    const page = await open(browser, lang, B, '/charts');
    const price = page.getByTestId('chart-price');
    await expect(price.getByTestId('chart-table')).toBeAttached({ timeout: 30_000 });
    await expect(price.getByTestId('chart-table').getByRole('columnheader').nth(1)).toHaveText(en ? 'Price (R$/kWh)' : 'Preço (R$/kWh)');
    await expect(price.getByTestId('chart-table').locator('tbody td')).toHaveText([en ? '0.45' : '0,45']);
    // uPlot's drawn y scale (recorded on the plot's element after each draw).
    const yMax = Number(await price.getByTestId('chart-plot').getAttribute('data-y-max'));
    expect(yMax).toBeGreaterThan(0.45);
    expect(yMax).toBeLessThan(10); // whole reais, not base units (4.5e17)
    await expect(page.getByTestId('chart-expiry').getByTestId('chart-plot')).toHaveAttribute('data-y-min', '0');
    await expect(page.getByTestId('chart-energy').getByTestId('chart-plot')).toHaveAttribute('data-y-min', '0');
    // At 390 px nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
}
