/**
 * Reduction of decoded logs into history rows, merge/dedupe and ordering. Pure: no I/O. Rows are
 * JSON-safe (big values as decimal strings) so they can be cached as they are.
 */
import type { Hex } from 'viem';
import { adjustReasonOf, type AdjustReasonOrUnknown } from '../adjust-reasons.ts';
import { poolReasonOf, type PoolReasonOrUnknown } from '../pool-reasons.ts';

export const HISTORY_KINDS = [
  'settled',
  'reading',
  'adjusted',
  'donation-out',
  'donation-in',
  'pool-donated',
  'pool-assigned',
  'joined',
  'share-changed',
  'share-scheduled',
  'active-changed',
  'order-placed',
  'order-filled',
  'order-cancelled',
  'order-expired',
  'withdrawn',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** The figures of a MemberSettled, as decimal strings (Wh, micro-BRL) and a flag. */
export interface SettlementRow {
  allocatedWh: string;
  consumedWh: string;
  compensatedWh: string;
  billedWh: string;
  createdWh: string;
  usedFromLotsWh: string;
  expiredWh: string;
  balanceWh: string;
  minimumWh: string;
  minimumApplied: boolean;
  fioBMicroBrl: string;
  billMicroBrl: string;
  noSolarBillMicroBrl: string;
}

export interface HistoryRow {
  /** txHash:logIndex — unique per log. */
  id: string;
  kind: HistoryKind;
  block: number;
  logIndex: number;
  txHash: Hex;
  cycle?: number;
  /** The row's main energy figure, signed, in Wh (what entered (+) or left (−) the balance). */
  amountWh?: string;
  balanceWh?: string;
  counterpartyId?: number;
  orderId?: string;
  side?: 'buy' | 'sell';
  priceTokenPerKwh?: string;
  tokenAmount?: string;
  sharePpm?: number;
  oldSharePpm?: number;
  /** share-scheduled: the cycle the new share applies from. */
  effectiveCycle?: number;
  active?: boolean;
  label?: string;
  /** pool-assigned: the manager's reason, from its on-chain hash ('unknown' when not in the fixed list). */
  reason?: PoolReasonOrUnknown;
  /** adjusted: the manager's reason, from its on-chain hash ('unknown' when not in the fixed list). */
  adjustReason?: AdjustReasonOrUnknown;
  /** adjusted: the wallet of the manager who made the adjustment. */
  by?: string;
  settlement?: SettlementRow;
}

/** The decoded-log shape this module needs (viem's parseEventLogs output fits it). */
export interface DecodedLog {
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint | null;
  logIndex: number | null;
  transactionHash: Hex | null;
}

/** State carried across loads: the member's market order ids (cancels/fills index only order ids). */
export interface ReduceState {
  orderIds: string[];
}

const s = (v: unknown) => String(v);
const n = (v: unknown) => Number(v);
const neg = (v: unknown) => {
  const b = BigInt(v as bigint);
  return (b === 0n ? 0n : -b).toString();
};
const side = (v: unknown): 'buy' | 'sell' => (Number(v) === 0 ? 'buy' : 'sell');

/**
 * Turns decoded logs (any order) into the rows that touched `memberId`. Logs of other members
 * are dropped (the topic filters already select the member; market fills and cancels are matched
 * here by member id or by the member's order ids, which `state` keeps across chunks and loads).
 */
export function reduceLogs(
  logs: readonly DecodedLog[],
  memberId: number,
  state: ReduceState = { orderIds: [] },
  /** The member's wallet: market withdrawals are indexed by address, not member id. */
  wallet?: string,
): { rows: HistoryRow[]; state: ReduceState } {
  const me = wallet?.toLowerCase();
  const mine = new Set(state.orderIds);
  const ordered = [...logs].sort(compareChainOrder);
  const rows: HistoryRow[] = [];
  for (const log of ordered) {
    if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) continue; // pending
    const a = log.args;
    const base = { id: `${log.transactionHash}:${log.logIndex}`, block: Number(log.blockNumber), logIndex: log.logIndex, txHash: log.transactionHash };
    const push = (row: Omit<HistoryRow, 'id' | 'block' | 'logIndex' | 'txHash'>) => rows.push({ ...base, ...row });
    switch (log.eventName) {
      case 'MemberSettled': {
        if (n(a.memberId) !== memberId) break;
        const st = a.settlement as Record<string, unknown>;
        const settlement: SettlementRow = {
          allocatedWh: s(st.allocatedWh),
          consumedWh: s(st.consumedWh),
          compensatedWh: s(st.compensatedWh),
          billedWh: s(st.billedWh),
          createdWh: s(st.createdWh),
          usedFromLotsWh: s(st.usedFromLotsWh),
          expiredWh: s(st.expiredWh),
          balanceWh: s(st.balanceWh),
          minimumWh: s(st.minimumWh),
          minimumApplied: Boolean(st.minimumApplied),
          fioBMicroBrl: s(st.fioBMicroBrl),
          billMicroBrl: s(st.billMicroBrl),
          noSolarBillMicroBrl: s(st.noSolarBillMicroBrl),
        };
        const net = BigInt(settlement.createdWh) - BigInt(settlement.usedFromLotsWh) - BigInt(settlement.expiredWh);
        push({ kind: 'settled', cycle: n(a.cycle), amountWh: net.toString(), balanceWh: settlement.balanceWh, settlement });
        break;
      }
      case 'ReadingPosted':
        if (n(a.memberId) === memberId) push({ kind: 'reading', cycle: n(a.cycle), amountWh: s(a.consumedWh) });
        break;
      case 'CreditsAdjusted':
        if (n(a.memberId) === memberId)
          push({
            kind: 'adjusted',
            cycle: n(a.cycle),
            amountWh: s(a.deltaWh),
            balanceWh: s(a.balanceWh),
            adjustReason: adjustReasonOf(s(a.reasonHash)),
            by: s(a.manager),
          });
        break;
      case 'CreditsDonated':
        if (n(a.fromMemberId) === memberId) push({ kind: 'donation-out', cycle: n(a.cycle), amountWh: neg(a.amountWh), counterpartyId: n(a.toMemberId) });
        else if (n(a.toMemberId) === memberId) push({ kind: 'donation-in', cycle: n(a.cycle), amountWh: s(a.amountWh), counterpartyId: n(a.fromMemberId) });
        break;
      case 'PoolDonated':
        if (n(a.fromMemberId) === memberId) push({ kind: 'pool-donated', cycle: n(a.cycle), amountWh: neg(a.amountWh) });
        break;
      case 'PoolAssigned':
        if (n(a.toMemberId) === memberId) push({ kind: 'pool-assigned', cycle: n(a.cycle), amountWh: s(a.amountWh), reason: poolReasonOf(s(a.reasonHash)) });
        break;
      case 'MemberAdded':
        if (n(a.memberId) === memberId) push({ kind: 'joined', sharePpm: n(a.sharePpm), label: s(a.label) });
        break;
      case 'ShareChanged':
        if (n(a.memberId) === memberId) push({ kind: 'share-changed', sharePpm: n(a.newSharePpm), oldSharePpm: n(a.oldSharePpm) });
        break;
      case 'MemberShareScheduled':
        if (n(a.memberId) === memberId)
          push({
            kind: 'share-scheduled',
            sharePpm: n(a.newSharePpm),
            oldSharePpm: n(a.oldSharePpm),
            effectiveCycle: n(a.effectiveCycle),
          });
        break;
      case 'MemberActiveChanged':
        if (n(a.memberId) === memberId) push({ kind: 'active-changed', active: Boolean(a.active) });
        break;
      case 'OrderPlaced':
        if (n(a.memberId) !== memberId) break;
        mine.add(s(a.orderId));
        push({ kind: 'order-placed', orderId: s(a.orderId), side: side(a.side), priceTokenPerKwh: s(a.priceTokenPerKwh), amountWh: s(a.quantityWh) });
        break;
      case 'OrderFilled': {
        const maker = n(a.makerMemberId) === memberId;
        const taker = n(a.takerMemberId) === memberId;
        if (!maker && !taker) break;
        const makerSide = side(a.makerSide);
        const mySide = maker ? makerSide : makerSide === 'buy' ? 'sell' : 'buy';
        const amount = s(a.amountWh);
        push({
          kind: 'order-filled',
          cycle: n(a.cycle),
          orderId: s(maker ? a.makerOrderId : a.takerOrderId),
          side: mySide,
          priceTokenPerKwh: s(a.priceTokenPerKwh),
          tokenAmount: s(a.tokenAmount),
          // A sale leaves the balance (escrowed at placing); a purchase enters it.
          amountWh: mySide === 'buy' ? amount : neg(amount),
          counterpartyId: n(maker ? a.takerMemberId : a.makerMemberId),
        });
        break;
      }
      case 'OrderCancelled':
      case 'OrderExpired':
        if (!mine.has(s(a.orderId))) break;
        push({
          kind: log.eventName === 'OrderCancelled' ? 'order-cancelled' : 'order-expired',
          orderId: s(a.orderId),
          amountWh: s(a.returnedWh),
          tokenAmount: s(a.returnedToken),
        });
        break;
      case 'ProceedsWithdrawn':
        // Money leaves the market for the wallet: no energy moves.
        if (me !== undefined && s(a.owner).toLowerCase() === me) push({ kind: 'withdrawn', tokenAmount: s(a.amount) });
        break;
      default:
        break;
    }
  }
  return { rows: sortNewestFirst(rows), state: { orderIds: [...mine] } };
}

function compareChainOrder(x: DecodedLog, y: DecodedLog): number {
  const bx = x.blockNumber ?? 0n;
  const by = y.blockNumber ?? 0n;
  if (bx !== by) return bx < by ? -1 : 1;
  return (x.logIndex ?? 0) - (y.logIndex ?? 0);
}

/** Newest first: higher block, then higher log index. */
export function sortNewestFirst(rows: HistoryRow[]): HistoryRow[] {
  return rows.sort((x, y) => y.block - x.block || y.logIndex - x.logIndex);
}

/** Union of two row lists, deduplicated by txHash:logIndex (the later copy wins), newest first. */
export function mergeRows(existing: readonly HistoryRow[], incoming: readonly HistoryRow[]): HistoryRow[] {
  const byId = new Map<string, HistoryRow>();
  for (const r of existing) byId.set(r.id, r);
  for (const r of incoming) byId.set(r.id, r);
  return sortNewestFirst([...byId.values()]);
}

/**
 * The reading rows a later reading of the same cycle replaced (the close uses the last one posted):
 * their ids. `rows` is the member's whole history (any order).
 */
export function replacedReadings(rows: readonly HistoryRow[]): ReadonlySet<string> {
  const latest = new Map<number, HistoryRow>();
  for (const r of rows) {
    if (r.kind !== 'reading' || r.cycle === undefined) continue;
    const seen = latest.get(r.cycle);
    if (!seen || r.block > seen.block || (r.block === seen.block && r.logIndex > seen.logIndex)) latest.set(r.cycle, r);
  }
  const replaced = new Set<string>();
  for (const r of rows) if (r.kind === 'reading' && r.cycle !== undefined && latest.get(r.cycle) !== r) replaced.add(r.id);
  return replaced;
}

export function filterRows(rows: readonly HistoryRow[], kind: HistoryKind | 'all'): readonly HistoryRow[] {
  return kind === 'all' ? rows : rows.filter((r) => r.kind === kind);
}
