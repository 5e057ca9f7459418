/** Chart series from history rows and the dashboard's lots. Pure. */
import type { HistoryRow } from '../../lib/logs/rows.ts';
import { unitsToNumber } from '../../lib/money.ts';

export interface EnergySeries {
  cycles: number[];
  allocatedKwh: number[];
  consumedKwh: number[];
  balanceKwh: number[];
}

const kwh = (wh: string | bigint) => Number(BigInt(wh)) / 1000;

/** The last `max` closed cycles (oldest first) from the member's MemberSettled rows. */
export function energySeries(rows: readonly HistoryRow[], max = 24): EnergySeries {
  const byCycle = new Map<number, HistoryRow>();
  for (const r of rows) if (r.kind === 'settled' && r.cycle && r.settlement && !byCycle.has(r.cycle)) byCycle.set(r.cycle, r); // rows are newest first
  const cycles = [...byCycle.keys()].sort((a, b) => a - b).slice(-max);
  const s = cycles.map((c) => byCycle.get(c)!.settlement!);
  return { cycles, allocatedKwh: s.map((x) => kwh(x.allocatedWh)), consumedKwh: s.map((x) => kwh(x.consumedWh)), balanceKwh: s.map((x) => kwh(x.balanceWh)) };
}

/** Credits by expiry cycle (lots sharing an expiry month are added). */
export function expirySeries(lots: readonly { expiryCycle: number; amountWh: bigint }[]): { cycles: number[]; kwh: number[] } {
  const m = new Map<number, bigint>();
  for (const l of lots) m.set(l.expiryCycle, (m.get(l.expiryCycle) ?? 0n) + l.amountWh);
  const cycles = [...m.keys()].sort((a, b) => a - b);
  return { cycles, kwh: cycles.map((c) => kwh(m.get(c)!)) };
}

/**
 * Volume-weighted average fill price per cycle, from the member's fills: `units` in token base units
 * per kWh (integers, what the table prints), `price` the same in whole tokens per kWh (what uPlot plots).
 */
export function priceSeries(rows: readonly HistoryRow[], decimals: number): { cycles: number[]; units: bigint[]; price: number[] } {
  const m = new Map<number, { value: bigint; wh: bigint }>();
  for (const r of rows) {
    if (r.kind !== 'order-filled' || !r.cycle || !r.priceTokenPerKwh || !r.amountWh) continue;
    const wh = BigInt(r.amountWh) < 0n ? -BigInt(r.amountWh) : BigInt(r.amountWh);
    const e = m.get(r.cycle) ?? { value: 0n, wh: 0n };
    m.set(r.cycle, { value: e.value + BigInt(r.priceTokenPerKwh) * wh, wh: e.wh + wh });
  }
  const cycles = [...m.keys()].sort((a, b) => a - b);
  const units = cycles.map((c) => {
    const e = m.get(c)!;
    return e.wh === 0n ? 0n : e.value / e.wh;
  });
  return { cycles, units, price: units.map((u) => unitsToNumber(u, decimals)) };
}
