// Installable on a phone's home screen (issue #15, item 18): a web manifest with PNG icons, and a
// service worker that keeps the app shell for an offline start, never the chain's answers. Runs at
// the server root and under /ipfs/<cid>/ (the 'ipfs-gateway-path' project): every URL is relative.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { memberIndex } from '../scripts/lib/local-community.ts';
import { startStaticServer } from '../scripts/lib/static-server.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const dist = join(import.meta.dirname, '..', process.env.E2E_DIST_DIR ?? 'dist');
const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const RPC_ORIGIN = new URL(E2E_RPC_URL).origin;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until the worker at `base`sw.js controls the page. */
async function controlled(page: Page, base: string) {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toBe(new URL('sw.js', base).href);
}

/** Every URL in the page's caches. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    return urls;
  });
}

/** Waits until every file of the release the page has loaded (scripts, styles, icons) is cached. */
async function allKept(page: Page, base: string) {
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  const own = loaded.filter((u) => u.startsWith(`${base}assets/`));
  expect(own.length).toBeGreaterThan(4);
  await expect
    .poll(async () => {
      const cached = new Set(await cachedUrls(page));
      return own.filter((u) => !cached.has(u));
    })
    .toEqual([]);
}

test('the page links a web manifest and PNG icons, all relative to the release folder; Chromium finds it installable', async ({
  page,
  context,
  request,
  baseURL,
}) => {
  const base = baseURL ?? '';
  await page.goto('./');
  const manifestUrl = new URL((await page.locator('link[rel="manifest"]').getAttribute('href')) ?? '', page.url()).href;
  expect(manifestUrl).toBe(new URL('manifest.webmanifest', base).href);
  const res = await request.get(manifestUrl);
  expect(res.status()).toBe(200);
  const manifest = (await res.json()) as { start_url: string; scope: string; icons: { src: string; sizes: string; purpose: string }[] } & Record<
    string,
    unknown
  >;
  expect(manifest).toMatchObject({ short_name: 'Compartilha', lang: 'pt-BR', display: 'standalone', start_url: './', scope: './', theme_color: '#0b5d3b' });
  // Relative to the manifest: the release's own folder, at a domain root or under /ipfs/<cid>/.
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(base);
  expect(new URL(manifest.scope, manifestUrl).href).toBe(base);

  const icons = [
    ...manifest.icons.map((i) => ({ url: new URL(i.src, manifestUrl).href, sizes: i.sizes, purpose: i.purpose })),
    { url: new URL((await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')) ?? '', page.url()).href, sizes: '180x180', purpose: 'apple' },
  ];
  expect(icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['180x180 apple', '192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of icons) {
    expect(icon.url.startsWith(base), icon.url).toBe(true);
    const png = await request.get(icon.url);
    expect(png.status(), icon.url).toBe(200);
    const { width, height } = pngSize(await png.body());
    expect(`${width}x${height}`, icon.url).toBe(icon.sizes);
  }

  // What Chromium itself checks before it offers "Instalar app" (manifest, icons, worker). A
  // Playwright context is incognito, the one reason left ("in-incognito"); the other checks still
  // run (a page without a manifest gets "no-manifest" too).
  await controlled(page, base);
  const cdp = await context.newCDPSession(page);
  const appManifest = await cdp.send('Page.getAppManifest');
  expect(appManifest.url).toBe(manifestUrl);
  expect(appManifest.errors).toEqual([]);
  const installability = async () =>
    ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }).installabilityErrors.map((e) => e.errorId);
  await expect.poll(installability).toEqual(['in-incognito']);
});

test('the worker registers in the release folder, controls the page and caches the shell, never an RPC answer', async ({ page, baseURL }) => {
  const base = baseURL ?? '';
  const rpcRequests: string[] = [];
  page.on('request', (r) => void (r.url().startsWith(RPC_ORIGIN) && rpcRequests.push(r.url())));
  await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(0)), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}`);
  await page.getByTestId(WALLET_TESTID).click();
  await expect(page.getByTestId('bill-brl')).toBeVisible();

  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(base);
  await controlled(page, base);
  // What index.html itself loads (not what the app adds later, lazily).
  const html = await (await page.request.get(base)).text();
  const shell = [...html.matchAll(/\s(?:src|href)="(\.\/[^"]+)"/g)].map((m) => new URL(m[1]!, base).href);
  expect(shell.length).toBeGreaterThan(4);
  // The first screen's chunks, loaded before the worker took the page over, are kept too.
  await allKept(page, base);
  const cached = await cachedUrls(page);
  for (const url of [base, `${base}chains.json`, ...shell]) expect(cached, url).toContain(url);
  // The dashboard was read from the chain, and none of it was kept: every cached URL is the release's own.
  expect(rpcRequests.length).toBeGreaterThan(0);
  expect(cached.filter((u) => !u.startsWith(base))).toEqual([]);
  // One cache, named after this folder (another release on the same gateway keeps its own).
  expect(await page.evaluate(() => caches.keys())).toEqual([expect.stringContaining(`compartilha ${base} `)]);
});

test('offline, a reload shows the app and says "sem conexão" (pt-BR and English)', async ({ page, context, baseURL }) => {
  await injectWallet(page, { privateKey: anvilPrivateKey(memberIndex(0)), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}`);
  await page.getByTestId(WALLET_TESTID).click();
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await controlled(page, baseURL ?? '');
  await allKept(page, baseURL ?? '');

  await context.setOffline(true);
  const res = await page.reload();
  expect(res?.fromServiceWorker()).toBe(true);
  // The shell: header, language toggle, and the connection banner instead of figures.
  await expect(page.getByTestId('lang-toggle')).toBeVisible();
  await expect(page.getByTestId('chains-unusable')).toHaveCount(0);
  const banner = page.getByTestId('rpc-down');
  await expect(banner).toContainText('Sem conexão com a rede.');
  await expect(banner).toContainText('Envios ficam suspensos até a conexão voltar.');
  await page.getByTestId('lang-toggle').click();
  await expect(banner).toContainText('No connection to the network.');
  await expect(banner).toContainText('Sending is paused until the connection is back.');

  // Back online: the app notices by itself and shows the figures, no reload.
  await context.setOffline(false);
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('bill-brl')).toBeVisible();
});

test('chains.json is read from the network first; the cached copy is used only when offline', async ({ page, context, baseURL }) => {
  // A copy of the build served under the same path as this project's (root or /ipfs/<cid>/), so
  // the test can change what the server returns.
  const copy = mkdtempSync(join(tmpdir(), 'compartilha-pwa-'));
  cpSync(dist, copy, { recursive: true });
  const server = await startStaticServer({ dir: copy, port: 0, prefix: new URL(baseURL ?? '').pathname });
  const file = join(copy, 'chains.json');
  const original = readFileSync(file, 'utf8');
  const rename = (name: string) => writeFileSync(file, JSON.stringify((JSON.parse(original) as object[]).map((c) => ({ ...c, name }))));
  const served = () => page.evaluate(async () => ((await (await fetch('./chains.json')).json()) as { name: string }[]).map((c) => c.name));
  const cachedCopy = () =>
    page.evaluate(async () => ((await (await caches.match('./chains.json'))?.json()) as { name: string }[] | undefined)?.map((c) => c.name));
  try {
    await page.goto(server.url);
    await controlled(page, server.url);
    await expect(page.getByTestId('lang-toggle')).toBeVisible();

    rename('Rede B');
    expect(await served()).toEqual(['Rede B']); // a cache-first worker would answer the first copy
    expect(await cachedCopy()).toEqual(['Rede B']); // and the cache follows the network

    await context.setOffline(true);
    rename('Rede C'); // the server changes, but nobody can reach it
    expect(await served()).toEqual(['Rede B']);
    await page.reload();
    await expect(page.getByTestId('lang-toggle')).toBeVisible();
    await expect(page.getByTestId('chains-unusable')).toHaveCount(0);

    await context.setOffline(false);
    expect(await served()).toEqual(['Rede C']);
  } finally {
    await context.setOffline(false);
    await server.close();
    rmSync(copy, { recursive: true, force: true });
  }
});

test("a new release replaces its folder's cache and leaves other folders' caches alone", async ({ page, baseURL }) => {
  const copy = mkdtempSync(join(tmpdir(), 'compartilha-pwa-'));
  cpSync(dist, copy, { recursive: true });
  const server = await startStaticServer({ dir: copy, port: 0, prefix: new URL(baseURL ?? '').pathname });
  const keys = () => page.evaluate(() => caches.keys());
  try {
    await page.goto(server.url);
    await controlled(page, server.url);
    const [first, ...more] = await keys();
    expect(more).toEqual([]);
    expect(first).toMatch(new RegExp(`^compartilha ${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [0-9a-f]{16}$`));
    // Another release on the same gateway (another CID, another folder) has its own cache.
    const other = `compartilha ${new URL('/ipfs/bafyanother/', server.url).href} 0123456789abcdef`;
    await page.evaluate((name) => caches.open(name).then(() => undefined), other);

    // The next release: a worker with another version.
    const swFile = join(copy, 'sw.js');
    const version = first!.split(' ')[2]!;
    writeFileSync(swFile, readFileSync(swFile, 'utf8').replace(`"${version}"`, '"fedcba9876543210"'));
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await expect.poll(keys).toEqual(expect.arrayContaining([first!.replace(version, 'fedcba9876543210'), other]));
    await expect.poll(async () => (await keys()).length).toBe(2);
    await page.reload();
    await expect(page.getByTestId('lang-toggle')).toBeVisible();
  } finally {
    await server.close();
    rmSync(copy, { recursive: true, force: true });
  }
});
