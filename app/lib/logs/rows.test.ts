import { formatLog, parseEventLogs } from 'viem';
import { describe, expect, it } from 'vitest';
import { adjustReasonHash } from '../adjust-reasons.ts';
import { historyDicts } from '../history-dict.ts';
import { poolReasonHash } from '../pool-reasons.ts';
import { ledgerWords } from './ledger-words.ts';
import { historyAbi } from './events.ts';
import { mergeRows, reduceLogs, replacedReadings, type DecodedLog } from './rows.ts';
import { rpcLog, settlement } from './testlogs.ts';

const ME = 1;
const decode = (logs: ReturnType<typeof rpcLog>[]) =>
  parseEventLogs({ abi: historyAbi, logs: logs.map((l) => formatLog(l)), strict: true }) as unknown as DecodedLog[];
const h = '0x' + '00'.repeat(32);
const MANAGER = '0x00000000000000000000000000000000000000AA';

describe('reduceLogs', () => {
  const logs = decode([
    rpcLog(
      'MemberAdded',
      { memberId: ME, wallet: '0x0000000000000000000000000000000000000001', ucCommitment: h, connection: 2, sharePpm: 200_000, label: 'Apto 101' },
      2,
      0,
    ),
    rpcLog('ReadingPosted', { cycle: 202610, memberId: ME, consumedWh: 500_000n }, 10, 1),
    rpcLog('MemberSettled', { cycle: 202610, memberId: ME, settlement: settlement() }, 11, 0),
    rpcLog('MemberSettled', { cycle: 202610, memberId: 2, settlement: settlement() }, 11, 1),
    rpcLog('CreditsAdjusted', { memberId: ME, cycle: 202611, deltaWh: -5_000n, reasonHash: h, balanceWh: 995_000n, manager: MANAGER }, 12, 0),
    rpcLog('CreditsDonated', { fromMemberId: ME, toMemberId: 2, cycle: 202611, amountWh: 1_500n, messageHash: h }, 13, 0),
    rpcLog('CreditsDonated', { fromMemberId: 2, toMemberId: ME, cycle: 202611, amountWh: 2_500n, messageHash: h }, 14, 0),
    rpcLog('CreditsDonated', { fromMemberId: 2, toMemberId: 3, cycle: 202611, amountWh: 9n, messageHash: h }, 14, 1),
    rpcLog('PoolDonated', { fromMemberId: ME, cycle: 202611, amountWh: 1_000n, messageHash: h }, 15, 0),
    rpcLog('PoolAssigned', { toMemberId: ME, cycle: 202611, amountWh: 700n, reasonHash: h }, 16, 0),
    rpcLog('ShareChanged', { memberId: ME, oldSharePpm: 200_000, newSharePpm: 150_000, totalSharePpm: 950_000 }, 17, 0),
    rpcLog('MemberActiveChanged', { memberId: ME, active: false }, 18, 0),
    rpcLog('OrderPlaced', { orderId: 7n, memberId: ME, side: 1, priceTokenPerKwh: 500_000n, quantityWh: 10_000n, expiresAt: 0n, standing: false }, 19, 0),
    rpcLog('OrderPlaced', { orderId: 8n, memberId: 2, side: 0, priceTokenPerKwh: 500_000n, quantityWh: 4_000n, expiresAt: 0n, standing: false }, 20, 0),
    rpcLog(
      'OrderFilled',
      {
        makerOrderId: 7n,
        takerOrderId: 8n,
        cycle: 202611,
        makerMemberId: ME,
        takerMemberId: 2,
        makerSide: 1,
        priceTokenPerKwh: 500_000n,
        amountWh: 4_000n,
        tokenAmount: 2_000_000n,
      },
      20,
      1,
    ),
    rpcLog('OrderCancelled', { orderId: 7n, returnedWh: 6_000n, returnedToken: 0n }, 21, 0),
    rpcLog('OrderCancelled', { orderId: 8n, returnedWh: 0n, returnedToken: 0n }, 21, 1),
  ]);
  const { rows, state } = reduceLogs(logs, ME);

  it('makes one row per event that touched the member, of each kind', () => {
    expect(rows.map((r) => r.kind)).toEqual([
      'order-cancelled',
      'order-filled',
      'order-placed',
      'active-changed',
      'share-changed',
      'pool-assigned',
      'pool-donated',
      'donation-in',
      'donation-out',
      'adjusted',
      'settled',
      'reading',
      'joined',
    ]);
    expect(state.orderIds).toEqual(['7']);
  });
  it('signs the amounts: out is negative, in is positive', () => {
    const by = (k: string) => rows.find((r) => r.kind === k)!;
    expect(by('donation-out')).toMatchObject({ amountWh: '-1500', counterpartyId: 2, cycle: 202611 });
    expect(by('donation-in')).toMatchObject({ amountWh: '2500', counterpartyId: 2 });
    expect(by('pool-donated').amountWh).toBe('-1000');
    expect(by('pool-assigned').amountWh).toBe('700');
    expect(by('pool-assigned').reason).toBe('unknown'); // a zero hash is no reason of the fixed list
    expect(by('adjusted')).toMatchObject({ amountWh: '-5000', balanceWh: '995000', adjustReason: 'unknown', by: MANAGER });
    expect(by('order-filled')).toMatchObject({ side: 'sell', amountWh: '-4000', counterpartyId: 2, orderId: '7', tokenAmount: '2000000' });
    expect(by('order-cancelled')).toMatchObject({ orderId: '7', amountWh: '6000' });
  });
  it('a pool assignment carries the reason code its hash stands for', () => {
    const r = reduceLogs(
      decode([rpcLog('PoolAssigned', { toMemberId: ME, cycle: 202611, amountWh: 50_000n, reasonHash: poolReasonHash('social-tariff') }, 30, 0)]),
      ME,
    ).rows;
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'pool-assigned', amountWh: '50000', reason: 'social-tariff' });
  });
  it('an adjustment carries its delta, the balance after it, the reason its hash stands for and the manager who made it', () => {
    const r = reduceLogs(
      decode([
        rpcLog(
          'CreditsAdjusted',
          { memberId: ME, cycle: 202611, deltaWh: 12_500n, reasonHash: adjustReasonHash('reading-correction'), balanceWh: 40_000n, manager: MANAGER },
          31,
          0,
        ),
        rpcLog('CreditsAdjusted', { memberId: 2, cycle: 202611, deltaWh: 1n, reasonHash: h, balanceWh: 1n, manager: MANAGER }, 31, 1),
      ]),
      ME,
    ).rows;
    expect(r).toEqual([
      expect.objectContaining({ kind: 'adjusted', cycle: 202611, amountWh: '12500', balanceWh: '40000', adjustReason: 'reading-correction', by: MANAGER }),
    ]);
    expect(ledgerWords(r[0]!, historyDicts['pt-BR'], 'pt-BR', new Set())).toEqual({
      reason: 'motivo: correção de leitura',
      detail: 'feito pelo gestor 0x0000…00AA',
    });
    expect(ledgerWords(r[0]!, historyDicts.en, 'en', new Set())).toEqual({ reason: 'reason: reading correction', detail: 'made by the manager 0x0000…00AA' });
    const unknown = { ...r[0]!, adjustReason: 'unknown' as const };
    expect(ledgerWords(unknown, historyDicts['pt-BR'], 'pt-BR', new Set()).reason).toBe('motivo registrado pelo gestor (fora da lista)');
  });
  it('a reading carries the consumption and the cycle; one replaced by a later reading of the same cycle is marked', () => {
    const r = reduceLogs(
      decode([
        rpcLog('ReadingPosted', { cycle: 202611, memberId: ME, consumedWh: 900_000n }, 40, 0),
        rpcLog('ReadingPosted', { cycle: 202611, memberId: ME, consumedWh: 90_000n }, 41, 3),
        rpcLog('ReadingPosted', { cycle: 202612, memberId: ME, consumedWh: 80_000n }, 50, 0),
        rpcLog('ReadingPosted', { cycle: 202611, memberId: 2, consumedWh: 1n }, 42, 0),
      ]),
      ME,
    ).rows;
    expect(r.map((x) => [x.kind, x.cycle, x.amountWh])).toEqual([
      ['reading', 202612, '80000'],
      ['reading', 202611, '90000'],
      ['reading', 202611, '900000'],
    ]);
    const replaced = replacedReadings(r);
    expect([...replaced]).toEqual([r[2]!.id]);
    expect(ledgerWords(r[2]!, historyDicts['pt-BR'], 'pt-BR', replaced).detail).toBe(
      'substituída por uma leitura posterior do mesmo ciclo (o fechamento usa a última)',
    );
    expect(ledgerWords(r[1]!, historyDicts.en, 'en', replaced)).toEqual({});
    // the same in a later log of the same block
    const sameBlock = reduceLogs(
      decode([
        rpcLog('ReadingPosted', { cycle: 202611, memberId: ME, consumedWh: 2n }, 40, 5),
        rpcLog('ReadingPosted', { cycle: 202611, memberId: ME, consumedWh: 1n }, 40, 4),
      ]),
      ME,
    ).rows;
    expect([...replacedReadings(sameBlock)]).toEqual([sameBlock.find((x) => x.amountWh === '1')!.id]);
  });
  it('keeps every settlement figure (created, used, expired, balance)', () => {
    const s = rows.find((r) => r.kind === 'settled')!;
    expect(s.cycle).toBe(202610);
    expect(s.amountWh).toBe('220000');
    expect(s.settlement).toMatchObject({ allocatedWh: '720000', createdWh: '220000', billMicroBrl: '84000000', minimumApplied: false });
  });
  it('is newest first whatever the input order', () => {
    const again = reduceLogs([...logs].reverse(), ME).rows;
    expect(again.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.block * 1e6 + rows[i - 1]!.logIndex > rows[i]!.block * 1e6 + rows[i]!.logIndex).toBe(true);
  });
  it('recognises a cancel of an order placed in an earlier load (state carried over)', () => {
    const later = decode([rpcLog('OrderExpired', { orderId: 7n, returnedWh: 1n, returnedToken: 0n }, 30, 0)]);
    expect(reduceLogs(later, ME).rows).toEqual([]);
    expect(reduceLogs(later, ME, state).rows[0]?.kind).toBe('order-expired');
  });
  it("records the member's own market withdrawals (matched by wallet, any case), not others'", () => {
    const mine = '0x00000000000000000000000000000000000000ab';
    const other = '0x00000000000000000000000000000000000000cd';
    const w = decode([
      rpcLog('ProceedsWithdrawn', { owner: mine, to: mine, token: mine, amount: 27n * 10n ** 18n }, 40, 0),
      rpcLog('ProceedsWithdrawn', { owner: other, to: other, token: other, amount: 5n }, 41, 0),
    ]);
    expect(reduceLogs(w, ME, state, mine.toUpperCase().replace('0X', '0x')).rows).toEqual([
      expect.objectContaining({ kind: 'withdrawn', tokenAmount: '27000000000000000000', block: 40 }),
    ]);
    // Without a wallet nothing is claimed.
    expect(reduceLogs(w, ME, state).rows).toEqual([]);
  });
});

describe('mergeRows', () => {
  it('dedupes by txHash:logIndex and sorts newest first', () => {
    const a = reduceLogs(
      decode([
        rpcLog('ReadingPosted', { cycle: 202610, memberId: ME, consumedWh: 1n }, 10, 0),
        rpcLog('ReadingPosted', { cycle: 202611, memberId: ME, consumedWh: 2n }, 20, 0),
      ]),
      ME,
    ).rows;
    const b = reduceLogs(
      decode([
        rpcLog('ReadingPosted', { cycle: 202611, memberId: ME, consumedWh: 2n }, 20, 0),
        rpcLog('ReadingPosted', { cycle: 202612, memberId: ME, consumedWh: 3n }, 30, 0),
      ]),
      ME,
    ).rows;
    const m = mergeRows(a, b);
    expect(m.map((r) => r.block)).toEqual([30, 20, 10]);
  });
});
