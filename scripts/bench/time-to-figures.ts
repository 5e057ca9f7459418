// Time from navigation to the dashboard's figures, for a returning member: the wallet approved the
// site before and wagmi remembers the connection (storage from one real connection), so opening the
// dashboard link shows the figures with no click. Each run is a fresh browser context: no HTTP
// cache, the full production bundle and every chain read again. Measured in Node from page.goto to
// the credit balance (data-testid="balance-kwh") being visible.
import type { Browser } from '@playwright/test';
import { injectWallet } from '../../e2e/fixtures/wallet.ts';
import { anvilPrivateKey } from '../lib/accounts.ts';
import { memberIndex } from '../lib/local-community.ts';
import { newContext, WALLET_BUTTON } from './browser.ts';
import type { BenchEnv } from './env.ts';

const FIGURE = 'balance-kwh';

export async function timeToFigures(browser: Browser, env: BenchEnv, runs: number) {
  const privateKey = anvilPrivateKey(memberIndex(0));
  const url = `${env.appUrl}#/c/31337/${env.deployment.demoCommunity}`;

  // One real connection, to get what the browser keeps of it (wagmi's storage).
  const first = await newContext(browser);
  const firstPage = await first.newPage();
  await injectWallet(firstPage, { privateKey, rpcUrl: env.rpcUrl });
  await firstPage.goto(url);
  await firstPage.getByTestId(WALLET_BUTTON).click();
  await firstPage.getByTestId(FIGURE).waitFor();
  const storage = await first.storageState();
  await first.close();

  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await newContext(browser, storage);
    try {
      const page = await context.newPage();
      await injectWallet(page, { privateKey, rpcUrl: env.rpcUrl, authorized: true });
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      // The connect screen may flash while wagmi reconnects: only the figure counts.
      await page.getByTestId(FIGURE).waitFor({ timeout: 30_000 });
      ms.push(performance.now() - t0);
    } finally {
      await context.close();
    }
  }
  return ms;
}
