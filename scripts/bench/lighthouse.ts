// Lighthouse (Node API) on the production build in Debian's Chromium, headless: the landing page
// (connect screen), a member's dashboard with a browser wallet (the e2e test wallet), and the same
// dashboard reached the way a newcomer does it, through the demo ("burner") wallet. The dashboard run keeps the browser's storage, where the demo wallet choice
// and wagmi's connection were left by Playwright driving the same Chromium over CDP; its HTTP cache is
// emptied before each of those runs.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from '@playwright/test';
import { injectWallet } from '../../e2e/fixtures/wallet.ts';
import { anvilPrivateKey } from '../lib/accounts.ts';
import { memberIndex } from '../lib/local-community.ts';
import type { BenchEnv } from './env.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LighthouseRow {
  page: string;
  preset: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Failing audits that cost points (title), for the "why". */
  findings: string[];
}

const PRESETS: { preset: 'mobile' | 'desktop'; config: Config | undefined }[] = [
  { preset: 'mobile', config: undefined }, // Lighthouse's default: Moto G Power, slow 4G, 4× CPU (simulated)
  { preset: 'desktop', config: desktopConfig as Config },
];

/** Demo account 1 = "Apto 101" (unit A, anvil account 1). */
const DEMO_ACCOUNT = 1;

async function connectDemoWallet(port: number, appUrl: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByTestId('connect-burner').click();
    await page.getByTestId(`burner-account-${DEMO_ACCOUNT}`).click();
    await page.getByTestId('community-link').first().waitFor({ timeout: 30_000 });
    await page.close();
  } finally {
    // Disconnects Playwright only: the browser (launched by chrome-launcher) stays up.
    await browser.close();
  }
}

/** Empties the HTTP cache (not storage): each dashboard run loads the bundle cold, like the landing runs. */
/**
 * A member with a browser wallet: the e2e test wallet injected into every page of Chromium's default
 * context (so into the tab Lighthouse opens), approved once, wagmi's connection left in storage.
 * Playwright must stay connected while Lighthouse runs: the wallet answers from this process.
 */
async function connectTestWallet(port: number, env: BenchEnv) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' }); // see browser.ts
  await injectWallet(context, { privateKey: anvilPrivateKey(memberIndex(0)), rpcUrl: env.rpcUrl, authorized: true });
  const page = await context.newPage();
  await page.goto(env.appUrl);
  const link = page.getByTestId('community-link').first();
  // An approved wallet may be reconnected by wagmi on its own; otherwise the member clicks it.
  if (
    !(await link.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    ))
  ) {
    await page.getByTestId('connect-org.compartilha.testwallet').click();
    await link.waitFor({ timeout: 30_000 });
  }
  await page.close();
  return browser;
}

async function clearHttpCache(port: number): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.close();
  } finally {
    await browser.close();
  }
}

/** `rpcUrl`: the page must read the chain there (proof that a dashboard, not the connect screen, was measured). */
async function audit(url: string, port: number, config: Config | undefined, keepStorage: boolean, rpcUrl?: string) {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    disableStorageReset: keepStorage,
  };
  const result = await lighthouse(url, flags, config);
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  if (rpcUrl) {
    const requests = (lhr.audits['network-requests']?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
    if (!requests.some((r) => r.url?.startsWith(rpcUrl))) throw new Error(`lighthouse on ${url}: the page never read the chain (not connected?)`);
  }
  const findings: string[] = [];
  for (const cat of ['performance', 'accessibility'] as const) {
    for (const ref of lhr.categories[cat]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (a && ref.weight > 0 && a.score !== null && a.score < 0.9) findings.push(`${cat}: ${a.title} (${a.displayValue ?? `score ${a.score}`})`);
    }
  }
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: num('first-contentful-paint'),
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    findings,
  };
}

type Audit = Awaited<ReturnType<typeof audit>>;

/** Lighthouse's advice for variance: several runs, the median one (by performance score). */
async function medianAudit(runs: number, once: () => Promise<Audit>): Promise<Audit & { scores: number[] }> {
  const all: Audit[] = [];
  for (let i = 0; i < runs; i++) all.push(await once());
  const sorted = [...all].sort((a, b) => a.performance - b.performance);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, scores: all.map((a) => a.performance) };
}

export async function runLighthouse(env: BenchEnv, runs: number): Promise<(LighthouseRow & { scores: number[] })[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const rows: (LighthouseRow & { scores: number[] })[] = [];
  try {
    const dashboardUrl = `${env.appUrl}#/c/31337/${env.deployment.demoCommunity}`;
    for (const { preset, config } of PRESETS) {
      rows.push({ page: 'landing (connect)', preset, ...(await medianAudit(runs, () => audit(env.appUrl, chrome.port, config, false))) });
    }
    // Storage was reset by the landing runs: connect a wallet once, then keep storage.
    const wallet = await connectTestWallet(chrome.port, env);
    try {
      for (const { preset, config } of PRESETS) {
        const once = async () => {
          await clearHttpCache(chrome.port);
          return audit(dashboardUrl, chrome.port, config, true, env.rpcUrl);
        };
        rows.push({ page: 'dashboard (test wallet)', preset, ...(await medianAudit(runs, once)) });
      }
    } finally {
      await wallet.close();
    }
    await connectDemoWallet(chrome.port, env.appUrl);
    for (const { preset, config } of PRESETS) {
      const once = async () => {
        await clearHttpCache(chrome.port);
        return audit(dashboardUrl, chrome.port, config, true, env.rpcUrl);
      };
      rows.push({ page: 'dashboard (demo wallet)', preset, ...(await medianAudit(runs, once)) });
    }
  } finally {
    chrome.kill();
  }
  return rows;
}
