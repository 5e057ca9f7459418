// The market page when one of its views fails (issue #13 item 6): the production build, a real
// anvil, the test wallet. A view whose cost grew past the node's eth_call gas cap fails at the node;
// here the same thing happens for real: the page's eth_call of that one view (book, ordersOf or
// proceedsOf, found by its selector) is forwarded to anvil with a gas limit too small for it, so the
// chain itself answers "out of gas". The page must still show the other parts with their on-chain
// figures, say in words what is missing, show no figure for it, and after the node recovers, a
// retry shows everything.
import { expect, test, type Page, type Route } from '@playwright/test';
import { createWalletClient, encodeFunctionData, erc20Abi, http, toFunctionSelector, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { chainClient, e2eChain, revertChain, snapshotChain } from './fixtures/chain.ts';
import { brlPtBr, kwhPtBr, norm } from './fixtures/expected.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const RPC_ROUTE = `${new URL(E2E_RPC_URL).origin}/**`;
const A = 1; // Apto 101: the page's member
const B = 2; // Apto 102: buys part of A's ask, so A has proceeds
const BUY = 0;
const SELL = 1;
const E18 = 10n ** 18n;
const ASK = (37n * E18) / 100n; // R$ 0,37/kWh
const BID = (11n * E18) / 100n; // R$ 0,11/kWh
/** Intrinsic gas (21,000 plus calldata) and a little: no view gets through its first cold SLOAD (2,100). */
const STARVED_GAS = 23_000n;
/** Multicall3's aggregate3: the app must not batch its views through it (one would take the others down). */
const AGGREGATE3 = toFunctionSelector('aggregate3((address,bool,bytes)[])');

type ViewName = 'book' | 'ordersOf' | 'proceedsOf';
const testIdOf: Record<ViewName, string> = { book: 'book', ordersOf: 'orders', proceedsOf: 'proceeds' };
const sentence: Record<ViewName, string> = {
  book: 'Não foi possível carregar o livro de ofertas agora.',
  ordersOf: 'Não foi possível carregar as suas ordens abertas agora.',
  proceedsOf: 'Não foi possível carregar o quanto você tem a receber das suas vendas agora.',
};

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const walletOf = (i: number) => createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(i)), chain: e2eChain, transport: http(E2E_RPC_URL) });
const mined = async (hash: Hex) => {
  const r = await chainClient.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`tx ${hash} reverted`);
};
const callData = (name: ViewName): Hex =>
  name === 'book'
    ? encodeFunctionData({ abi: communityMarketAbi, functionName: 'book', args: [10] })
    : encodeFunctionData({ abi: communityMarketAbi, functionName: name, args: [addressOf(A)] });
/** The 4-byte selector of the view (from the generated ABI, so a changed signature follows). */
const selectorOf = (name: ViewName) => callData(name).slice(0, 10);

let snapshot: Hex;
let market: Address;
let scale: bigint; // token base units per micro-real (brlPtBr reads micro-reais)

test.beforeAll(async () => {
  snapshot = await snapshotChain();
  const token = await ensurePaymentToken(community, [A, B].map(addressOf));
  market = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
  scale = 10n ** BigInt((await chainClient.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' })) - 6);
  const book = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'book', args: [10] });
  // B's buy must fill A's ask and A's bid must rest: nothing else at or under 0,37 to sell, nothing at or over 0,11 to buy.
  expect(book.asks.filter((l) => l.priceTokenPerKwh <= ASK)).toEqual([]);
  expect(book.bids.filter((l) => l.priceTokenPerKwh >= BID)).toEqual([]);
  // A: an ask of 10 kWh at 0,37 and a bid of 3 kWh at 0,11 (both rest); B buys 4 kWh of the ask: A has proceeds.
  await mined(
    await walletOf(A).writeContract({ address: market, abi: communityMarketAbi, functionName: 'placeOrder', args: [SELL, ASK, 10_000n, 0n, false, 0n, 8] }),
  );
  await mined(await walletOf(A).writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [market, (BID * 3_000n) / 1000n] }));
  await mined(
    await walletOf(A).writeContract({ address: market, abi: communityMarketAbi, functionName: 'placeOrder', args: [BUY, BID, 3_000n, 0n, false, 0n, 8] }),
  );
  await mined(await walletOf(B).writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [market, (ASK * 4_000n) / 1000n] }));
  await mined(
    await walletOf(B).writeContract({ address: market, abi: communityMarketAbi, functionName: 'placeOrder', args: [BUY, ASK, 4_000n, 0n, false, 0n, 8] }),
  );
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

/** What the chain says, to compare the page with. */
async function onChain() {
  const [book, orders, proceeds] = await Promise.all([
    chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'book', args: [10] }),
    chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(A)] }),
    chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [addressOf(A)] }),
  ]);
  return { book, open: orders.filter((o) => o.status === 0), proceeds };
}
const money = (units: bigint) => brlPtBr(units / scale);

/**
 * From now on the page's eth_call of these views reaches anvil with STARVED_GAS: the node runs it
 * and answers out of gas. Every other request passes untouched.
 */
async function starve(page: Page, names: readonly ViewName[]) {
  const selectors = names.map(selectorOf);
  const seen = { starved: 0, aggregate3: 0 };
  const handler = async (route: Route) => {
    const req = route.request();
    if (req.method() !== 'POST') return route.fallback();
    const body = req.postDataJSON() as { method: string; params?: unknown[] } | { method: string; params?: unknown[] }[];
    let hit = false;
    for (const call of Array.isArray(body) ? body : [body]) {
      if (call.method !== 'eth_call') continue;
      const tx = call.params?.[0] as { to?: string; data?: string; input?: string; gas?: Hex };
      const data = (tx.data ?? tx.input ?? '').toLowerCase();
      if (data.startsWith(AGGREGATE3)) seen.aggregate3++;
      if (tx.to?.toLowerCase() === market.toLowerCase() && selectors.some((s) => data.startsWith(s))) {
        tx.gas = toHex(STARVED_GAS);
        hit = true;
      }
    }
    if (!hit) return route.fallback();
    seen.starved++;
    return route.fulfill({ response: await route.fetch({ postData: JSON.stringify(body) }) });
  };
  await page.route(RPC_ROUTE, handler);
  return { seen, stop: () => page.unroute(RPC_ROUTE, handler) };
}

async function expectBook(page: Page, book: Awaited<ReturnType<typeof onChain>>['book']) {
  await expect(page.getByTestId('last-price')).toContainText(money(book.lastPriceTokenPerKwh).replace('R$ ', ''));
  await expect(page.getByTestId('book-ask')).toHaveCount(book.asks.length);
  await expect(page.getByTestId('book-bid')).toHaveCount(book.bids.length);
  const ask = book.asks.find((l) => l.priceTokenPerKwh === ASK)!;
  const row = page.getByTestId('book-ask').filter({ has: page.getByTestId('level-price').getByText(money(ASK).replace('R$ ', ''), { exact: true }) });
  await expect(row.getByTestId('level-kwh')).toHaveText(kwhPtBr(ask.totalWh).replace(' kWh', ''));
  await expect(page.getByTestId('unavailable-book')).toHaveCount(0);
}

async function expectOrders(page: Page, open: Awaited<ReturnType<typeof onChain>>['open']) {
  await expect(page.getByTestId('my-order')).toHaveCount(open.length);
  for (const o of open) {
    const row = page.locator(`[data-order-id="${String(o.id)}"]`);
    await expect(row).toContainText(`nº ${String(o.id)}`);
    expect(norm(await row.textContent())).toContain(`${kwhPtBr(o.remainingWh)} de ${kwhPtBr(o.quantityWh)} · ${money(o.priceTokenPerKwh)}/kWh`);
  }
  await expect(page.getByTestId('unavailable-orders')).toHaveCount(0);
}

async function expectProceeds(page: Page, proceeds: bigint) {
  await expect(page.getByTestId('proceeds')).toHaveText(money(proceeds));
  await expect(page.getByTestId('withdraw')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('unavailable-proceeds')).toHaveCount(0);
}

async function expectMissing(page: Page, name: ViewName, alsoMissing: readonly ViewName[] = []) {
  const box = page.getByTestId(`unavailable-${testIdOf[name]}`);
  await expect(box).toBeVisible();
  await expect(box).toContainText(sentence[name]);
  if (name === 'book') {
    // No price, no "no orders" side: nothing of the book is shown; placing an order waits for it.
    await expect(page.getByTestId('last-price')).toHaveCount(0);
    await expect(page.getByTestId('book-ask')).toHaveCount(0);
    await expect(page.getByText('Nenhuma ordem.')).toHaveCount(0);
    await expect(page.getByTestId('order-submit')).toHaveCount(0);
    await expect(page.getByTestId('order-unavailable')).toContainText('Enviar uma ordem fica indisponível até o livro de ofertas carregar');
  }
  if (name === 'ordersOf') {
    await expect(page.getByTestId('my-order')).toHaveCount(0);
    await expect(page.getByText('Você não tem ordens abertas.')).toHaveCount(0);
    // The form stays (when the book loaded), and says its preview cannot check my own orders.
    if (!alsoMissing.includes('book')) await expect(page.getByTestId('own-unchecked')).toBeVisible();
  }
  if (name === 'proceedsOf') {
    await expect(page.getByTestId('proceeds')).toHaveCount(0);
    await expect(page.getByTestId('withdraw')).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByTestId('withdraw-why')).toHaveText('Sacar fica indisponível até o valor a receber carregar.');
  }
}

test('one view failing at the node: the rest shows its on-chain figures, the missing part is named, retry brings it back', async ({ page }) => {
  const chain = await onChain();
  expect(chain.open).toHaveLength(2);
  expect(chain.proceeds).toBe((ASK * 4_000n) / 1000n);
  // The injected failure is the chain's own: each view, starved of gas, fails at anvil; with gas, it answers.
  for (const name of ['book', 'ordersOf', 'proceedsOf'] as const) {
    await expect(chainClient.call({ to: market, data: callData(name), gas: STARVED_GAS })).rejects.toThrow(/out ?of ?gas/i);
    expect((await chainClient.call({ to: market, data: callData(name) })).data).toMatch(/^0x[0-9a-f]+$/);
  }

  await injectWallet(page, { privateKey: anvilPrivateKey(A), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}/market`);
  await page.getByTestId(WALLET_TESTID).click();
  await expectBook(page, chain.book);
  await expectOrders(page, chain.open);
  await expectProceeds(page, chain.proceeds);

  for (const name of ['book', 'ordersOf', 'proceedsOf'] as const) {
    const fault = await starve(page, [name]);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mercado de créditos');
    await expectMissing(page, name);
    // The other two, with the chain's figures.
    if (name !== 'book') await expectBook(page, chain.book);
    if (name !== 'ordersOf') await expectOrders(page, chain.open);
    if (name !== 'proceedsOf') await expectProceeds(page, chain.proceeds);
    expect(fault.seen.starved, `the page's ${name} call was starved`).toBeGreaterThan(0);
    expect(fault.seen.aggregate3, 'no view is batched through Multicall3').toBe(0);

    if (name === 'ordersOf') {
      // The same sentence in English.
      await page.getByTestId('lang-toggle').click();
      await expect(page.getByTestId('unavailable-orders')).toContainText('Your open orders could not be loaded right now.');
      await page.getByTestId('lang-toggle').click();
      await expect(page.getByTestId('unavailable-orders')).toContainText(sentence.ordersOf);
    }

    // Still failing: a retry says so again. Then the node answers it: a retry shows the figure.
    const before = fault.seen.starved;
    await page.getByTestId(`retry-${testIdOf[name]}`).click();
    await expect.poll(() => fault.seen.starved).toBeGreaterThan(before);
    await expectMissing(page, name);
    await fault.stop();
    await page.getByTestId(`retry-${testIdOf[name]}`).click();
    await expectBook(page, chain.book);
    await expectOrders(page, chain.open);
    await expectProceeds(page, chain.proceeds);
  }
});

test('all three views failing: the page is still there, each part says what is missing', async ({ page }) => {
  const chain = await onChain();
  await injectWallet(page, { privateKey: anvilPrivateKey(A), rpcUrl: E2E_RPC_URL });
  const fault = await starve(page, ['book', 'ordersOf', 'proceedsOf']);
  await page.goto(`./#/c/31337/${community}/market`);
  await page.getByTestId(WALLET_TESTID).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mercado de créditos');
  for (const name of ['book', 'ordersOf', 'proceedsOf'] as const) await expectMissing(page, name, ['book', 'ordersOf', 'proceedsOf']);
  expect(fault.seen.starved).toBeGreaterThanOrEqual(3);
  await fault.stop();
  for (const name of ['book', 'ordersOf', 'proceedsOf'] as const) await page.getByTestId(`retry-${testIdOf[name]}`).click();
  await expectBook(page, chain.book);
  await expectOrders(page, chain.open);
  await expectProceeds(page, chain.proceeds);
});
