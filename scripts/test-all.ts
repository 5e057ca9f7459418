// `npm test`: every check the project has, in the order that fails fastest.
// typecheck → lint (eslint, solhint, forge lint) → forge tests → ABI freshness + vitest → Playwright e2e
// → the write paths again on a zero-gas chain whose accounts hold no ETH.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { foundryBin } from './lib/foundry.ts';

const root = join(import.meta.dirname, '..');
const contracts = join(root, 'contracts');
// The e2e suite drives a development build (the local chain and its demo wallet); the production
// release is built and checked by e2e/release.spec.ts and scripts/lib/release.test.ts.
const forge = foundryBin('forge');
const e2eEnv = { VITE_LOCAL_RPC_URL: `http://127.0.0.1:${process.env.E2E_CHAIN_PORT ?? 8546}`, COMPARTILHA_DEV_CHAIN: '1' };
// The zero-gas run: its own chain (no gas, no ETH in any account), its own build marking the local
// chain zero-gas, its own ports, so it never meets the main run's chain or server.
const zeroGasChainPort = Number(process.env.E2E_CHAIN_PORT ?? 8546) + 10;
const zeroGasEnv = {
  VITE_LOCAL_RPC_URL: `http://127.0.0.1:${zeroGasChainPort}`,
  VITE_LOCAL_ZERO_GAS: '1',
  COMPARTILHA_DEV_CHAIN: '1',
  E2E_ZERO_GAS: '1',
  E2E_CHAIN_PORT: String(zeroGasChainPort),
  E2E_APP_PORT: String(Number(process.env.E2E_APP_PORT ?? 4173) + 30),
  E2E_DIST_DIR: 'dist-zero-gas',
};

const steps: { name: string; cmd: string[]; cwd?: string; env?: Record<string, string> }[] = [
  { name: 'typecheck (tsc --noEmit)', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint (eslint)', cmd: ['npx', 'eslint', '.'] },
  { name: 'format (prettier --check)', cmd: ['npm', 'run', '--silent', 'format:check'] },
  // forge through its binary (scripts/lib/foundry.ts): the npm wrapper exits 0 on failing tests.
  { name: 'contracts build (forge build)', cmd: [forge, 'build'], cwd: contracts },
  // solhint (contracts/.solhint.json, no warning allowed) then forge lint, after forge build: with a
  // stale cache forge lint recompiles and writes ABI-only artefacts into out/.
  {
    name: 'contracts lint (solhint + forge fmt --check + forge lint)',
    cmd: ['sh', '-c', `npx solhint --disc --max-warnings 0 'src/**/*.sol' && ${forge} fmt --check && ${forge} lint`],
    cwd: contracts,
  },
  { name: 'contracts tests (forge test)', cmd: [forge, 'test'], cwd: contracts },
  { name: 'unit tests (vitest, incl. ABI freshness)', cmd: ['npx', 'vitest', 'run'] },
  { name: 'chromium present', cmd: ['npx', 'tsx', 'scripts/ensure-chromium.ts'] },
  { name: 'development build for e2e (vite build, COMPARTILHA_DEV_CHAIN=1)', cmd: ['npx', 'vite', 'build'], env: e2eEnv },
  { name: 'end-to-end (playwright)', cmd: ['npx', 'playwright', 'test'] },
  { name: 'zero-gas build for e2e (VITE_LOCAL_ZERO_GAS=1)', cmd: ['npx', 'vite', 'build', '--outDir', 'dist-zero-gas', '--logLevel', 'warn'], env: zeroGasEnv },
  { name: 'end-to-end on a zero-gas chain, no ETH anywhere (playwright, E2E_ZERO_GAS=1)', cmd: ['npx', 'playwright', 'test'], env: zeroGasEnv },
];

const started = Date.now();
for (const [i, step] of steps.entries()) {
  const t0 = Date.now();
  console.log(`\n━━ [${i + 1}/${steps.length}] ${step.name}`);
  const [bin, ...args] = step.cmd as [string, ...string[]];
  const r = spawnSync(bin, args, {
    cwd: step.cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${step.name} failed (exit ${r.status ?? r.signal}) after ${secs} s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${step.name} (${secs} s)`);
}
console.log(`\nall ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
