// The same production build served the way an IPFS gateway serves it: under /ipfs/<cid>/, the CID
// computed from the build itself (scripts/lib/car.ts, as `npm run release` does).
import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { packDirectory } from '../scripts/lib/car.ts';
import { memberIndex } from '../scripts/lib/local-community.ts';
import { startStaticServer, type StaticServer } from '../scripts/lib/static-server.ts';
import { E2E_APP_PORT, E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const dist = join(import.meta.dirname, '..', process.env.E2E_DIST_DIR ?? 'dist');
const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';

let gateway: StaticServer;
let cid: string;

test.beforeAll(async () => {
  ({ cid } = await packDirectory(dist));
  gateway = await startStaticServer({ dir: dist, port: E2E_APP_PORT + 1, prefix: `/ipfs/${cid}/` });
});
test.afterAll(async () => {
  await gateway?.close();
});

test('under /ipfs/<cid>/ a member opens the community from the picker, shares it, and hash routes survive a reload', async ({ page, context }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(1)), rpcUrl: E2E_RPC_URL });
  await page.goto(gateway.url);
  await page.getByTestId(WALLET_TESTID).click();
  await page.getByTestId('community-link').first().click();
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await expect(page.getByTestId('member-label')).toContainText(DEMO_UNITS[1]!.label);
  expect(page.url().toLowerCase()).toBe(`${gateway.url}#/c/31337/${community}`.toLowerCase());
  // Assets and chains.json were read from under the CID path, not the gateway's root.
  const own = requests.filter((u) => u.startsWith(new URL(gateway.url).origin));
  expect(own.every((u) => u.startsWith(gateway.url))).toBe(true);
  expect(own).toContain(`${gateway.url}chains.json`);

  // The share button copies the full link: gateway + CID + chain + community.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(gateway.url).origin });
  await page.getByTestId('share-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copiado' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

  // Hash navigation: back to the picker and forward again, all under the same path.
  await page.getByRole('link', { name: /Minhas comunidades/ }).click();
  await expect(page.getByTestId('community-link').first()).toBeVisible();
  expect(page.url()).toBe(`${gateway.url}#/`);
  await page.goBack();
  await expect(page.getByTestId('bill-brl')).toBeVisible();

  // A reload (what opening a shared link does) keeps the route.
  await page.reload();
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await expect(page.getByTestId('member-label')).toContainText(DEMO_UNITS[1]!.label);
  expect(page.url()).toContain(`/ipfs/${cid}/#/c/31337/`);
});

test('a shared link opened cold under the gateway path goes straight to the dashboard', async ({ page }) => {
  await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(2)), rpcUrl: E2E_RPC_URL });
  await page.goto(`${gateway.url}#/c/31337/${community}`);
  await page.getByTestId(WALLET_TESTID).click();
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await expect(page.getByTestId('member-label')).toContainText(DEMO_UNITS[2]!.label);
});

test('an operator can edit chains.json after building; a broken or empty one is reported, never replaced by another chain', async ({ page }) => {
  const copy = mkdtempSync(join(tmpdir(), 'compartilha-dist-'));
  cpSync(dist, copy, { recursive: true });
  const list = JSON.parse(readFileSync(join(copy, 'chains.json'), 'utf8')) as object[];
  const besu = { chainId: 424242, name: 'Besu da cooperativa', rpcUrl: 'https://besu.example.coop', registry: `0x${'11'.repeat(20)}` };
  writeFileSync(join(copy, 'chains.json'), JSON.stringify([...list, besu]));
  const edited = await startStaticServer({ dir: copy, port: E2E_APP_PORT + 2, prefix: '/ipfs/edited/' });
  try {
    // The added chain is known (the connect screen, not "unknown network"); chain 5 still is not.
    await page.goto(`${edited.url}#/c/424242/${community}`);
    await expect(page.getByTestId('no-wallet')).toBeVisible();
    await expect(page.getByTestId('unknown-chain')).toBeHidden();
    await page.goto('about:blank');
    await page.goto(`${edited.url}#/c/5/${community}`);
    await expect(page.getByTestId('unknown-chain')).toBeVisible();

    // A file that is not JSON, a list with no valid chain, no file at all: the page says so plainly
    // and shows no figure (nothing bundled stands in for the chains the release was made for).
    await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(0)), rpcUrl: E2E_RPC_URL });
    for (const [content, detail] of [
      ['{ oops', /chains\.json/],
      [JSON.stringify([{ chainId: 'x' }]), /chainId must be a positive integer/],
      [null, /chains\.json: Error: HTTP 404/],
    ] as const) {
      if (content === null) rmSync(join(copy, 'chains.json'));
      else writeFileSync(join(copy, 'chains.json'), content);
      await page.goto('about:blank'); // a real load, not a hash change
      await page.goto(`${edited.url}#/c/31337/${community}`);
      await expect(page.getByTestId('chains-unusable')).toContainText('não tem uma rede configurada');
      await expect(page.getByTestId('chains-unusable')).toContainText(detail);
      await expect(page.getByTestId(WALLET_TESTID)).toHaveCount(0);
      await expect(page.getByTestId('bill-brl')).toHaveCount(0);
    }
    // Fixed again: the app starts.
    writeFileSync(join(copy, 'chains.json'), JSON.stringify(list));
    await page.goto('about:blank');
    await page.goto(`${edited.url}#/c/31337/${community}`);
    await page.getByTestId(WALLET_TESTID).click();
    await expect(page.getByTestId('bill-brl')).toBeVisible();
  } finally {
    await edited.close();
    rmSync(copy, { recursive: true, force: true });
  }
});
