// The app talks to nobody but its own origin and the RPC its chains.json names; links to an
// unknown network and an RPC that goes down get clear messages.
import { expect, test } from '@playwright/test';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { memberIndex } from '../scripts/lib/local-community.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const RPC_ORIGIN = new URL(E2E_RPC_URL).origin;

test('every request goes to the app origin or the configured RPC, nowhere else', async ({ page, baseURL }) => {
  const APP_ORIGIN = new URL(baseURL ?? '').origin; // the root run and the /ipfs/<cid>/ run differ
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(0)), rpcUrl: E2E_RPC_URL });

  await page.goto('./');
  await page.getByTestId(WALLET_TESTID).click();
  await page.getByTestId('community-link').first().click();
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await expect(page.getByTestId('last-cycle')).toBeVisible();
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('lang-toggle')).toHaveText('Português');
  await page.reload();
  await expect(page.getByTestId('bill-brl')).toBeVisible();

  const origins = new Set(requests.filter((u) => !u.startsWith('data:')).map((u) => new URL(u).origin));
  const foreign = requests.filter((u) => !u.startsWith('data:') && ![APP_ORIGIN, RPC_ORIGIN].includes(new URL(u).origin));
  console.log(`[network] ${requests.length} requests to ${[...origins].join(', ')}`);
  expect(foreign).toEqual([]);
  expect(origins).toContain(RPC_ORIGIN); // the dashboard was really read from the chain
  expect(requests.some((u) => u.endsWith('/chains.json'))).toBe(true); // and the chain list from the release
});

test('a link to a network this release does not know says so (pt-BR and en)', async ({ page }) => {
  await page.goto(`./#/c/999999/${community}`);
  await expect(page.getByTestId('unknown-chain')).toContainText('999999');
  await expect(page.getByTestId('unknown-chain')).toContainText('não conhece');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('unknown-chain')).toContainText('does not know');
});

test('an RPC that is down gets a clear message, and retry works once it is back', async ({ page }) => {
  await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(0)), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}`);
  const rpc = `${RPC_ORIGIN}/**`;
  await page.route(rpc, (route) => route.abort('connectionrefused'));
  await page.getByTestId(WALLET_TESTID).click();

  const down = page.getByTestId('rpc-unreachable');
  await expect(down).toBeVisible();
  await expect(down.getByTestId('error')).toContainText('Não foi possível falar com');
  await expect(page.getByTestId('bill-brl')).toBeHidden();

  await page.unroute(rpc);
  // The app also retries by itself every 2 s (app/lib/rpc/health.ts); the button is the user's way
  // not to wait, so it may already be gone when the probe won the race.
  await down
    .getByTestId('retry')
    .click({ timeout: 1_500 })
    .catch(() => undefined);
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await expect(page.getByTestId('member-label')).toBeVisible();
  await expect(down).toBeHidden();
});
