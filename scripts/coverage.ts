// `npm run coverage`: forge coverage of contracts/src (tests, scripts and libraries excluded),
// printed as forge's summary table plus one line per contract, and the aim (≥ 95 % of lines).
// Profile `coverage` (foundry.toml): no IR, no optimizer, its own out/cache dirs, libraries reached
// through the `.deps` symlink this script creates (forge's source analysis cannot follow relative
// imports under "../node_modules"). The Gas suites are left out: they assert optimised gas figures,
// which an unoptimised coverage build cannot meet.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const contracts = join(import.meta.dirname, '..', 'contracts');
const deps = join(contracts, '.deps');
if (!existsSync(deps)) {
  try {
    lstatSync(deps); // a dangling link: leave it to forge's error
  } catch {
    symlinkSync('../node_modules', deps, 'dir');
  }
}

const AIM = 95;
const t0 = Date.now();
const run = spawnSync(
  'npx',
  ['forge', 'coverage', '--report', 'summary', '--code-size-limit', '1000000', '--no-match-contract', 'Gas', '--no-match-coverage', '(test|script|\\.deps)/'],
  { cwd: contracts, encoding: 'utf8', env: { ...process.env, FOUNDRY_PROFILE: 'coverage' }, maxBuffer: 64 * 1024 * 1024 },
);
const out = run.stdout ?? '';
if (run.status !== 0) {
  process.stdout.write(out);
  process.stderr.write(run.stderr ?? '');
  console.error(`forge coverage failed (exit ${run.status ?? run.signal})`);
  process.exit(run.status ?? 1);
}

// The summary table is the last block of lines drawn with box characters.
const lines = out.split('\n');
const start = lines.findIndex((l, i) => l.trim().startsWith('╭') && (lines[i + 1] ?? '').includes('% Lines'));
const table = start >= 0 ? lines.slice(start).filter((l) => /^[╭╰|+]/.test(l.trim())) : [];
console.log(`# forge coverage of contracts/src (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
console.log(table.join('\n'));

console.log(`\n## Lines per contract (aim ≥ ${AIM} %)`);
let below = 0;
for (const l of table) {
  const m = /^\|\s*(src\/\S+|Total)\s*\|\s*([\d.]+)% \((\d+)\/(\d+)\)/.exec(l.trim());
  if (!m) continue;
  const pct = Number(m[2]);
  if (m[1] !== 'Total' && pct < AIM) below++;
  console.log(`  ${m[1]!.padEnd(36)} ${m[2]!.padStart(6)} %  (${m[3]}/${m[4]} lines)${pct < AIM ? '  < aim' : ''}`);
}
if (table.length === 0) {
  process.stdout.write(out);
  console.error('no summary table found in forge output');
  process.exit(1);
}
console.log(below === 0 ? `\nevery contract at or above ${AIM} % of lines` : `\n${below} contract(s) below ${AIM} % of lines`);
