// JSON-RPC calls per screen: each screen opened cold (fresh browser context, no cache), the e2e test
// wallet connected on it, and every JSON-RPC call counted until the screen has settled (its content
// visible, then no call for QUIET_MS). Counted: calls the page sends to the RPC URL (each call of a
// batch counted) plus the chain reads the wallet forwards for the page.
import type { Browser, Page, Request } from '@playwright/test';
import { countRpcCalls, injectWallet } from '../../e2e/fixtures/wallet.ts';
import { anvilPrivateKey } from '../lib/accounts.ts';
import { MANAGER_INDEX, memberIndex } from '../lib/local-community.ts';
import { newContext, WALLET_BUTTON } from './browser.ts';
import type { BenchEnv } from './env.ts';

const QUIET_MS = 1_500;

interface Screen {
  name: string;
  path: string;
  account: number;
  /** Visible once the screen shows its content. */
  ready: string;
  /** Hidden once background loading is over (optional). */
  busy?: string;
}

const MEMBER = memberIndex(0); // unit A
export const SCREENS: Screen[] = [
  { name: 'dashboard', path: '', account: MEMBER, ready: '[data-testid="bill-brl"]' },
  { name: 'history', path: '/history', account: MEMBER, ready: '[data-testid="history-progress"][data-done="true"]' },
  { name: 'charts', path: '/charts', account: MEMBER, ready: '[data-testid="chart-table"]', busy: '[data-testid="history-progress"]' },
  { name: 'statement 10/2026', path: '/statement/202610', account: MEMBER, ready: '[data-testid="statement-bill"]' },
  {
    name: 'market',
    path: '/market',
    account: MEMBER,
    ready: '[data-testid="order-submit"], [data-testid="no-market"], [data-testid="donations-only"], [data-testid="last-price"]',
  },
  { name: 'donate', path: '/donate', account: MEMBER, ready: '[data-testid="donate-balance"]' },
  { name: 'manager console', path: '/manage', account: MANAGER_INDEX, ready: '[data-testid="manage-title"]' },
];

export interface RpcRow {
  screen: string;
  calls: number;
  httpPosts: number;
  walletForwarded: number;
  methods: string;
  settledMs: number;
}

async function settle(page: Page, count: () => number, maxMs = 20_000) {
  const t0 = Date.now();
  let last = count();
  let since = Date.now();
  while (Date.now() - t0 < maxMs) {
    await page.waitForTimeout(100);
    const n = count();
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= QUIET_MS) return;
  }
}

const LOCAL = new Set(['eth_accounts', 'eth_chainId', 'eth_requestAccounts']);

export async function rpcCallsPerScreen(browser: Browser, env: BenchEnv): Promise<RpcRow[]> {
  const rows: RpcRow[] = [];
  for (const s of SCREENS) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const rpc = countRpcCalls(page, env.rpcUrl);
      let posts = 0;
      page.on('request', (r: Request) => {
        if (r.url().startsWith(env.rpcUrl) && r.method() === 'POST') posts++;
      });
      const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(s.account), rpcUrl: env.rpcUrl });
      const forwarded = () => wallet.calls.filter((m) => m.startsWith('eth_') && !LOCAL.has(m));
      const t0 = Date.now();
      await page.goto(`${env.appUrl}#/c/31337/${env.deployment.demoCommunity}${s.path}`);
      await page.getByTestId(WALLET_BUTTON).click();
      await page.locator(s.ready).first().waitFor({ timeout: 30_000 });
      if (s.busy) await page.locator(s.busy).waitFor({ state: 'hidden', timeout: 30_000 });
      await settle(page, () => rpc.methods.length + forwarded().length);
      const all = [...rpc.methods, ...forwarded()];
      const byMethod = new Map<string, number>();
      for (const m of all) byMethod.set(m, (byMethod.get(m) ?? 0) + 1);
      rows.push({
        screen: s.name,
        calls: all.length,
        httpPosts: posts,
        walletForwarded: forwarded().length,
        methods: [...byMethod].map(([m, n]) => `${m}×${n}`).join(', '),
        settledMs: Date.now() - t0 - QUIET_MS,
      });
    } finally {
      await context.close();
    }
  }
  return rows;
}

export interface WriteRow {
  write: string;
  /** Every call from the click until QUIET_MS without one: the write (simulate, send, receipt) and the refetch of what it changed. */
  calls: number;
  methods: string;
}

/**
 * JSON-RPC calls after a write: unit A donates 1 kWh on the donate screen; every call from the click
 * until the page is quiet, the write's own (simulate, send, receipt) and the targeted refetch.
 */
export async function rpcCallsAfterWrite(browser: Browser, env: BenchEnv): Promise<WriteRow[]> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const rpc = countRpcCalls(page, env.rpcUrl);
    const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(MEMBER), rpcUrl: env.rpcUrl });
    const forwarded = () => wallet.calls.filter((m) => m.startsWith('eth_') && !LOCAL.has(m));
    const all = () => [...rpc.methods, ...forwarded()];
    await page.goto(`${env.appUrl}#/c/31337/${env.deployment.demoCommunity}/donate`);
    await page.getByTestId(WALLET_BUTTON).click();
    await page.getByTestId('donate-balance').waitFor({ timeout: 30_000 });
    await settle(page, () => all().length);
    const start = all().length;
    await page.getByTestId('donate-recipient').selectOption({ index: 1 });
    await page.getByTestId('donate-amount').fill('1');
    await page.getByTestId('donate-submit').click();
    await page.getByTestId('donate-confirm').click(); // the last look before signing sends nothing by itself
    await page.getByTestId('donate-done').waitFor({ timeout: 30_000 });
    await settle(page, () => all().length);
    const after = all().slice(start);
    const byMethod = new Map<string, number>();
    for (const m of after) byMethod.set(m, (byMethod.get(m) ?? 0) + 1);
    return [{ write: 'donate 1 kWh', calls: after.length, methods: [...byMethod].map(([m, n]) => `${m}×${n}`).join(', ') }];
  } finally {
    await context.close();
  }
}
