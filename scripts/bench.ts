// `npm run bench`: the performance budgets (design.md, issue #7) as figures, printed as plain text.
//   1. first-load JS, gzip (budget 150 KB)
//   2. Lighthouse performance + accessibility (aim ≥ 95), FCP/LCP/TBT/CLS, mobile and desktop presets
//   3. JSON-RPC calls per screen (dashboard budget ≤ 2 after connecting: see e2e/dashboard.spec.ts)
//   4. time from navigation to the dashboard's figures, median of BENCH_RUNS (default 7)
//   5. the contracts' gas figures (forge gas tests)
// It starts its own anvil with the demo community (BENCH_CHAIN_PORT, default 8630), builds into
// dist-bench/ (gitignored) with VITE_LOCAL_RPC_URL pointing there, and serves it with gzip
// (BENCH_APP_PORT, default 4330). BENCH_SKIP=lighthouse,rpc,time,gas leaves sections out;
// BENCH_SKIP=console leaves out the console with 1,000 members (scripts/bench-console.ts);
// BENCH_LH_RUNS (default 3) Lighthouse runs per page and preset.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { firstLoadJs } from './lib/bundle-size.ts';
import { launchBrowser } from './bench/browser.ts';
import { BENCH_APP_PORT, BENCH_CHAIN_PORT, BENCH_DIST, ensureContracts, startBenchEnv } from './bench/env.ts';
import { gasReport } from './bench/gas.ts';
import { runLighthouse } from './bench/lighthouse.ts';
import { rpcCallsAfterWrite, rpcCallsPerScreen } from './bench/rpc-calls.ts';
import { median, table } from './bench/table.ts';
import { timeToFigures } from './bench/time-to-figures.ts';
import { DEPLOYED, RUNTIME_LIMIT, sizesOf } from './lib/contract-sizes.ts';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LH_RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const kb = (b: number) => (b / 1024).toFixed(1);
const ms = (x: number) => `${Math.round(x)} ms`;
let ok = true;

console.log(`# Compartilha benchmarks — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}\n`);
ensureContracts();
const env = await startBenchEnv();
try {
  const bundle = firstLoadJs(BENCH_DIST);
  console.log('## First-load JS (budget 150 KB gzip)');
  console.log(
    table(
      ['file', 'raw KB', 'gzip KB'],
      [...bundle.files.map((f) => [f.file, kb(f.rawBytes), kb(f.gzipBytes)]), ['total', kb(bundle.rawBytes), kb(bundle.gzipBytes)]],
      [false, true, true],
    ),
  );
  console.log(`  ${bundle.gzipBytes / 1024 <= 150 ? 'within' : 'OVER'} budget\n`);

  if (!skip.has('lighthouse')) {
    console.log('## Lighthouse 12 (Debian Chromium, headless; production build served with gzip; aim ≥ 95)');
    console.log('## mobile = Lighthouse default (simulated slow 4G, 4× CPU slowdown); desktop = desktop preset');
    console.log(`## median of ${LH_RUNS} runs by performance score (all scores in the last column)`);
    const rows = await runLighthouse(env, LH_RUNS);
    console.log(
      table(
        ['page', 'preset', 'perf', 'a11y', 'FCP', 'LCP', 'TBT', 'CLS', 'perf runs'],
        rows.map((r) => [r.page, r.preset, r.performance, r.accessibility, ms(r.fcpMs), ms(r.lcpMs), ms(r.tbtMs), r.cls.toFixed(3), r.scores.join(' ')]),
        [false, false, true, true, true, true, true, true, false],
      ),
    );
    const findings = [...new Set(rows.flatMap((r) => r.findings.map((f) => `${r.page} ${r.preset}: ${f}`)))];
    if (findings.length > 0) console.log(`  audits below 0.9:\n${findings.map((f) => `    - ${f}`).join('\n')}`);
    console.log();
  }

  if (!skip.has('rpc') || !skip.has('time')) {
    const browser = await launchBrowser();
    try {
      if (!skip.has('rpc')) {
        console.log('## JSON-RPC calls per screen (fresh context, test wallet connected on the screen, until 1.5 s without a call)');
        const rows = await rpcCallsPerScreen(browser, env);
        console.log(
          table(
            ['screen', 'calls', 'HTTP POSTs', 'via wallet', 'settled', 'methods'],
            rows.map((r) => [r.screen, r.calls, r.httpPosts, r.walletForwarded, ms(r.settledMs), r.methods]),
            [false, true, true, true, true, false],
          ),
        );
        console.log();
        console.log('## JSON-RPC calls after a write (from the click until 1.5 s without a call: the write, then the refetch of what it changed)');
        const writes = await rpcCallsAfterWrite(browser, env);
        console.log(
          table(
            ['write', 'calls', 'methods'],
            writes.map((w) => [w.write, w.calls, w.methods]),
            [false, true, false],
          ),
        );
        console.log();
      }
      if (!skip.has('time')) {
        console.log(`## Time from navigation to the dashboard's figures (returning member, fresh context = cold cache, ${RUNS} runs)`);
        const t = await timeToFigures(browser, env, RUNS);
        console.log(`  median ${ms(median(t))}, min ${ms(Math.min(...t))}, max ${ms(Math.max(...t))}  [${t.map((x) => Math.round(x)).join(', ')}]`);
        console.log();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await env.stop();
}

console.log('## Deployable contract sizes (default profile, EIP-170: 24,576 B runtime)');
console.log(
  table(
    ['contract', 'runtime B', 'headroom B', 'init code B'],
    DEPLOYED.map((name) => {
      const { runtime, initcode } = sizesOf(name);
      return [name, runtime, RUNTIME_LIMIT - runtime, initcode];
    }),
    [false, true, true, true],
  ),
);
console.log();

if (!skip.has('console')) {
  // Its own anvil (1,000 members made with real transactions) and build, on the next ports.
  const r = spawnSync('npx', ['tsx', join(import.meta.dirname, 'bench-console.ts')], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_CHAIN_PORT: String(BENCH_CHAIN_PORT + 1), BENCH_APP_PORT: String(BENCH_APP_PORT + 10) },
  });
  ok &&= r.status === 0;
  console.log();
}

if (!skip.has('gas')) {
  console.log('## Gas (forge, contracts/test/*Gas*.t.sol): readings + close ≤ 30k per member per cycle,');
  console.log('## donate ≤ 60k, resting order ≤ 120k, each fill ≤ 100k, cancel ≤ 50k');
  const gas = gasReport();
  console.log(gas.text);
  ok &&= gas.ok;
}
process.exit(ok ? 0 : 1);
