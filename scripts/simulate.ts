// `npm run simulate -- --members N --months M --city C [--seed S] [--out DIR]`
// Plays M billing cycles of an N-unit community on a fresh local chain and writes a report
// (Markdown + SVG charts). Defaults: 6 members, 12 months, São Paulo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSimulation } from './simulate/engine.ts';
import { renderReport } from './simulate/report.ts';
import { CITIES, type CityKey } from './simulate/solar-yield.ts';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '6' },
    months: { type: 'string', default: '12' },
    city: { type: 'string', default: 'sao-paulo' },
    seed: { type: 'string', default: '2026' },
    start: { type: 'string', default: '202601' },
    port: { type: 'string', default: '8555' },
    out: { type: 'string' },
  },
});

const members = Number(values.members);
const months = Number(values.months);
const city = values.city as CityKey;
if (!Number.isInteger(members) || members < 1 || members > 1000) throw new Error('--members must be 1..1000');
if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error('--months must be 1..120');
if (!(city in CITIES)) throw new Error(`--city must be one of ${Object.keys(CITIES).join(', ')}`);

const out = values.out ?? join('reports', `sim-${members}-${months}-${city}`);
const t0 = Date.now();
const result = await runSimulation({
  members,
  months,
  city,
  seed: Number(values.seed),
  startCycle: Number(values.start),
  port: Number(values.port),
  log: (line) => console.log(`  ${line}`),
});
const { markdown, svgs } = renderReport(result);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.md'), markdown);
for (const [name, svg] of Object.entries(svgs)) writeFileSync(join(out, name), svg);
const secs = ((Date.now() - t0) / 1000).toFixed(1);
const perMemberYear = ((Date.now() - t0) / 1000 / (members * (months / 12))).toFixed(2);
const { blocks, transactions } = result.mining;
const timing = `wall time ${secs} s, ${perMemberYear} s per member-year; ${transactions} transactions in ${blocks} blocks`;
writeFileSync(join(out, 'timing.txt'), `${timing}\n`);
console.log(`\n${markdown}\nreport written to ${out}/: ${timing}`);
