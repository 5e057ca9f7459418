import { describe, expect, it } from 'vitest';
import { BUY, SELL, buyBudget, expiryFromDate, hintPrice, monthYear, previewOrder, type LevelLike } from './book.ts';

const P = (reais: number) => BigInt(Math.round(reais * 100)) * 10_000n; // 6-decimal token
const lvl = (price: number, kwh: number, orderCount = 1): LevelLike => ({ priceTokenPerKwh: P(price), totalWh: BigInt(kwh * 1000), orderCount });

// asks best (lowest) first; bids best (highest) first
const asks = [lvl(0.5, 10), lvl(0.6, 20, 2), lvl(0.7, 30, 3)];
const bids = [lvl(0.45, 15), lvl(0.4, 5, 2), lvl(0.3, 50)];

describe('previewOrder', () => {
  it('a buy below the best ask fills nothing and rests whole', () => {
    const p = previewOrder({ side: BUY, priceTokenPerKwh: P(0.49), quantityWh: 5_000n, opposite: asks, maxFills: 16 });
    expect(p.fills).toEqual([]);
    expect(p.filledWh).toBe(0n);
    expect(p.restWh).toBe(5_000n);
  });

  it('partial fill of the first level, nothing rests', () => {
    const p = previewOrder({ side: BUY, priceTokenPerKwh: P(0.5), quantityWh: 4_000n, opposite: asks, maxFills: 16 });
    expect(p.fills).toEqual([{ priceTokenPerKwh: P(0.5), amountWh: 4_000n, tokenAmount: 2_000_000n, orders: 1 }]);
    expect(p.restWh).toBe(0n);
    expect(p.filledToken).toBe(2_000_000n);
  });

  it('walks several levels up to the limit price, then rests the rest at the limit', () => {
    const p = previewOrder({ side: BUY, priceTokenPerKwh: P(0.6), quantityWh: 40_000n, opposite: asks, maxFills: 16 });
    expect(p.fills.map((f) => [f.priceTokenPerKwh, f.amountWh])).toEqual([
      [P(0.5), 10_000n],
      [P(0.6), 20_000n],
    ]);
    expect(p.filledWh).toBe(30_000n);
    expect(p.restWh).toBe(10_000n);
    expect(p.filledToken).toBe(5_000_000n + 12_000_000n);
  });

  it('a sell walks the bids from the highest down', () => {
    const p = previewOrder({ side: SELL, priceTokenPerKwh: P(0.4), quantityWh: 18_000n, opposite: bids, maxFills: 16 });
    expect(p.fills.map((f) => [f.priceTokenPerKwh, f.amountWh])).toEqual([
      [P(0.45), 15_000n],
      [P(0.4), 3_000n],
    ]);
    expect(p.restWh).toBe(0n);
  });

  it('stops when maxFills cannot cover the next level (bounded, the rest rests)', () => {
    // level 1 = 1 order, level 2 = 2 orders, level 3 = 3 orders; maxFills 4 → levels 1 and 2 only
    const p = previewOrder({ side: BUY, priceTokenPerKwh: P(0.7), quantityWh: 60_000n, opposite: asks, maxFills: 4 });
    expect(p.fills).toHaveLength(2);
    expect(p.boundedByMaxFills).toBe(true);
    expect(p.filledWh).toBe(30_000n);
    expect(p.restWh).toBe(30_000n);
    const one = previewOrder({ side: BUY, priceTokenPerKwh: P(0.7), quantityWh: 60_000n, opposite: asks, maxFills: 1 });
    expect(one.fills).toHaveLength(1);
    const none = previewOrder({ side: BUY, priceTokenPerKwh: P(0.7), quantityWh: 60_000n, opposite: asks, maxFills: 0 });
    expect(none.fills).toHaveLength(0);
    expect(none.boundedByMaxFills).toBe(true);
  });

  it('flags my own order on a level the walk reaches (no self-trade) and stops there', () => {
    const own = [{ id: 7n, side: SELL, priceTokenPerKwh: P(0.6), remainingWh: 5_000n }];
    const p = previewOrder({ side: BUY, priceTokenPerKwh: P(0.7), quantityWh: 50_000n, opposite: asks, maxFills: 16, ownOrders: own });
    expect(p.selfTrade).toBe(7n);
    expect(p.fills).toHaveLength(1);
    // not reached: not flagged
    const q = previewOrder({ side: BUY, priceTokenPerKwh: P(0.5), quantityWh: 5_000n, opposite: asks, maxFills: 16, ownOrders: own });
    expect(q.selfTrade).toBeUndefined();
    // my own order on the same side is not a self-trade
    const r = previewOrder({
      side: BUY,
      priceTokenPerKwh: P(0.6),
      quantityWh: 5_000n,
      opposite: asks,
      maxFills: 16,
      ownOrders: [{ id: 8n, side: BUY, priceTokenPerKwh: P(0.5), remainingWh: 1n }],
    });
    expect(r.selfTrade).toBeUndefined();
  });

  it('says when the snapshot depth may hide more crossing levels', () => {
    const p = previewOrder({ side: BUY, priceTokenPerKwh: P(1), quantityWh: 100_000n, opposite: asks, maxFills: 16, depth: 3 });
    expect(p.beyondDepth).toBe(true);
    const q = previewOrder({ side: BUY, priceTokenPerKwh: P(1), quantityWh: 100_000n, opposite: asks, maxFills: 16, depth: 10 });
    expect(q.beyondDepth).toBe(false);
  });
});

describe('hintPrice', () => {
  it('0 when the new level is the best (or the side is empty)', () => {
    expect(hintPrice(BUY, P(0.5), bids)).toBe(0n);
    expect(hintPrice(SELL, P(0.4), asks)).toBe(0n);
    expect(hintPrice(BUY, P(0.5), [])).toBe(0n);
  });
  it('the existing level at that price', () => {
    expect(hintPrice(BUY, P(0.4), bids)).toBe(P(0.4));
    expect(hintPrice(SELL, P(0.6), asks)).toBe(P(0.6));
  });
  it('the nearest better level when the price is new', () => {
    expect(hintPrice(BUY, P(0.42), bids)).toBe(P(0.45));
    expect(hintPrice(SELL, P(0.65), asks)).toBe(P(0.6));
  });
  it('the worst level shown when the price is past all of them', () => {
    expect(hintPrice(BUY, P(0.1), bids)).toBe(P(0.3));
    expect(hintPrice(SELL, P(2), asks)).toBe(P(0.7));
  });
});

describe('helpers', () => {
  it('buy budget = limit × quantity rounded up', () => {
    expect(buyBudget(P(0.8), 12_500n)).toBe(10_000_000n);
    expect(buyBudget(1n, 1n)).toBe(1n);
  });
  it('month/year', () => {
    expect(monthYear(203110)).toBe('10/2031');
    expect(monthYear(0)).toBe('—');
  });
  it('expiry from a date input', () => {
    const now = new Date(2026, 10, 1).getTime();
    const r = expiryFromDate('2026-12-31', now);
    expect(r.ok && new Date(Number(r.value) * 1000).getDate()).toBe(31);
    expect(expiryFromDate('', now)).toEqual({ ok: true, value: 0n });
    expect(expiryFromDate('2026-10-01', now)).toEqual({ ok: false });
    expect(expiryFromDate('31/12/2026', now)).toEqual({ ok: false });
  });
});
