// Market and donations end to end: the production build, a real anvil with the seeded demo
// community (market attached, DemoBRL as payment token, PricedOrders), and injected wallets signing
// with real keys in two browser contexts. Every step is checked on-chain. The chain is snapshotted
// before and reverted after, so other spec files see the seeded state.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createWalletClient, erc20Abi, http, zeroAddress, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { chainClient, e2eChain, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { kwhPtBr, norm } from './fixtures/expected.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, type TestWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const A = 1; // Apto 101
const B = 2; // Apto 102
const C = 3; // Apto 201
const MANAGER = 0;
const E18 = 10n ** 18n;

test.describe.configure({ mode: 'serial' });

let snapshot: `0x${string}`;
test.beforeAll(async () => {
  snapshot = await snapshotChain();
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const credits = async (i: number) => (await readDashboard(community, addressOf(i))).member.balanceWh;
const pool = async () => (await readDashboard(community, addressOf(MANAGER))).poolWh;
const memberId = async (i: number) => (await readDashboard(community, addressOf(i))).member.id;

async function marketAddress(): Promise<Address> {
  return chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
}
async function tokenOf(market: Address): Promise<Address> {
  return (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'book', args: [1] })).paymentToken;
}
const tokens = (token: Address, i: number) => chainClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [addressOf(i)] });
const openOrders = async (market: Address, i: number) =>
  (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(i)] })).filter((o) => o.status === 0);
const proceeds = (market: Address, i: number) =>
  chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [addressOf(i)] });

async function open(browser: Browser, account: number, route: 'market' | 'donate'): Promise<{ page: Page; wallet: TestWallet }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(account), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}/${route}`);
  await page.getByTestId(WALLET_TESTID).click();
  return { page, wallet };
}

const sends = (w: TestWallet) => w.calls.filter((m) => m === 'eth_sendTransaction' || m === 'eth_signTypedData_v4').length;

async function order(page: Page, side: 'buy' | 'sell', price: string, kwh: string) {
  await page.getByTestId('order-side').selectOption(side);
  await page.getByTestId('order-price').fill(price);
  await page.getByTestId('order-amount').fill(kwh);
}

test('donations: bad inputs refused before the wallet opens; to a member, to the pool; the manager assigns the pool', async ({ browser }) => {
  const { page, wallet } = await open(browser, A, 'donate');
  const before = { a: await credits(A), c: await credits(C), pool: await pool() };
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(before.a));
  const cId = await memberId(C);
  const aId = await memberId(A);

  const refuse = async (recipient: string, amount: string, message: RegExp) => {
    await page.getByTestId('donate-recipient').selectOption(recipient);
    await page.getByTestId('donate-amount').fill(amount);
    await page.getByTestId('donate-submit').click();
    await expect(page.getByTestId('donate-error')).toHaveText(message);
  };
  await refuse('', '1', /Escolha um membro/);
  await refuse(String(cId), '0', /maior que zero/);
  await refuse(String(cId), '-2', /negativo/);
  await refuse(String(cId), '1,2345', /Casas decimais demais.*3 casas/);
  await refuse(String(cId), 'abc', /não é um número/);
  await refuse(String(cId), kwhPtBr(before.a + 1n).replace(' kWh', ''), /Mais do que o seu saldo/);
  // Yourself is not among the recipients (the contract would refuse it).
  await expect(page.getByTestId('donate-recipient').locator(`option[value="${aId}"]`)).toHaveCount(0);
  expect(sends(wallet)).toBe(0);

  // A rejected signature: error shown, nothing moves.
  wallet.rejectNext = true;
  await page.getByTestId('donate-recipient').selectOption(String(cId));
  await page.getByTestId('donate-amount').fill('3');
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  await expect(page.getByTestId('donate-error')).toContainText('recusou');
  expect(await credits(A)).toBe(before.a);
  expect(await credits(C)).toBe(before.c);

  // 3 kWh to C, with a message
  await page.getByTestId('donate-message').fill('Boas festas!');
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  await expect(page.getByTestId('donate-done')).toContainText('3 kWh');
  expect(await credits(A)).toBe(before.a - 3_000n);
  expect(await credits(C)).toBe(before.c + 3_000n);
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(before.a - 3_000n));

  // 2,5 kWh to the pool
  await page.getByTestId('donate-recipient').selectOption('pool');
  await page.getByTestId('donate-amount').fill('2,5');
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  await expect(page.getByTestId('donate-done')).toContainText('2,5 kWh');
  expect(await credits(A)).toBe(before.a - 5_500n);
  expect(await pool()).toBe(before.pool + 2_500n);

  // The manager assigns the pool to C (no console screen for it yet: straight through the contract).
  const manager = createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(MANAGER)), chain: e2eChain, transport: http(E2E_RPC_URL) });
  const hash = await manager.writeContract({
    address: community,
    abi: communityAbi,
    functionName: 'assignFromPool',
    args: [cId, 2_500n, `0x${'00'.repeat(32)}`],
  });
  await chainClient.waitForTransactionReceipt({ hash });
  expect(await pool()).toBe(before.pool);
  expect(await credits(C)).toBe(before.c + 5_500n);
});

test('market: A sells, B buys part with one permit signature, B rests and cancels a buy, A withdraws; bad inputs and a rejected signature lose nothing', async ({
  browser,
}) => {
  const market = await marketAddress();
  expect(market, 'the seed must attach a market to the demo community').not.toBe(zeroAddress);
  const token = await ensurePaymentToken(community, [A, B, C].map(addressOf));
  expect(await tokenOf(market)).toBe(token);

  const a = await open(browser, A, 'market');
  const creditsA0 = await credits(A);
  const tokA0 = await tokens(token, A);

  // The legal notice: shown once, remembered after dismissal.
  await expect(a.page.getByTestId('legal-notice')).toContainText('14.300');
  await a.page.getByTestId('legal-notice-dismiss').click();
  await expect(a.page.getByTestId('legal-notice')).toHaveCount(0);
  await a.page.reload();
  await expect(a.page.getByTestId('order-submit')).toBeVisible();
  await expect(a.page.getByTestId('legal-notice')).toHaveCount(0);

  // Bad inputs: each refused with a reason, nothing sent.
  const bad: [string, string, RegExp][] = [
    ['0,50', '0', /maior que zero/],
    ['0,50', '-1', /negativo/],
    ['0,50', '1,2345', /Casas decimais demais/],
    ['0', '1', /Preço.*maior que zero/],
    ['0,50', kwhPtBr(creditsA0 + 1_000n).replace(' kWh', ''), /Mais do que o seu saldo/],
  ];
  for (const [price, kwh, message] of bad) {
    await order(a.page, 'sell', price, kwh);
    await a.page.getByTestId('order-submit').click();
    await expect(a.page.getByTestId('order-error')).toHaveText(message);
  }
  expect(sends(a.wallet)).toBe(0);
  expect(await credits(A)).toBe(creditsA0);

  // A sells 10 kWh at R$ 0,50: nothing crosses, all rests.
  await order(a.page, 'sell', '0,50', '10');
  await expect(a.page.getByTestId('order-preview')).toContainText('Nada executa agora');
  await expect(a.page.getByTestId('order-preview')).toContainText('Fica no livro: 10 kWh a R$ 0,50/kWh');
  await a.page.getByTestId('order-submit').click();
  await a.page.getByTestId('order-confirm').click();
  await expect(a.page.getByTestId('order-done')).toBeVisible();
  await expect(a.page.getByTestId('my-order')).toHaveCount(1);
  expect(await credits(A)).toBe(creditsA0 - 10_000n);
  const [sellOrder] = await openOrders(market, A);
  expect(sellOrder?.remainingWh).toBe(10_000n);
  await expect(a.page.getByTestId('book-ask').first()).toContainText('0,50');

  // B buys 4 kWh at R$ 0,50: fills against A at once, one signature (permit) + one transaction.
  const b = await open(browser, B, 'market');
  await b.page.getByTestId('legal-notice-dismiss').click();
  const creditsB0 = await credits(B);
  const tokB0 = await tokens(token, B);
  await expect(b.page.getByTestId('book-ask').first()).toContainText('10');
  await order(b.page, 'buy', '0,50', '4');
  await expect(b.page.getByTestId('order-preview')).toContainText('Executa agora 4 kWh por R$ 2,00');
  await expect(b.page.getByTestId('order-preview')).toContainText('Nada fica no livro');
  await b.page.getByTestId('order-submit').click();
  await b.page.getByTestId('order-confirm').click();
  await expect(b.page.getByTestId('order-done')).toContainText('4 kWh');
  expect(b.wallet.calls.filter((m) => m === 'eth_signTypedData_v4')).toHaveLength(1);
  expect(b.wallet.calls.filter((m) => m === 'eth_sendTransaction')).toHaveLength(1);
  expect(await credits(B)).toBe(creditsB0 + 4_000n);
  expect(await tokens(token, B)).toBe(tokB0 - 2n * E18);
  expect(await proceeds(market, A)).toBe(2n * E18);
  expect((await openOrders(market, A))[0]?.remainingWh).toBe(6_000n);
  await expect(b.page.getByTestId('last-price')).toContainText('0,50');
  await expect(b.page.getByTestId('trade-row').first()).toContainText('4 kWh');

  // A's page shows the rest of the order and the proceeds; A withdraws.
  await a.page.reload();
  await expect(a.page.getByTestId('my-order')).toContainText('6 kWh de 10 kWh');
  await expect(a.page.getByTestId('proceeds')).toContainText('2,00');
  await a.page.getByTestId('withdraw').click();
  await a.page.getByTestId('withdraw-confirm').click();
  await expect(a.page.getByTestId('proceeds')).toContainText('0,00');
  expect(await tokens(token, A)).toBe(tokA0 + 2n * E18);
  expect(await proceeds(market, A)).toBe(0n);

  // B: a rejected permit signature loses nothing and sends nothing.
  const sendsB = b.wallet.calls.filter((m) => m === 'eth_sendTransaction').length;
  b.wallet.rejectNext = true;
  await order(b.page, 'buy', '0,40', '5');
  await b.page.getByTestId('order-submit').click();
  await b.page.getByTestId('order-confirm').click();
  await expect(b.page.getByTestId('order-error')).toContainText('recusou');
  expect(b.wallet.calls.filter((m) => m === 'eth_sendTransaction').length).toBe(sendsB);
  expect(await tokens(token, B)).toBe(tokB0 - 2n * E18);
  expect(await openOrders(market, B)).toHaveLength(0);

  // B: more than the token balance is refused before the wallet opens.
  await order(b.page, 'buy', '1000', '5000');
  await b.page.getByTestId('order-submit').click();
  await expect(b.page.getByTestId('order-error')).toContainText('Mais do que o seu saldo');

  // B: a resting buy of 5 kWh at R$ 0,40 escrows R$ 2,00; cancelling returns it.
  await order(b.page, 'buy', '0,40', '5');
  await expect(b.page.getByTestId('order-preview')).toContainText('Fica no livro: 5 kWh a R$ 0,40/kWh');
  await b.page.getByTestId('order-submit').click();
  await b.page.getByTestId('order-confirm').click();
  await expect(b.page.getByTestId('my-order')).toHaveCount(1);
  const [buyOrder] = await openOrders(market, B);
  expect(buyOrder?.escrowToken).toBe(2n * E18);
  expect(await tokens(token, B)).toBe(tokB0 - 4n * E18);
  await expect(b.page.getByTestId('book-bid').first()).toContainText('0,40');
  await b.page.getByTestId('cancel-order').click();
  await b.page.getByTestId('cancel-confirm').click();
  await expect(b.page.getByTestId('my-order')).toHaveCount(0);
  expect(await tokens(token, B)).toBe(tokB0 - 2n * E18);
  expect(await openOrders(market, B)).toHaveLength(0);

  // A self-trade is flagged before sending: A's own ask is at 0,50.
  await order(a.page, 'buy', '0,60', '1');
  await expect(a.page.getByTestId('order-preview')).toContainText('Sua própria ordem');
  await a.page.getByTestId('order-submit').click();
  await expect(a.page.getByTestId('order-error')).toContainText('Sua própria ordem');

  // A cancels the rest of the sell: 6 kWh come back.
  await a.page.getByTestId('cancel-order').click();
  await a.page.getByTestId('cancel-confirm').click();
  await expect(a.page.getByTestId('my-order')).toHaveCount(0);
  expect(await credits(A)).toBe(creditsA0 - 4_000n);
  expect(norm(await a.page.getByTestId('order-balance').textContent())).toBeTruthy();
});
