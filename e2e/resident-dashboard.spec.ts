// What a resident meets (#15): the dashboard, the header and the connect screen, on a phone-sized
// screen, in pt-BR and English, read by role and visible text and compared with the contract.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, erc20Abi, http, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient, e2eChain, readDashboard, revertChain, snapshotChain } from './fixtures/chain.ts';
import { cyclePtBr, kwhPtBr, norm } from './fixtures/expected.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const COMMUNITY_NAME = 'Condomínio Sol Nascente';
const UNIT_A = 0; // Apto 101
const E18 = 10n ** 18n;

const addressOf = (i: number) => privateKeyToAccount(anvilPrivateKey(i)).address;
const walletOf = (i: number) => createWalletClient({ account: privateKeyToAccount(anvilPrivateKey(i)), chain: e2eChain, transport: http(E2E_RPC_URL) });
const mined = async (hash: `0x${string}`) => {
  const r = await chainClient.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`reverted: ${hash}`);
};

/** Independent of app/lib/format.ts: 120000 Wh → "120 kWh" in English (comma groups, dot decimals). */
function kwhEn(wh: bigint): string {
  const whole = (wh / 1000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (wh % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} kWh`;
}

/** The soonest expiry of the lots and every Wh that expires then, computed here from the contract's lots. */
function soonest(lots: readonly { expiryCycle: number; amountWh: bigint }[]) {
  const live = lots.filter((l) => l.amountWh > 0n);
  const cycle = Math.min(...live.map((l) => l.expiryCycle));
  return { cycle, wh: live.filter((l) => l.expiryCycle === cycle).reduce((s, l) => s + l.amountWh, 0n) };
}

async function openAs(page: Page, account: number, route = '') {
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(account), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}${route}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: 'Mudar idioma para inglês' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', /en/);
}

test.describe('the dashboard says what a resident needs', () => {
  test('item 8: the next expiry in one sentence, from the lots (same-month lots added up), pt-BR and English', async ({ page }) => {
    await openAs(page, memberIndex(UNIT_A));
    await expect(page.getByTestId('bill-brl')).toBeVisible();
    const d = await readDashboard(community, addressOf(memberIndex(UNIT_A)));
    expect(d.lots.length).toBeGreaterThan(0);
    const next = soonest(d.lots);
    const credits = page.getByRole('region', { name: 'Créditos a vencer' });
    await expect(credits.getByText(`Próximo vencimento: ${kwhPtBr(next.wh)} em ${cyclePtBr(next.cycle)}`)).toBeVisible();
    await toEnglish(page);
    await expect(
      page.getByRole('region', { name: 'Credits about to expire' }).getByText(`Next expiry: ${kwhEn(next.wh)} in ${cyclePtBr(next.cycle)}`),
    ).toBeVisible();
  });

  test('item 19: "Lembrar-me" downloads a calendar file (RFC 5545) a month before the next expiry, in the reader’s language', async ({ page }) => {
    await openAs(page, memberIndex(UNIT_A));
    await expect(page.getByTestId('bill-brl')).toBeVisible();
    const d = await readDashboard(community, addressOf(memberIndex(UNIT_A)));
    const next = soonest(d.lots);
    const y = Math.floor(next.cycle / 100);
    const m = next.cycle % 100;
    const day = m === 1 ? `${y - 1}1201` : `${y}${String(m - 1).padStart(2, '0')}01`;

    const read = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);
      return readFileSync((await download.path())!, 'utf8');
    };
    const ics = await read('Lembrar-me no calendário');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines.some((l) => /^UID:.+@compartilha$/.test(l))).toBe(true);
    expect(lines.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(lines).toContain(`DTSTART;VALUE=DATE:${day}`);
    // Text values escape their commas (RFC 5545 §3.3.11): "247,923 kWh" is written 247\,923 kWh.
    const esc = (s: string) => s.replace(/,/g, '\\,');
    expect(lines).toContain(`SUMMARY:Compartilha: ${esc(kwhPtBr(next.wh))} de créditos vencem em ${cyclePtBr(next.cycle)}`);
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain(
      `${COMMUNITY_NAME} vencem no fechamento de ${cyclePtBr(next.cycle)}. Use\\, doe ou venda`,
    );

    await toEnglish(page);
    const en = (await read('Remind me in my calendar')).replace(/\r\n /g, '').split('\r\n');
    expect(en).toContain(`SUMMARY:Compartilha: ${esc(kwhEn(next.wh))} of credits expire in ${cyclePtBr(next.cycle)}`);
    expect(en).toContain(`DTSTART;VALUE=DATE:${day}`);
  });

  test('item 19: the link goes through the phone’s share sheet when there is one', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __shared: ShareData[] };
      w.__shared = [];
      Object.defineProperty(navigator, 'share', { configurable: true, value: (data: ShareData) => (w.__shared.push(data), Promise.resolve()) });
    });
    await openAs(page, memberIndex(UNIT_A));
    await expect(page.getByTestId('bill-brl')).toBeVisible();
    await page.getByRole('button', { name: 'Compartilhar link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link compartilhado!' })).toBeVisible();
    const shared = await page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.url).toBe(page.url());
    expect(shared[0]!.text).toContain('Compartilha');
    await expect(page.getByRole('link', { name: 'Enviar pelo WhatsApp' })).toHaveCount(0);
  });

  test('item 19: without a share sheet, a wa.me link carries the dashboard’s address (and copying still works)', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'share', { configurable: true, value: undefined });
    });
    await openAs(page, memberIndex(UNIT_A));
    await expect(page.getByTestId('bill-brl')).toBeVisible();
    const wa = page.getByRole('link', { name: 'Enviar pelo WhatsApp' });
    const href = (await wa.getAttribute('href'))!;
    expect(href.startsWith('https://wa.me/?text=')).toBe(true);
    const text = decodeURIComponent(href.slice('https://wa.me/?text='.length));
    expect(text.endsWith(` ${page.url()}`)).toBe(true);
    await expect(page.getByRole('button', { name: 'Copiar link' })).toBeVisible();
    await toEnglish(page);
    await expect(page.getByRole('link', { name: 'Send on WhatsApp' })).toBeVisible();
  });
});

test.describe('item 3: credits in an open sell order', () => {
  let snapshot: `0x${string}`;
  test.beforeAll(async () => {
    snapshot = await snapshotChain();
  });
  test.afterAll(async () => {
    await revertChain(snapshot);
  });

  test('after selling 60 of 100 kWh, the 40 kWh left in the order show on the dashboard with their expiry and a way to the market', async ({ page }) => {
    const seller = memberIndex(UNIT_A);
    const buyer = memberIndex(1);
    const token = await ensurePaymentToken(community, [addressOf(seller), addressOf(buyer)]);
    const market = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
    const before = await readDashboard(community, addressOf(seller));
    expect(before.member.balanceWh).toBeGreaterThanOrEqual(100_000n);

    // A price no resting order meets: above every bid, below every ask.
    const book = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'book', args: [1] });
    const price = (book.bids[0]?.priceTokenPerKwh ?? 0n) + E18 / 10n;
    if (book.asks[0]) expect(price).toBeLessThan(book.asks[0].priceTokenPerKwh);
    await mined(
      await walletOf(seller).writeContract({
        address: market,
        abi: communityMarketAbi,
        functionName: 'placeOrder',
        args: [1, price, 100_000n, 0n, false, 0n, 16],
      }),
    );
    const cost = 60n * price; // 60 kWh at `price` per kWh
    await mined(await walletOf(buyer).writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [market as Address, cost] }));
    await mined(
      await walletOf(buyer).writeContract({
        address: market,
        abi: communityMarketAbi,
        functionName: 'placeOrder',
        args: [0, price, 60_000n, 0n, false, 0n, 16],
      }),
    );

    const orders = (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(seller)] })).filter(
      (o) => o.side === 1 && o.status === 0,
    );
    const onSale = orders.reduce((s, o) => s + o.remainingWh, 0n);
    expect(onSale).toBe(40_000n);
    const expiry = Math.min(...orders.map((o) => o.soonestExpiryCycle).filter((c) => c !== 0));
    const after = await readDashboard(community, addressOf(seller));
    expect(after.member.balanceWh).toBe(before.member.balanceWh - 100_000n);

    await openAs(page, seller);
    await expect(page.getByTestId('balance-kwh')).toHaveText(kwhPtBr(after.member.balanceWh));
    await expect(page.getByText(`${kwhPtBr(onSale)} à venda no mercado`)).toBeVisible();
    await expect(page.getByText(`Esses créditos vencem a partir de ${cyclePtBr(expiry)}.`)).toBeVisible();
    await toEnglish(page);
    await expect(page.getByText(`${kwhEn(onSale)} for sale on the market`)).toBeVisible();
    await expect(page.getByText(`These credits expire in ${cyclePtBr(expiry)} or later.`)).toBeVisible();
    await page.getByRole('link', { name: 'See your offers on the market' }).click();
    await expect(page).toHaveURL(/\/market$/);
  });

  test('a member with nothing on sale sees no such line', async ({ page }) => {
    await openAs(page, memberIndex(2));
    await expect(page.getByTestId('bill-brl')).toBeVisible();
    const market = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' });
    const open = (
      await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [addressOf(memberIndex(2))] })
    ).filter((o) => o.side === 1 && o.status === 0);
    expect(open).toHaveLength(0);
    await expect(page.getByText(/à venda no mercado/)).toHaveCount(0);
  });
});

test.describe('item 7: the header says who you are here', () => {
  test('a member: "Apto 101 · Condomínio Sol Nascente", the address one tap away; outside a community, the short address', async ({ page }) => {
    const account = addressOf(memberIndex(UNIT_A));
    await openAs(page, memberIndex(UNIT_A));
    const header = page.getByRole('banner');
    const who = header.getByTestId('account-identity');
    await expect(who).toHaveText(`Conta: ${DEMO_UNITS[UNIT_A].label} · ${COMMUNITY_NAME}`);
    await expect(header.getByText(account)).toBeHidden();
    await who.click();
    await expect(header.getByText(account)).toBeVisible();
    await toEnglish(page);
    await expect(who).toHaveText(`Account: ${DEMO_UNITS[UNIT_A].label} · ${COMMUNITY_NAME}`);
    await page.getByRole('link', { name: /My communities/ }).click();
    await expect(who).toHaveText(`Account: ${account.slice(0, 6)}…${account.slice(-4)}`);
  });

  test('the síndico: "Gestor · Condomínio Sol Nascente" / "Manager · …"', async ({ page }) => {
    await openAs(page, MANAGER_INDEX);
    const who = page.getByRole('banner').getByTestId('account-identity');
    await expect(who).toHaveText(`Conta: Gestor · ${COMMUNITY_NAME}`);
    await toEnglish(page);
    await expect(who).toHaveText(`Account: Manager · ${COMMUNITY_NAME}`);
  });

  test('a wallet that is not a member keeps its short address', async ({ page }) => {
    const account = addressOf(9);
    await openAs(page, 9);
    await expect(page.getByTestId('not-member')).toBeVisible();
    await expect(page.getByRole('banner').getByTestId('account-identity')).toHaveText(`Conta: ${account.slice(0, 6)}…${account.slice(-4)}`);
  });
});

test.describe('item 10: the síndico on every member-only screen', () => {
  for (const [route, name] of [
    ['/market', 'market'],
    ['/donate', 'donate'],
    ['/history', 'history'],
    ['/charts', 'charts'],
    ['/statement/LAST', 'statement'],
  ] as const) {
    test(`${name}: told they manage the community, with the way to the console, pt-BR and English`, async ({ page }) => {
      const d = await readDashboard(community, addressOf(MANAGER_INDEX));
      await openAs(page, MANAGER_INDEX, route.replace('LAST', String(d.lastClosed.cycle)));
      const card = page.getByTestId('manager-not-member');
      await expect(card.getByRole('heading', { name: 'Você é o gestor desta comunidade' })).toBeVisible();
      await expect(card).toContainText('não é uma unidade');
      await expect(page.getByText('Você não faz parte desta comunidade')).toHaveCount(0);
      await toEnglish(page);
      await expect(card.getByRole('heading', { name: /You (are|manage)/ })).toBeVisible();
      await card.getByRole('link', { name: /console|management/i }).click();
      await expect(page).toHaveURL(/\/manage$/);
    });
  }
});

test.describe('item 9: on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  });

  for (const lang of ['pt-BR', 'en'] as const) {
    test(`no extension advice; the wallet app's browser or the síndico instead; the demo wallet on the first screen (${lang})`, async ({ page }) => {
      await page.goto('./');
      if (lang === 'en') await toEnglish(page);
      const card = page.getByTestId('no-wallet');
      await expect(card).toBeVisible();
      const words = norm(await card.textContent());
      if (lang === 'pt-BR') {
        expect(words).not.toMatch(/extens/i);
        expect(words).toContain('navegador do app da sua carteira');
        expect(words).toContain('síndico');
      } else {
        expect(words).not.toMatch(/extension/i);
        expect(words).toContain('browser of your wallet app');
        expect(words).toContain('building manager');
      }
      const demo = page.getByRole('button', { name: lang === 'pt-BR' ? 'Usar a carteira de demonstração' : /demo wallet/i });
      await expect(demo).toBeVisible();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const box = (await demo.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
    });
  }
});

test('item 9: a desktop keeps the extension suggestion', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('no-wallet')).toContainText('Instale a extensão');
});
