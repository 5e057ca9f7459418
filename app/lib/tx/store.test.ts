import { describe, expect, it } from 'vitest';
import { findInFlight, txMeta, type TxEntry } from './store.ts';

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
