// Playwright on Debian's Chromium with the e2e suite's settings, and the e2e test wallet (EIP-6963,
// real anvil keys, signing in Node).
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM } from './lighthouse.ts';

export const WALLET_BUTTON = 'connect-org.compartilha.testwallet';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 390, height: 844 }, storageState });
  // tsx (esbuild, keepNames) wraps functions in __name(); Playwright sends the wallet's init script
  // to the page as source, where __name does not exist (Playwright's own runner compiles without it).
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  return context;
}
