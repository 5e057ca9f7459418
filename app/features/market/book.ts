/**
 * Pure logic over a snapshot of the book (`book(depth)`): what an incoming order fills now and what
 * rests, and the hint price the contract needs to insert a new level. No RPC, no React.
 */
import { tokenForWh } from '../../lib/amounts.ts';
import { Side } from '../../../contracts-abi/abis.ts';

export const BUY = Side.Buy;
export const SELL = Side.Sell;
export type Side = typeof BUY | typeof SELL;

/** One price level as `book()` returns it. */
export interface LevelLike {
  priceTokenPerKwh: bigint;
  totalWh: bigint;
  orderCount: number;
  soonestExpiryCycle?: number;
}

/** One of my open orders (from `ordersOf`), to flag self-trades. */
export interface OwnOrderLike {
  id: bigint;
  side: number;
  priceTokenPerKwh: bigint;
  remainingWh: bigint;
}

export interface Fill {
  priceTokenPerKwh: bigint;
  amountWh: bigint;
  tokenAmount: bigint;
  /** Orders at this level the walk may touch (each counts toward maxFills). */
  orders: number;
}

export interface Preview {
  fills: Fill[];
  filledWh: bigint;
  /** Σ tokens of the fills (buyer pays / seller receives). */
  filledToken: bigint;
  /** What stays on the book at the limit price. */
  restWh: bigint;
  /** The walk stopped because maxFills ran out while the price still crossed. */
  boundedByMaxFills: boolean;
  /** The book snapshot may hold more crossing levels than it shows (depth reached). */
  beyondDepth: boolean;
  /** My own order the walk would meet (the contract refuses: SelfTrade); undefined if none. */
  selfTrade?: bigint;
}

function crosses(side: Side, limit: bigint, levelPrice: bigint): boolean {
  return side === BUY ? levelPrice <= limit : levelPrice >= limit;
}

/**
 * Walks the opposite side (best first, as `book()` orders it) while the price crosses, at most
 * `maxFills` maker orders. Inside a level the queue is time-ordered and only totals are known, so a
 * level whose order count no longer fits in the remaining fills ends the walk (conservative: the
 * preview never promises a fill the contract may not make). Own orders on a level the walk reaches
 * are flagged.
 */
export function previewOrder(args: {
  side: Side;
  priceTokenPerKwh: bigint;
  quantityWh: bigint;
  opposite: readonly LevelLike[];
  maxFills: number;
  depth?: number;
  ownOrders?: readonly OwnOrderLike[];
}): Preview {
  const { side, priceTokenPerKwh: limit, quantityWh, opposite, maxFills } = args;
  const oppositeSide = side === BUY ? SELL : BUY;
  const fills: Fill[] = [];
  let remaining = quantityWh;
  let fillsLeft = maxFills;
  let boundedByMaxFills = false;
  let selfTrade: bigint | undefined;
  let walkedAll = true;
  for (const level of opposite) {
    if (remaining === 0n) {
      walkedAll = false;
      break;
    }
    if (!crosses(side, limit, level.priceTokenPerKwh)) {
      walkedAll = false;
      break;
    }
    const mine = args.ownOrders?.find((o) => o.side === oppositeSide && o.priceTokenPerKwh === level.priceTokenPerKwh && o.remainingWh > 0n);
    if (mine) {
      selfTrade = mine.id;
      walkedAll = false;
      break;
    }
    if (level.orderCount > fillsLeft) {
      boundedByMaxFills = true;
      walkedAll = false;
      break;
    }
    const take = remaining < level.totalWh ? remaining : level.totalWh;
    fills.push({ priceTokenPerKwh: level.priceTokenPerKwh, amountWh: take, tokenAmount: tokenForWh(level.priceTokenPerKwh, take), orders: level.orderCount });
    remaining -= take;
    fillsLeft -= level.orderCount;
  }
  const beyondDepth = walkedAll && remaining > 0n && args.depth !== undefined && opposite.length >= args.depth;
  const filledWh = quantityWh - remaining;
  return {
    fills,
    filledWh,
    filledToken: fills.reduce((a, f) => a + f.tokenAmount, 0n),
    restWh: remaining,
    boundedByMaxFills,
    beyondDepth,
    selfTrade,
  };
}

/**
 * The hint for inserting a level at `price` on `side` (same-side levels, best first): the level at
 * that price if it exists, else the nearest better level (the new one goes right after it); 0 when
 * the new level becomes the best (the contract searches from the best price). When the price is
 * worse than every level shown, the worst shown level (the contract walks on from there, bounded).
 */
export function hintPrice(side: Side, price: bigint, sameSide: readonly LevelLike[]): bigint {
  let hint = 0n;
  for (const level of sameSide) {
    const better = side === BUY ? level.priceTokenPerKwh > price : level.priceTokenPerKwh < price;
    if (level.priceTokenPerKwh === price) return price;
    if (!better) break;
    hint = level.priceTokenPerKwh;
  }
  return hint;
}

/** What a buy must be allowed to spend: the limit price × the whole quantity, rounded up. */
export function buyBudget(priceTokenPerKwh: bigint, quantityWh: bigint): bigint {
  return tokenForWh(priceTokenPerKwh, quantityWh, true);
}

/** YYYYMM → "MM/AAAA". */
export function monthYear(cycle: number | undefined): string {
  if (!cycle) return '—';
  return `${String(cycle % 100).padStart(2, '0')}/${Math.floor(cycle / 100)}`;
}

/** "2027-03-31" (input type=date) → unix seconds at the end of that day in the user's zone; 0 if empty. */
export function expiryFromDate(value: string, now: number = Date.now()): { ok: true; value: bigint } | { ok: false } {
  if (value === '') return { ok: true, value: 0n };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { ok: false };
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (Number.isNaN(end.getTime()) || end.getTime() <= now) return { ok: false };
  return { ok: true, value: BigInt(Math.floor(end.getTime() / 1000)) };
}
