// Keyboard only (issue #7): connect → dashboard → market → place a sell → cancel it, with
// page.keyboard alone (Tab, Shift+Tab, Enter, Space, typing; no click anywhere). At each step the
// focused element is asserted (through each write's review step, "Confirmar" by keyboard) and shown with a visible :focus-visible outline; the order is checked
// on-chain, placed and then cancelled with the credits back. Real build, real anvil, a wallet
// signing with a real key. The chain is snapshotted before and reverted after.
import { expect, test, type Page } from '@playwright/test';
import type { Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { chainClient, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const A = 1; // Apto 101
const SELL = 1;
const E18 = 10n ** 18n;
const MAX_TABS = 40;

let snapshot: `0x${string}`;
test.beforeAll(async () => {
  snapshot = await snapshotChain();
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

/**
 * Presses Tab (or Shift+Tab) until the element with `testId` has focus; fails after MAX_TABS
 * presses (unreachable, or a keyboard trap). Returns how many presses it took.
 */
async function tabTo(page: Page, testId: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<number> {
  for (let n = 1; n <= MAX_TABS; n++) {
    await page.keyboard.press(key);
    if ((await focusedTestId(page)) === testId) {
      await expectVisibleFocus(page, testId);
      return n;
    }
  }
  throw new Error(`${testId} not reached with ${MAX_TABS} × ${key} (focus on ${await focusedTestId(page)})`);
}

/** The focused element matches :focus-visible and draws an outline of at least 2 px. */
async function expectVisibleFocus(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect(el).toBeFocused();
  const style = await el.evaluate((e) => {
    const s = getComputedStyle(e);
    return { focusVisible: e.matches(':focus-visible'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(style.focusVisible, `${testId} matches :focus-visible`).toBe(true);
  expect(style.outline, `${testId} focus outline`).not.toBe('none');
  expect(style.width, `${testId} focus outline width`).toBeGreaterThanOrEqual(2);
}

test('keyboard only: connect, dashboard, market, place a sell, cancel it; on-chain the credits come back', async ({ page }) => {
  const market = (await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' })) as Address;
  const me = privateKeyToAccount(anvilPrivateKey(A)).address;
  await ensurePaymentToken(community, [me]);
  const credits0 = (await readDashboard(community, me)).member.balanceWh;
  const openOrders = async () =>
    (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [me] })).filter((o) => o.status === 0);
  expect(await openOrders()).toHaveLength(0);

  await injectWallet(page, { privateKey: anvilPrivateKey(A), rpcUrl: E2E_RPC_URL });
  await page.goto('./');
  await expect(page.getByTestId('connect-org.compartilha.testwallet')).toBeVisible();

  // The first Tab stop is the skip link; Enter on it puts focus on <main>, past the header.
  expect(await tabTo(page, 'skip-link')).toBe(1);
  await expect(page.getByTestId('skip-link')).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // Connect: the wallet is the next Tab stop; Enter.
  expect(await tabTo(page, 'connect-org.compartilha.testwallet')).toBe(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('community-link').first()).toBeVisible();

  // The community: Tab to its link (Shift+Tab back from the paste field proves reverse order too).
  await tabTo(page, 'community-address-input');
  await tabTo(page, 'community-link', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  // After the navigation focus is on <main>, not lost at the top of the document.
  await expect(page.locator('main')).toBeFocused();

  // Dashboard → market: the first Tab stops are the page's own, not the header's.
  const toMarket = await tabTo(page, 'market-link');
  expect(toMarket, 'Tab presses from <main> to the market link').toBeLessThanOrEqual(6);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('legal-notice')).toBeVisible();
  await expect(page.locator('main')).toBeFocused();

  // The legal notice: Space on its button; focus goes to the market's heading.
  await tabTo(page, 'legal-notice-dismiss');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('legal-notice')).toHaveCount(0);
  await expect(page.locator('#market-h')).toBeFocused();

  // The order: side with the arrow keys, price and amount typed, Enter submits.
  await tabTo(page, 'order-side');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('order-side')).toHaveValue('sell');
  await tabTo(page, 'order-price');
  await page.keyboard.type('0,80');
  await tabTo(page, 'order-amount');
  await page.keyboard.type('2');
  await expect(page.getByTestId('order-preview')).toContainText('2 kWh');
  await tabTo(page, 'order-submit');
  await page.keyboard.press('Enter');
  // The last look: focus moves to the review's heading; Tab reaches "Confirmar", Enter sends.
  await expect(page.getByTestId('order-review').getByRole('heading')).toBeFocused();
  expect(await tabTo(page, 'order-confirm'), 'Tab presses from the review heading to Confirmar').toBeLessThanOrEqual(2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-done')).toBeVisible();
  await expect(page.getByTestId('my-order')).toHaveCount(1);

  const [placed] = await openOrders();
  expect(placed?.side).toBe(SELL);
  expect(placed?.remainingWh).toBe(2_000n);
  expect(placed?.priceTokenPerKwh).toBe((8n * E18) / 10n);
  expect((await readDashboard(community, me)).member.balanceWh).toBe(credits0 - 2_000n);

  // Focus is still on the submit button (not thrown back to the top): Tab goes on to Cancel.
  await expect(page.getByTestId('order-submit')).toBeFocused();
  expect(await tabTo(page, 'cancel-order'), 'Tab presses from the submit button to Cancel').toBeLessThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cancel-review').getByRole('heading')).toBeFocused();
  await tabTo(page, 'cancel-confirm');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('my-order')).toHaveCount(0);
  await expect(page.locator('#mine-h')).toBeFocused();

  expect(await openOrders()).toHaveLength(0);
  const CANCELLED = 2;
  const after = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'order', args: [placed!.id] });
  expect(after.status).toBe(CANCELLED);
  expect(after.remainingWh).toBe(0n);
  expect((await readDashboard(community, me)).member.balanceWh).toBe(credits0);
});
