import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAssign, expiresSoon, loadPoolNotes, savePoolNote, soonWh } from './pool.ts';

const members = [
  { id: 0, label: 'Apto 101', active: true },
  { id: 1, label: 'Apto 102', active: true },
  { id: 2, label: 'Apto 201', active: false },
];

describe('expiresSoon (the open cycle and the next two, as the dashboard counts)', () => {
  const open = 202611;
  it('a lot expiring at this close, the next, or the one after is flagged', () => {
    expect(expiresSoon({ expiryCycle: 202611 }, open)).toBe(true);
    expect(expiresSoon({ expiryCycle: 202612 }, open)).toBe(true);
    expect(expiresSoon({ expiryCycle: 202701 }, open)).toBe(true);
  });
  it('three closes ahead or later is not', () => {
    expect(expiresSoon({ expiryCycle: 202702 }, open)).toBe(false);
    expect(expiresSoon({ expiryCycle: 203110 }, open)).toBe(false);
  });
  it('the soon total adds only the flagged lots', () => {
    const lots = [
      { expiryCycle: 202612, amountWh: 1_500n },
      { expiryCycle: 202702, amountWh: 7_000n },
      { expiryCycle: 202701, amountWh: 250n },
    ];
    expect(soonWh(lots, open)).toBe(1_750n);
    expect(soonWh([], open)).toBe(0n);
  });
});

describe('checkAssign', () => {
  const ok = { memberId: '1', amount: '50', reason: 'social-tariff' };
  it('a member, an amount within the pool and a reason of the list', () => {
    const r = checkAssign(ok, members, 50_000n, 'pt-BR');
    expect(r).toMatchObject({ ok: true, amountWh: 50_000n, reason: 'social-tariff' });
    expect(r.ok && r.member.label).toBe('Apto 102');
    expect(checkAssign({ ...ok, amount: '1.234,5' }, members, 2_000_000n, 'pt-BR')).toMatchObject({ ok: true, amountWh: 1_234_500n });
    expect(checkAssign({ ...ok, amount: '12.5' }, members, 2_000_000n, 'en')).toMatchObject({ ok: true, amountWh: 12_500n });
  });
  it('each refusal names its field', () => {
    expect(checkAssign({ ...ok, memberId: '' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'member', problem: 'chooseMember' });
    expect(checkAssign({ ...ok, memberId: '2' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'member', problem: 'notMember' });
    expect(checkAssign({ ...ok, amount: '' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'amount', problem: 'empty' });
    expect(checkAssign({ ...ok, amount: '0' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'amount', problem: 'zero' });
    expect(checkAssign({ ...ok, amount: '50,0001' }, members, 60_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'amount', problem: 'tooManyDecimals' });
    expect(checkAssign({ ...ok, amount: '50,001' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'amount', problem: 'overPool' });
    expect(checkAssign({ ...ok, reason: '' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'reason', problem: 'chooseReason' });
    expect(checkAssign({ ...ok, reason: 'Família do 102' }, members, 50_000n, 'pt-BR')).toMatchObject({ ok: false, field: 'reason' });
  });
  it('an empty pool refuses any amount', () => {
    expect(checkAssign({ ...ok, amount: '0,001' }, members, 0n, 'pt-BR')).toMatchObject({ ok: false, problem: 'overPool' });
  });
});

describe('pool notes stay in this browser', () => {
  afterAll(() => vi.unstubAllGlobals());
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    });
  });
  it('saved by transaction hash, empty notes are not kept', () => {
    savePoolNote(31337, '0xAbC', '0xDEAD', '  família nova  ');
    savePoolNote(31337, '0xabc', '0xbeef', '   ');
    expect(loadPoolNotes(31337, '0xABC')).toEqual({ '0xdead': 'família nova' });
    expect(loadPoolNotes(1, '0xabc')).toEqual({});
  });
});
