// The bench's own world: contracts built (default profile) if out/ is missing, a fresh anvil with
// the demo community on its own port, a production build pointing at it, served with gzip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Deployment } from '../lib/deploy.ts';
import { startLocalCommunity } from '../lib/local-community.ts';
import { serveDist } from './serve.ts';

export const root = join(import.meta.dirname, '..', '..');
export const BENCH_CHAIN_PORT = Number(process.env.BENCH_CHAIN_PORT ?? 8630);
export const BENCH_APP_PORT = Number(process.env.BENCH_APP_PORT ?? 4330);
export const BENCH_DIST = join(root, 'dist-bench');

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Default-profile artefacts (what deployments read): built once on a fresh clone. */
export function ensureContracts(): void {
  const contracts = join(root, 'contracts');
  if (existsSync(join(contracts, 'out', 'CommunityRegistry.sol', 'CommunityRegistry.json'))) return;
  console.log('contracts/out missing: forge build (default profile, via IR; takes minutes)…');
  run('npx', ['forge', 'build'], contracts);
}

export function buildApp(rpcUrl: string): void {
  run('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', BENCH_DIST, '--emptyOutDir'], root, {
    VITE_LOCAL_RPC_URL: rpcUrl,
    COMPARTILHA_DEV_CHAIN: '1',
  });
}

export interface BenchEnv {
  rpcUrl: string;
  appUrl: string;
  deployment: Deployment;
  stop: () => Promise<void>;
}

export async function startBenchEnv(): Promise<BenchEnv> {
  const { chain, deployment } = await startLocalCommunity(BENCH_CHAIN_PORT);
  try {
    buildApp(chain.rpcUrl);
    const server = await serveDist(BENCH_DIST, BENCH_APP_PORT);
    return {
      rpcUrl: chain.rpcUrl,
      appUrl: server.url,
      deployment,
      stop: async () => {
        await server.close();
        await chain.stop();
      },
    };
  } catch (e) {
    await chain.stop();
    throw e;
  }
}
