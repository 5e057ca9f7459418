import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { packDirectory } from './scripts/lib/car.ts';
import { E2E_APP_PORT, E2E_GATEWAY_PORT, E2E_ZERO_GAS } from './e2e/fixtures/ports.ts';

const distDir = process.env.E2E_DIST_DIR ?? 'dist';
// The suite runs at the server root; the specs that load each screen's lazy chunks, its routes and
// the service worker run again under a gateway-like path /ipfs/<cid>/ with the build's real root
// CID (what an IPFS gateway serves), to prove every asset and route is relative. The other specs
// (accessibility, words, failure paths) exercise nothing path-dependent, so they run once.
// E2E_GATEWAY=0 skips the second run.
const ZERO_GAS_SPECS = ['market', 'manage', 'shares', 'console-review', 'pool', 'passkey', 'invitations'].map((s) => `**/${s}.spec.ts`);
const GATEWAY_SPECS = ['dashboard', 'history', 'market', 'manage', 'pwa', 'resident-writes'].map((s) => `**/${s}.spec.ts`);
const gatewayCid = !E2E_ZERO_GAS && process.env.E2E_GATEWAY !== '0' && existsSync(`${distDir}/index.html`) ? (await packDirectory(distDir)).cid : null;
const gatewayBase = gatewayCid ? `http://127.0.0.1:${E2E_GATEWAY_PORT}/ipfs/${gatewayCid}/` : null;

// Debian's Chromium (Playwright's own browser download does not work on these machines);
// scripts/ensure-chromium.ts installs it when missing.
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_APP_PORT}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    viewport: { width: 390, height: 844 },
    trace: 'off',
  },
  // E2E_ZERO_GAS=1 (scripts/test-all.ts, after the main run): the chain charges no gas and no
  // account holds any ETH; the specs that send every kind of write run once more against it —
  // orders, fills with a permit, cancels, withdrawals, donations, the pool, members, readings, the
  // close, shares, settings and the handover (the global teardown checks every account still
  // holds 0 ETH). Read-only specs have nothing to learn there.
  projects: E2E_ZERO_GAS
    ? [{ name: 'zero-gas', testMatch: ZERO_GAS_SPECS }]
    : [
        { name: 'root', testIgnore: ['**/operator/**', '**/capped/**'] },
        ...(gatewayBase ? [{ name: 'ipfs-gateway-path', use: { baseURL: gatewayBase }, testMatch: GATEWAY_SPECS }] : []),
        // The README's deployment walkthrough on a zero-gas chain (id 4242): it deploys, builds a
        // production release and serves it from the CAR itself, so it runs once, on its own.
        { name: 'operator-zero-gas', testDir: './e2e/operator' },
        // Issue #14: the screens that read logs on a chain made long with empty blocks, through a proxy
        // that caps eth_getLogs at 1,000 blocks the way Besu does (served chains.json points the app at it).
        { name: 'capped-long-chain', testDir: './e2e/capped' },
      ],
  webServer: [
    {
      // E2E_DIST_DIR: serve another build directory (e.g. dist-net, so parallel builds do not collide).
      command: `npx vite preview --port ${E2E_APP_PORT} --strictPort --host 127.0.0.1 --outDir ${distDir}`,
      url: `http://127.0.0.1:${E2E_APP_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...(gatewayBase
      ? [
          {
            command: `npx tsx scripts/serve-static.ts --port ${E2E_GATEWAY_PORT} --prefix /ipfs/${gatewayCid}/ --dir ${distDir}`,
            url: gatewayBase,
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
  ],
});
