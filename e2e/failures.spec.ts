// Failure as users meet it (issue #7): the RPC going down and coming back, a transaction pending
// across a reload, the wallet switching account or chain mid-flow, a rejected signature, a revert at
// simulation and on-chain, a locked wallet. The production build, a real anvil, real keys; after
// each case balances and escrow are read on-chain, and the chain is reverted to its snapshot.
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, http, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { chainClient, e2eChain, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { kwhPtBr } from './fixtures/expected.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, type TestWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const RPC_ROUTE = `${new URL(E2E_RPC_URL).origin}/**`;
const MANAGER = 0;
const A = 1; // Apto 101
const B = 2; // Apto 102
const C = 3; // Apto 201
const STRANGER = 9; // not a member

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const credits = async (i: number) => (await readDashboard(community, addressOf(i))).member.balanceWh;
const memberId = async (i: number) => (await readDashboard(community, addressOf(i))).member.id;
const walletOf = (i: number) => createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(i)), chain: e2eChain, transport: http(E2E_RPC_URL) });
const rpc = (method: string, params: unknown[] = []) =>
  chainClient.request({ method: method as 'eth_chainId', params: params as unknown as undefined }) as Promise<unknown>;
const setAutomine = (on: boolean) => rpc('evm_setAutomine', [on]);
const mine = () => rpc('evm_mine');
const sends = (w: TestWallet) => w.calls.filter((m) => m === 'eth_sendTransaction' || m === 'eth_signTypedData_v4').length;
const marketAddress = (): Promise<Address> => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
const openOrders = async (market: Address, i: number) =>
  (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(i)] })).filter((o) => o.status === 0);

let snapshot: Hex;
test.beforeEach(async () => {
  snapshot = await snapshotChain();
});
test.afterEach(async () => {
  // Whatever a case left behind: mining back on, nothing pending, then the seeded state.
  await setAutomine(true);
  await mine();
  await revertChain(snapshot);
});

async function open(page: Page, account: number, route: '' | '/market' | '/donate'): Promise<TestWallet> {
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(account), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}${route}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

async function sell(page: Page, price: string, kwh: string) {
  await page.getByTestId('order-side').selectOption('sell');
  await page.getByTestId('order-price').fill(price);
  await page.getByTestId('order-amount').fill(kwh);
  await page.getByTestId('order-submit').click();
  await page.getByTestId('order-confirm').click();
}

/** The hash the app stored for its newest transaction (what survives a reload). */
async function storedHash(page: Page): Promise<Hex | undefined> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('compartilha.tx') ?? '[]') as { hash?: `0x${string}` }[])[0]?.hash);
}

/** Waits until the newest transaction has been signed and sent (it has a hash), and returns it. */
async function sentHash(page: Page): Promise<Hex> {
  await expect.poll(() => storedHash(page)).toMatch(/^0x[0-9a-f]{64}$/);
  return (await storedHash(page))!;
}

test('1. the RPC goes down mid-session and comes back: banner on every screen, stale figures marked, sending refused, recovery without reload', async ({
  page,
}) => {
  const market = await marketAddress();
  await ensurePaymentToken(community, [A, B, C].map(addressOf));
  await page.clock.install(); // time flows; fastForward lets the 30 s heartbeat run at once
  const wallet = await open(page, A, '/market');
  await page.getByTestId('legal-notice-dismiss').click();
  const balance0 = await credits(A);
  await page.getByTestId('order-side').selectOption('sell');
  await expect(page.getByTestId('order-balance')).toContainText(kwhPtBr(balance0));
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // Down on the market: the first send finds out, nothing reaches the wallet.
  await page.route(RPC_ROUTE, (r) => r.abort('connectionrefused'));
  await sell(page, '0,50', '1');
  const banner = page.getByTestId('rpc-down');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Sem conexão com a rede.');
  await expect(banner).toContainText(/Dados de \d{2}:\d{2} — sem conexão, podem estar desatualizados\./);
  await expect(banner).toContainText('Envios ficam suspensos');
  // "Dados de HH:MM" is the time of the node's last answer, a moment ago (São Paulo time).
  const shown = /Dados de (\d{2}:\d{2})/.exec((await banner.textContent()) ?? '')?.[1];
  const hhmm = (ms: number) => new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit', timeZone: 'America/Sao_Paulo' }).format(ms);
  expect([hhmm(Date.now()), hhmm(Date.now() - 60_000)]).toContain(shown);
  await expect(page.getByTestId('order-error')).toContainText('rede');
  // Again, with the banner up: refused before simulating, in plain words.
  await sell(page, '0,50', '1');
  await expect(page.getByTestId('order-error')).toHaveText('Sem conexão com a rede: nada foi enviado. Tente de novo quando o aviso de conexão sumir.');
  expect(sends(wallet)).toBe(0);
  // The figures already on screen stay, marked as not current (dimmed, described by the banner).
  const main = page.locator('main');
  await expect(main).toHaveAttribute('data-stale', 'true');
  await expect(main).toHaveAttribute('aria-describedby', 'rpc-down');
  await expect(page.getByTestId('order-balance')).toContainText(kwhPtBr(balance0));

  // Another screen: the dashboard shows the figures it has, under the same banner.
  await page.locator('.back-link').first().click();
  await expect(page.getByTestId('balance-kwh')).toContainText(kwhPtBr(balance0));
  await expect(banner).toBeVisible();
  await expect(main).toHaveAttribute('data-stale', 'true');
  // The same banner in English.
  await page.getByTestId('lang-toggle').click();
  await expect(banner).toContainText(/No connection to the network\. Data from \d{1,2}:\d{2}( [AP]M)? — offline, it may be out of date\./);
  await page.getByTestId('lang-toggle').click();
  await expect(banner).toContainText('Sem conexão com a rede.');

  // Meanwhile the chain moves on: the manager credits A 2 kWh (the figures on screen are now stale).
  const adjust = await walletOf(MANAGER).writeContract({
    address: community,
    abi: communityAbi,
    functionName: 'adjustCredits',
    args: [await memberId(A), 2_000n, `0x${'11'.repeat(32)}`],
  });
  expect((await chainClient.waitForTransactionReceipt({ hash: adjust })).status).toBe('success');

  // Back up: the banner goes and the figures refresh by themselves, no reload.
  const t0 = Date.now();
  await page.unroute(RPC_ROUTE);
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('balance-kwh')).toContainText(kwhPtBr(balance0 + 2_000n));
  const recoverMs = Date.now() - t0;
  await expect(main).not.toHaveAttribute('data-stale', 'true');
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Down again on the dashboard alone (no click, no other request): the heartbeat notices.
  await page.route(RPC_ROUTE, (r) => r.abort('connectionrefused'));
  await page.clock.fastForward('00:31');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('balance-kwh')).toContainText(kwhPtBr(balance0 + 2_000n));
  await page.unroute(RPC_ROUTE);
  await expect(banner).toBeHidden();
  console.log(`[failures] RPC back → banner gone and figures refreshed in ${recoverMs} ms (probe every 2 s)`);

  // Nothing lost: A's credits are the seed's plus the adjustment; no order was placed.
  expect(await credits(A)).toBe(balance0 + 2_000n);
  expect(await openOrders(market, A)).toHaveLength(0);
  expect(sends(wallet)).toBe(0);
});

test('2. a transaction pending when the page reloads is picked up again and confirmed without another reload', async ({ page }) => {
  const wallet = await open(page, A, '/donate');
  const a0 = await credits(A);
  const c0 = await credits(C);
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(a0));

  await setAutomine(false);
  await page.getByTestId('donate-recipient').selectOption(String(await memberId(C)));
  await page.getByTestId('donate-amount').fill('1,5');
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  const row = page.getByTestId('tx-status').first();
  await expect(row).toHaveAttribute('data-state', 'pending');
  const hash = await sentHash(page);
  expect(((await rpc('eth_getTransactionByHash', [hash])) as { blockNumber: string | null }).blockNumber).toBeNull();
  expect(sends(wallet)).toBe(1);

  await page.reload();
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(a0));
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toContainText('enviada, aguardando confirmação');
  await expect(row).toContainText(hash.slice(0, 6));
  expect(await storedHash(page)).toBe(hash);

  const t0 = Date.now();
  await mine();
  await setAutomine(true);
  await expect(row).toHaveAttribute('data-state', 'confirmed');
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(a0 - 1_500n));
  console.log(`[failures] mined → row confirmed and balance refreshed in ${Date.now() - t0} ms, no reload`);
  expect(sends(wallet)).toBe(1); // the reload sent nothing again
  expect((await chainClient.getTransactionReceipt({ hash })).status).toBe('success');
  expect(await credits(A)).toBe(a0 - 1_500n);
  expect(await credits(C)).toBe(c0 + 1_500n);
});

test('3. the wallet switches account, then chain, mid-flow: the screen follows, nothing goes out from the old account or the wrong chain', async ({ page }) => {
  const wallet = await open(page, A, '/donate');
  const before = { a: await credits(A), b: await credits(B), c: await credits(C) };
  const cId = String(await memberId(C));
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(before.a));
  await page.getByTestId('donate-recipient').selectOption(cId);
  await page.getByTestId('donate-amount').fill('2');

  // Another member: B's balance, an empty form (A's half-filled donation is not carried over).
  await wallet.switchAccount(anvilPrivateKey(B));
  await expect(page.getByTestId('account-address')).toHaveText(addressOf(B));
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(before.b));
  await expect(page.getByTestId('donate-amount')).toHaveValue('');

  // A wallet that is not a member is told so.
  await wallet.switchAccount(anvilPrivateKey(STRANGER));
  await expect(page.getByTestId('not-member')).toBeVisible();
  await expect(page.getByTestId('donate-balance')).toHaveCount(0);

  // Back to B, then the wallet moves to Ethereum mainnet: banner, and sending refused.
  await wallet.switchAccount(anvilPrivateKey(B));
  await expect(page.getByTestId('donate-balance')).toHaveText(kwhPtBr(before.b));
  wallet.chainId = 1;
  await wallet.emit('chainChanged', '0x1');
  await expect(page.getByTestId('wrong-network')).toBeVisible();
  await page.getByTestId('donate-recipient').selectOption(cId);
  await page.getByTestId('donate-amount').fill('1');
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  await expect(page.getByTestId('donate-error')).toContainText('Sua carteira está em outra rede');
  expect(sends(wallet)).toBe(0);

  // Switching back from the banner works and the same form goes out, from B.
  await page.getByTestId('switch-network').click();
  await expect(page.getByTestId('wrong-network')).toBeHidden();
  await page.getByTestId('donate-submit').click();
  await page.getByTestId('donate-confirm').click();
  await expect(page.getByTestId('donate-done')).toContainText('1 kWh');
  expect(sends(wallet)).toBe(1);
  expect(await credits(A)).toBe(before.a);
  expect(await credits(B)).toBe(before.b - 1_000n);
  expect(await credits(C)).toBe(before.c + 1_000n);
});

test('4. a rejected signature on a plain transaction (cancelling an order) keeps the order and its escrow', async ({ page }) => {
  const market = await marketAddress();
  await ensurePaymentToken(community, [A, B, C].map(addressOf));
  const wallet = await open(page, A, '/market');
  await page.getByTestId('legal-notice-dismiss').click();
  const a0 = await credits(A);
  await sell(page, '0,70', '2');
  await expect(page.getByTestId('my-order')).toHaveCount(1);
  expect(await credits(A)).toBe(a0 - 2_000n);

  wallet.rejectNext = true;
  await page.getByTestId('cancel-order').click();
  await page.getByTestId('cancel-confirm').click();
  await expect(page.getByTestId('cancel-error')).toHaveText('Você recusou a assinatura na carteira. Nada foi enviado.');
  await expect(page.getByTestId('my-order')).toHaveCount(1);
  const [order] = await openOrders(market, A);
  expect(order?.remainingWh).toBe(2_000n); // still open, credits still in escrow
  expect(await credits(A)).toBe(a0 - 2_000n);

  await page.getByTestId('cancel-order').click();
  await page.getByTestId('cancel-confirm').click();
  await expect(page.getByTestId('my-order')).toHaveCount(0);
  expect(await openOrders(market, A)).toHaveLength(0);
  expect(await credits(A)).toBe(a0);
});

/** The manager sets the trading policy; with `fees` it is only sent (automine off), else mined. */
async function setPolicy(tradingPolicy: number, fees?: { maxPriorityFeePerGas: bigint; maxFeePerGas: bigint }): Promise<Hex> {
  const { settings } = await readDashboard(community, addressOf(MANAGER));
  const hash = await walletOf(MANAGER).writeContract({
    address: community,
    abi: communityAbi,
    functionName: 'updateSettings',
    args: [{ ...settings, tradingPolicy }],
    ...fees,
  });
  if (!fees) await chainClient.waitForTransactionReceipt({ hash });
  return hash;
}

/**
 * With `order` waiting in the mempool (automine off), the manager turns priced orders off with a
 * higher tip, so the next block runs the manager's change first and the order reverts on-chain.
 */
async function policyOffInTheSameBlockAs(order: Hex): Promise<void> {
  const policy = await setPolicy(0, { maxPriorityFeePerGas: 100_000_000_000n, maxFeePerGas: 200_000_000_000n });
  await mine();
  await setAutomine(true);
  const [orderReceipt, policyReceipt] = await Promise.all([
    chainClient.waitForTransactionReceipt({ hash: order }),
    chainClient.waitForTransactionReceipt({ hash: policy }),
  ]);
  expect(policyReceipt.status).toBe('success');
  expect(orderReceipt.status).toBe('reverted');
  expect(orderReceipt.blockNumber).toBe(policyReceipt.blockNumber);
}

test('5. a revert is explained in plain Portuguese: on-chain (policy changed in the same block) and at simulation; nothing moves', async ({ page }) => {
  const market = await marketAddress();
  await ensurePaymentToken(community, [A, B, C].map(addressOf));
  const wallet = await open(page, A, '/market');
  await page.getByTestId('legal-notice-dismiss').click();
  const a0 = await credits(A);
  const reason = 'Esta comunidade só permite doações: ordens com preço estão desligadas (Lei 14.300, art. 28).';

  // A's sell order is sent and waits in the mempool; the manager's change lands first in its block.
  await setAutomine(false);
  await sell(page, '0,50', '3');
  const row = page.getByTestId('tx-status').first();
  await expect(row).toHaveAttribute('data-state', 'pending');
  await policyOffInTheSameBlockAs(await sentHash(page));

  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row).toContainText(reason);
  await expect(page.getByTestId('order-error')).toHaveText(reason);
  expect(await credits(A)).toBe(a0);
  expect(await openOrders(market, A)).toHaveLength(0);

  // The page still shows the form; trying again is stopped at simulation, before the wallet opens.
  const sent = sends(wallet);
  await sell(page, '0,50', '1');
  await expect(page.getByTestId('order-error')).toHaveText(reason);
  expect(sends(wallet)).toBe(sent);
  expect(await credits(A)).toBe(a0);
  expect(await openOrders(market, A)).toHaveLength(0);

  // The same race across a reload: the row picked up after the reload gets the reason too.
  await setPolicy(1);
  await page.reload();
  await setAutomine(false);
  await sell(page, '0,50', '2');
  const hash = await sentHash(page);
  await page.reload();
  await expect(row).toHaveAttribute('data-state', 'pending');
  await policyOffInTheSameBlockAs(hash);
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row).toContainText(reason);
  // The refreshed page now says the community takes donations only, with the failed row kept.
  await expect(page.getByTestId('donations-only')).toBeVisible();
  expect(await credits(A)).toBe(a0);
  expect(await openOrders(market, A)).toHaveLength(0);
});

test('6. a locked wallet gets a plain message, not a crash, and the app goes on after unlock', async ({ page }) => {
  const wallet = await open(page, A, '');
  const a0 = await credits(A);
  await expect(page.getByTestId('balance-kwh')).toContainText(kwhPtBr(a0));

  await wallet.lock();
  const locked = page.getByTestId('wallet-locked');
  await expect(locked).toHaveText('Sua carteira está bloqueada — desbloqueie e tente de novo. Nada foi enviado enquanto ela estava bloqueada.');
  await expect(page.getByTestId('balance-kwh')).toHaveCount(0);
  // Trying to connect while locked waits for the wallet's unlock screen.
  await page.getByTestId(WALLET_TESTID).click();
  await expect(page.getByTestId(WALLET_TESTID)).toHaveText('Conectando…');
  await expect(page.getByTestId('connect-waiting')).toHaveText('Confirme na sua carteira. Se ela estiver bloqueada, desbloqueie-a para continuar.');
  await expect(locked).toBeVisible();

  await wallet.unlock();
  await expect(page.getByTestId('balance-kwh')).toContainText(kwhPtBr(a0));
  await expect(page.getByTestId('account-address')).toHaveText(addressOf(A));
  await expect(locked).toBeHidden();
  expect(sends(wallet)).toBe(0);
  expect(await credits(A)).toBe(a0);
});
