import { describe, expect, it } from 'vitest';
import { bothLangs, findInFlight, txMeta, txText, type TxEntry } from './store.ts';
import { tradeDicts } from '../trade-dict.ts';
import { formatKwh } from '../format.ts';
import { formatPricePerKwh } from '../money.ts';

describe('transaction words in both languages', () => {
  const token = { symbol: 'dBRL', decimals: 18 };
  const label = bothLangs((l) => tradeDicts[l].market.sellLabel(formatKwh(1_000n, l), formatPricePerKwh(7n * 10n ** 17n, token, l)));
  it('a label stored at send time reads in the language on screen', () => {
    expect(txText(label, 'pt-BR')).toBe('Venda de 1 kWh a R$ 0,70/kWh');
    expect(txText(label, 'en')).toBe('Sell 1 kWh at R$0.70/kWh');
  });
  it('a plain string (an older row, or a caller that gives one) is shown as it is', () => {
    expect(txText('Leituras 1–200', 'en')).toBe('Leituras 1–200');
  });
  it('survives the JSON round trip of localStorage', () => {
    expect(txText(JSON.parse(JSON.stringify(label)) as typeof label, 'en')).toBe('Sell 1 kWh at R$0.70/kWh');
  });
  it('orders are named in full', () => {
    expect(tradeDicts['pt-BR'].market.orderName(true, '1')).toBe('Ordem de venda nº 1');
    expect(tradeDicts.en.market.orderName(true, '1')).toBe('Sell order #1');
    expect(tradeDicts.en.market.orderName(false, '2')).toBe('Buy order #2');
  });
});

const C = '0xC0FFEE0000000000000000000000000000000001';
const A = '0xAAAA000000000000000000000000000000000001';
const B = '0xBBBB000000000000000000000000000000000002';
const hash = `0x${'ab'.repeat(32)}` as const;
const entry = (patch: Partial<TxEntry>): TxEntry => ({ id: 'x', chainId: 31337, label: 'l', state: 'pending', hash, at: 0, ...patch });

describe('findInFlight', () => {
  it('finds a pending write of that kind, by that account, in that community, whatever the case of the addresses', () => {
    const e = entry({ meta: txMeta('donate', C, A, 1_500n) });
    expect(e.meta).toEqual({ kind: 'donate', community: C.toLowerCase(), account: A.toLowerCase(), wh: '1500' });
    expect(findInFlight([e], 'donate', C.toLowerCase(), A)).toBe(e);
    expect(findInFlight([e], 'order', C, A)).toBeUndefined();
    expect(findInFlight([e], 'donate', C, B)).toBeUndefined();
    expect(findInFlight([e], 'donate', A, A)).toBeUndefined();
  });

  it('a write being signed counts; a settled one, one without a hash, or one without meta does not', () => {
    const meta = txMeta('withdraw', C, A);
    expect(findInFlight([entry({ state: 'signing', hash: undefined, meta })], 'withdraw', C, A)).toBeDefined();
    for (const state of ['confirmed', 'failed', 'simulating'] as const) expect(findInFlight([entry({ state, meta })], 'withdraw', C, A)).toBeUndefined();
    expect(findInFlight([entry({ hash: undefined, meta })], 'withdraw', C, A)).toBeUndefined();
    expect(findInFlight([entry({})], 'withdraw', C, A)).toBeUndefined();
  });
});
