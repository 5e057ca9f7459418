// The simulation report: Markdown plus SVG charts. Deterministic (no wall-clock times inside).
import type { RunFigures, SimResult } from './engine.ts';
import { CITIES } from './solar-yield.ts';
import { lineChart } from './svg.ts';

const kwh = (wh: bigint) => (Number(wh) / 1000).toLocaleString('pt-BR', { maximumFractionDigits: 1 });
const brl = (micro: bigint) => (Number((micro + 5_000n) / 10_000n) / 100).toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const cycleLabel = (c: number) => `${String(c % 100).padStart(2, '0')}/${String(Math.floor(c / 100)).slice(2)}`;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

function sum<T>(xs: T[], f: (x: T) => bigint): bigint {
  return xs.reduce((a, x) => a + f(x), 0n);
}

export function gasPerMemberMonth(run: RunFigures, members: number, months: number): number {
  const g = (op: string) => (run.gasByOp[op] ?? []).reduce((a, b) => a + b, 0);
  return Math.round((g('postGeneration') + g('postReadings') + g('closeCycle')) / members / months);
}

export function renderReport(result: SimResult): { markdown: string; svgs: Record<string, string> } {
  const { options: o, strategies: s, baseline: b } = result;
  const lines: string[] = [];
  lines.push(`# Simulação: ${o.members} unidades, ${o.months} ciclos, ${CITIES[o.city].name}`);
  lines.push('');
  lines.push(
    `Seed ${o.seed}; first cycle ${cycleLabel(o.startCycle)}; plant ${(result.plantW / 1000).toLocaleString('pt-BR', { maximumFractionDigits: 1 })} kWp; regime GD II, full tariff R$ 0,80/kWh, Fio B R$ 0,28/kWh. ` +
      "Every figure below comes from real transactions on a local anvil chain and the contracts' events.",
  );
  lines.push('');
  lines.push('## Gas per operation (strategies run)');
  lines.push('');
  lines.push('| operation | transactions | median gas | max gas |');
  lines.push('|---|---:|---:|---:|');
  const allOps = { ...b.gasByOp, ...s.gasByOp };
  for (const op of Object.keys(allOps).sort()) {
    const v = [...(s.gasByOp[op] ?? [])];
    if (v.length === 0) continue;
    lines.push(`| ${op} | ${v.length} | ${median(v).toLocaleString('pt-BR')} | ${Math.max(...v).toLocaleString('pt-BR')} |`);
  }
  lines.push('');
  lines.push(
    `**Gas per member per month** (generation + readings + close, all-in including 21k per transaction): ` +
      `${gasPerMemberMonth(s, o.members, o.months).toLocaleString('pt-BR')}.`,
  );
  lines.push('');
  lines.push('## With and without trading and donations');
  lines.push('');
  lines.push('| | with trading + donations | without |');
  lines.push('|---|---:|---:|');
  const row = (label: string, f: (r: RunFigures) => string) => lines.push(`| ${label} | ${f(s)} | ${f(b)} |`);
  row('kWh generated', (r) => kwh(sum(r.months, (m) => m.generatedWh)));
  row('kWh consumed', (r) => kwh(sum(r.months, (m) => m.consumedWh)));
  row('kWh compensated', (r) => kwh(sum(r.months, (m) => m.compensatedWh)));
  row('kWh of credits expired', (r) => kwh(sum(r.months, (m) => m.expiredWh)));
  row('kWh banked at the end (would expire unused after 60 cycles)', (r) => kwh(r.months.at(-1)?.bankedWh ?? 0n));
  row('kWh moved between members (trades + donations)', (r) => kwh(sum(r.months, (m) => m.transfersWh)));
  row('kWh traded on the market', (r) => kwh(sum(r.months, (m) => m.tradedWh)));
  row('dBRL paid for them', (r) => brl(sum(r.months, (m) => m.tokenVolume) / 10n ** 12n));
  row('estimated bills, R$ (all members, all cycles)', (r) => brl(sum(r.members, (m) => m.billMicroBrl)));
  row('bills without the plant, R$', (r) => brl(sum(r.members, (m) => m.noSolarMicroBrl)));
  row('savings, R$', (r) => brl(sum(r.members, (m) => m.noSolarMicroBrl - m.billMicroBrl)));
  row('allocation table changes', (r) => String(r.allocationChanges));
  lines.push('');
  lines.push('## Bills and savings per member (with trading + donations)');
  lines.push('');
  lines.push('| unit | profile | share | consumed kWh | compensated kWh | bill R$ | savings R$ | credits at end kWh |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  const shown = s.members.slice(0, 24);
  for (const [i, m] of shown.entries()) {
    lines.push(
      `| ${i + 1} | ${m.profile} | ${(m.sharePpm / 10_000).toLocaleString('pt-BR', { maximumFractionDigits: 2 })} % | ${kwh(m.consumedWh)} | ${kwh(m.compensatedWh)} | ${brl(m.billMicroBrl)} | ${brl(m.noSolarMicroBrl - m.billMicroBrl)} | ${kwh(m.endBalanceWh)} |`,
    );
  }
  if (s.members.length > shown.length) lines.push(`| … | ${s.members.length - shown.length} more | | | | | | |`);
  lines.push('');
  lines.push('![Generation, consumption and compensation](energy.svg)');
  lines.push('');
  lines.push('![Credits banked, with and without trading](banked.svg)');
  lines.push('');

  const labels = s.months.map((m) => cycleLabel(m.cycle));
  const svgs = {
    'energy.svg': lineChart(
      'Generation, consumption and compensation per cycle',
      labels,
      [
        { name: 'generated', color: '#e0a100', values: s.months.map((m) => Number(m.generatedWh / 1000n)) },
        { name: 'consumed', color: '#1f5f8b', values: s.months.map((m) => Number(m.consumedWh / 1000n)) },
        { name: 'compensated', color: '#0b6e4f', values: s.months.map((m) => Number(m.compensatedWh / 1000n)) },
      ],
      'kWh',
    ),
    'banked.svg': lineChart(
      'Credits banked after each close',
      labels,
      [
        { name: 'with trading', color: '#0b6e4f', values: s.months.map((m) => Number(m.bankedWh / 1000n)) },
        { name: 'without', color: '#b23a48', values: b.months.map((m) => Number(m.bankedWh / 1000n)) },
      ],
      'kWh',
    ),
  };
  return { markdown: `${lines.join('\n')}\n`, svgs };
}
