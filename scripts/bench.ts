// `npm run bench`: the performance budgets as figures (design.md): first-load JS gzip and the
// contracts' gas per member per cycle. The dashboard's JSON-RPC count is printed by the e2e test
// "the dashboard needs at most 2 JSON-RPC calls" ([bench] line).
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { firstLoadJs } from './lib/bundle-size.ts';

const root = join(import.meta.dirname, '..');
console.log(`# Compartilha benchmarks — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}\n`);

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const bundle = firstLoadJs(join(root, 'dist'));
console.log('## First-load JS (budget 150 KB gzip)');
for (const f of bundle.files) console.log(`  ${f.file}  ${(f.rawBytes / 1024).toFixed(1)} KB raw, ${(f.gzipBytes / 1024).toFixed(1)} KB gzip`);
console.log(`  total: ${(bundle.rawBytes / 1024).toFixed(1)} KB raw, ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip\n`);

console.log('## Gas (forge, contracts/test/*Gas*.t.sol): budgets readings + close ≤ 30k per member per cycle,');
console.log('## donate ≤ 60k, resting order ≤ 120k, each fill ≤ 100k, cancel ≤ 50k');
const gas = spawnSync('npx', ['forge', 'test', '--match-contract', 'Gas', '-vv'], {
  cwd: join(root, 'contracts'),
  encoding: 'utf8',
});
// Print each test's name and its console.log lines (the figures).
const lines: string[] = [];
let inLogs = false;
for (const line of (gas.stdout ?? '').split('\n')) {
  if (/^\[(PASS|FAIL)/.test(line)) lines.push(line.replace(/\s*\(gas: \d+\)/, ''));
  if (line.startsWith('Logs:')) inLogs = true;
  else if (inLogs && line.trim() === '') inLogs = false;
  else if (inLogs) lines.push(`  ${line.trimEnd()}`);
}
console.log(lines.join('\n'));
if (gas.status !== 0) {
  console.error(gas.stderr);
  process.exit(gas.status ?? 1);
}
