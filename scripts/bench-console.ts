// `npm run bench:console`: the manager's console with 1,000 members (BENCH_CONSOLE_MEMBERS), JSON-RPC
// calls and time until its figures are shown, locally and at 100 ms per request
// (BENCH_CONSOLE_LATENCY, comma-separated ms). Its own anvil (BENCH_CHAIN_PORT, default 8630) and
// build (dist-bench-console/, BENCH_APP_PORT, default 4330). BENCH_CONSOLE_DISTS=label=dir,… measures
// other builds made against the same chain URL as well (e.g. the app before a change).
import { join } from 'node:path';
import { launchBrowser } from './bench/browser.ts';
import { consoleCalls, startConsoleWorld } from './bench/console.ts';
import { BENCH_APP_PORT, BENCH_CHAIN_PORT, ensureContracts, root } from './bench/env.ts';
import { serveDist } from './bench/serve.ts';
import { table } from './bench/table.ts';
import { spawnSync } from 'node:child_process';

const N = Number(process.env.BENCH_CONSOLE_MEMBERS ?? 1000);
const LATENCIES = (process.env.BENCH_CONSOLE_LATENCY ?? '0,100').split(',').map(Number);
const DIST = join(root, 'dist-bench-console');

ensureContracts();
const t0 = Date.now();
const world = await startConsoleWorld(BENCH_CHAIN_PORT, N, (l) => console.log(`  ${l}`));
console.log(`  set up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
try {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', DIST, '--emptyOutDir'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, VITE_LOCAL_RPC_URL: world.chain.rpcUrl, COMPARTILHA_DEV_CHAIN: '1' },
  });
  if (build.status !== 0) throw new Error('vite build failed');
  const builds: [string, string][] = [
    ['this build', DIST],
    ...(process.env.BENCH_CONSOLE_DISTS ?? '')
      .split(',')
      .filter(Boolean)
      .map((x) => x.split('=') as [string, string]),
  ];
  const browser = await launchBrowser();
  try {
    const rows: (string | number)[][] = [];
    for (const [i, [label, dir]] of builds.entries()) {
      const server = await serveDist(dir, BENCH_APP_PORT + i);
      try {
        for (const latency of LATENCIES) {
          const r = await consoleCalls(browser, server.url, world, latency);
          rows.push([label, `${latency} ms`, r.calls, `${(r.ms / 1000).toFixed(1)} s`, r.methods]);
        }
      } finally {
        await server.close();
      }
    }
    console.log(`## Manager's console, ${N} members: JSON-RPC calls and time from connecting to its figures (expiring credits shown)`);
    console.log(table(['build', 'added latency', 'calls', 'time', 'methods'], rows, [false, true, true, true, false]));
  } finally {
    await browser.close();
  }
} finally {
  await world.chain.stop();
}
