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

console.log('## Gas: readings + close per member per cycle (budget 30k), 6 and 1,000 members');
const gas = spawnSync('npx', ['forge', 'test', '--match-contract', 'Gas', '-vv'], {
  cwd: join(root, 'contracts'),
  encoding: 'utf8',
});
const lines = (gas.stdout ?? '').split('\n').filter((l) => /gas|members|batch/i.test(l) && !/^Ran|Suite/.test(l));
console.log(lines.map((l) => `  ${l.trim()}`).join('\n'));
if (gas.status !== 0) {
  console.error(gas.stderr);
  process.exit(gas.status ?? 1);
}
