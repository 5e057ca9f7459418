import { describe, expect, it } from 'vitest';
import { keccak256, toBytes } from 'viem';
import { formatFiledOn } from '../../../lib/format.ts';
import { documentHash, effectiveCycleChoices, filedOnFromInput, scheduleLists, todayInBrasilia } from './schedule.ts';

const members = [
  { id: 0, sharePpm: 200_000, active: true },
  { id: 1, sharePpm: 200_000, active: true },
  { id: 2, sharePpm: 600_000, active: true },
  { id: 3, sharePpm: 0, active: false },
];

describe('share schedule', () => {
  it('offers the 12 cycles after the open one, across the year', () => {
    const c = effectiveCycleChoices(202611);
    expect(c).toHaveLength(12);
    expect(c[0]).toBe(202612);
    expect(c[1]).toBe(202701);
    expect(c[11]).toBe(202711);
  });

  it('reads a filing date and refuses what is not one', () => {
    expect(filedOnFromInput('2026-12-15')).toBe(20261215);
    expect(filedOnFromInput('2026-02-30')).toBeUndefined();
    expect(filedOnFromInput('15/12/2026')).toBeUndefined();
    expect(filedOnFromInput('')).toBeUndefined();
    expect(formatFiledOn(20261215)).toBe('15/12/2026');
    expect(formatFiledOn(20270105)).toBe('05/01/2027');
  });

  it('takes today in Brasília, not in UTC', () => {
    expect(todayInBrasilia(new Date('2026-12-02T01:30:00Z'))).toBe('2026-12-01');
    expect(todayInBrasilia(new Date('2026-12-02T12:00:00Z'))).toBe('2026-12-02');
  });

  it('hashes the document bytes', () => {
    const bytes = toBytes('uc;rotulo;percentual\n');
    expect(documentHash(bytes)).toBe(keccak256(bytes));
  });

  it('lists only the members whose share changes, when the new table sums to 100 %', () => {
    const r = scheduleLists(
      members,
      new Map([
        [0, 180_000],
        [2, 620_000],
      ]),
    );
    expect(r).toEqual({ ok: true, memberIds: [0, 2], sharesPpm: [180_000, 620_000] });
  });

  it('refuses a table that does not sum to 100 %, one that changes nothing, and a share for an inactive member', () => {
    expect(scheduleLists(members, new Map([[0, 180_000]]))).toEqual({ ok: false, problem: { code: 'sum', sumPpm: 980_000 } });
    expect(scheduleLists(members, new Map([[0, 200_000]]))).toEqual({ ok: false, problem: { code: 'unchanged' } });
    expect(
      scheduleLists(
        members,
        new Map([
          [3, 100_000],
          [2, 500_000],
        ]),
      ),
    ).toEqual({ ok: false, problem: { code: 'inactive', memberId: 3 } });
    expect(scheduleLists([], new Map())).toEqual({ ok: false, problem: { code: 'empty' } });
  });
});
