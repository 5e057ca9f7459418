// `npm run test:invariants:deep`: the invariant suites (contracts/test/invariant) with more depth
// than `forge test` gives them: foundry profile `deep` = runs × depth ≥ 10,000 handler calls per
// invariant (foundry.toml). It compiles without IR into out-lite/ (shared with the lite profile),
// never touching the default-profile artefacts in out/ that deployments read.
// Prints runs, calls and reverts per invariant and the wall time; exits non-zero when an invariant
// fails or any ran fewer than 10,000 calls.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { foundryBin } from './lib/foundry.ts';

const MIN_CALLS = 10_000;
const contracts = join(import.meta.dirname, '..', 'contracts');
const t0 = Date.now();
const run = spawnSync(foundryBin('forge'), ['test', '--match-path', 'test/invariant/*'], {
  cwd: contracts,
  encoding: 'utf8',
  env: { ...process.env, FOUNDRY_PROFILE: process.env.FOUNDRY_PROFILE ?? 'deep' },
  maxBuffer: 64 * 1024 * 1024,
});
const secs = (Date.now() - t0) / 1000;
const out = run.stdout ?? '';

interface Row {
  status: string;
  name: string;
  runs: number;
  calls: number;
  reverts: number;
}
const rows: Row[] = [];
let suite = '';
for (const line of out.split('\n')) {
  const s = /^Ran \d+ tests? for (\S+)/.exec(line);
  if (s) suite = s[1]!.split(':').pop() ?? s[1]!;
  const m = /^\[(PASS|FAIL)[^\]]*\] (\w+)\(\) \(runs: (\d+), calls: (\d+), reverts: (\d+)\)/.exec(line);
  if (m) rows.push({ status: m[1]!, name: `${suite}.${m[2]!}`, runs: Number(m[3]), calls: Number(m[4]), reverts: Number(m[5]) });
}

console.log(`# Deep invariant run (profile ${process.env.FOUNDRY_PROFILE ?? 'deep'}): ${secs.toFixed(0)} s wall time\n`);
const w = Math.max(9, ...rows.map((r) => r.name.length));
console.log(`${'invariant'.padEnd(w)}  result     runs     calls   reverts`);
for (const r of rows) {
  console.log(`${r.name.padEnd(w)}  ${r.status.padEnd(6)} ${String(r.runs).padStart(7)} ${String(r.calls).padStart(9)} ${String(r.reverts).padStart(9)}`);
}
const shallow = rows.filter((r) => r.calls < MIN_CALLS);
const failed = rows.filter((r) => r.status !== 'PASS');
console.log(
  `\n${rows.length} invariants, ${rows.reduce((a, r) => a + r.calls, 0)} calls in all, minimum ${Math.min(...rows.map((r) => r.calls))} per invariant (aim ≥ ${MIN_CALLS})`,
);

if (run.status !== 0 || failed.length > 0 || rows.length === 0 || shallow.length > 0) {
  if (run.status !== 0 || rows.length === 0) {
    process.stdout.write(out);
    process.stderr.write(run.stderr ?? '');
  }
  if (shallow.length > 0) console.error(`fewer than ${MIN_CALLS} calls: ${shallow.map((r) => r.name).join(', ')}`);
  process.exit(run.status || 1);
}
