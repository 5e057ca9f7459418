import { zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { communityMarketAbi } from '../../contracts-abi/abis.ts';
import { nextExpiry } from './dashboard.ts';
import { forSale, ordersOfAbi, type MarketOrder } from './for-sale.ts';

describe('nextExpiry', () => {
  it('the soonest expiry, with every lot that expires then added up', () => {
    const lots = [
      { originCycle: 202510, expiryCycle: 203010, amountWh: 0n },
      { originCycle: 202511, expiryCycle: 203011, amountWh: 70_000n },
      { originCycle: 202511, expiryCycle: 203011, amountWh: 50_000n },
      { originCycle: 202512, expiryCycle: 203012, amountWh: 30_000n },
    ];
    expect(nextExpiry(lots)).toEqual({ cycle: 203011, wh: 120_000n });
  });
  it('in any order; none without lots', () => {
    expect(
      nextExpiry([
        { expiryCycle: 203102, amountWh: 1n },
        { expiryCycle: 203101, amountWh: 2n },
      ]),
    ).toEqual({ cycle: 203101, wh: 2n });
    expect(nextExpiry([])).toBeNull();
  });
});

const order = (o: Partial<MarketOrder>): MarketOrder => ({
  id: 1n,
  side: 1,
  status: 0,
  memberId: 1,
  owner: zeroAddress,
  priceTokenPerKwh: 0n,
  quantityWh: 0n,
  remainingWh: 0n,
  expiresAt: 0n,
  standing: false,
  renewedCycle: 0,
  escrowToken: 0n,
  soonestExpiryCycle: 0,
  inBook: true,
  stale: false,
  era: 0,
  ...o,
});

describe('forSale', () => {
  it('adds up what is left in the open sell orders, with their soonest expiry', () => {
    const r = forSale([
      order({ remainingWh: 40_000n, soonestExpiryCycle: 203011 }),
      order({ id: 2n, remainingWh: 5_000n, soonestExpiryCycle: 203008 }),
      order({ id: 3n, side: 0, remainingWh: 9_000n }), // a buy order holds no credits
      order({ id: 4n, status: 1, remainingWh: 7_000n }), // filled
    ]);
    expect(r).toEqual({ wh: 45_000n, orders: 2, soonestExpiryCycle: 203008 });
  });
  it('nothing on sale', () => {
    expect(forSale([])).toEqual({ wh: 0n, orders: 0, soonestExpiryCycle: 0 });
  });
});

it('the ordersOf fragment is the generated ABI entry (internalType labels aside)', () => {
  const generated = communityMarketAbi.find((x) => x.type === 'function' && x.name === 'ordersOf');
  const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'internalType' ? undefined : x))) as unknown;
  expect(ordersOfAbi[0]).toEqual(strip(generated));
});
