import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../lib/logs/rows.ts';
import { expirySeries, priceSeries } from './chartData.ts';

const E18 = 10n ** 18n;
const fill = (cycle: number, price: bigint, wh: bigint, i: number): HistoryRow => ({
  id: `f${i}`,
  kind: 'order-filled',
  block: i,
  logIndex: 0,
  txHash: '0x1',
  cycle,
  priceTokenPerKwh: String(price),
  amountWh: String(wh),
});

describe('priceSeries', () => {
  it('volume-weighted per cycle, integers kept for the table and whole tokens for the plot', () => {
    const rows = [fill(202611, (45n * E18) / 100n, -2_000n, 1), fill(202611, (60n * E18) / 100n, 1_000n, 2), fill(202612, (50n * E18) / 100n, 500n, 3)];
    const s = priceSeries(rows, 18);
    expect(s.cycles).toEqual([202611, 202612]);
    // (0,45 × 2 + 0,60 × 1) / 3 = 0,50
    expect(s.units).toEqual([(50n * E18) / 100n, (50n * E18) / 100n]);
    expect(s.price[0]).toBeCloseTo(0.5, 12);
    expect(s.price.every((p) => p < 10)).toBe(true); // never base units (5e17)
  });
  it('uses the token decimals', () => {
    expect(priceSeries([fill(202611, 450_000n, 1_000n, 1)], 6).price).toEqual([0.45]);
  });
});

describe('expirySeries', () => {
  it('adds lots sharing an expiry month', () => {
    expect(
      expirySeries([
        { expiryCycle: 203010, amountWh: 1_500n },
        { expiryCycle: 203010, amountWh: 500n },
        { expiryCycle: 203009, amountWh: 1n },
      ]),
    ).toEqual({
      cycles: [203009, 203010],
      kwh: [0.001, 2],
    });
  });
});
