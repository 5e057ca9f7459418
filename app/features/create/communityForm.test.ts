import { describe, expect, it } from 'vitest';
import { checkCommunityForm, currentCycle, defaultCommunityForm, type CommunityFormInput } from './communityForm.ts';

// 1 Dec 2026, 01:30 UTC is still 30 Nov 2026 in Brasília.
const now = new Date('2026-12-01T01:30:00Z');
const good: CommunityFormInput = {
  ...defaultCommunityForm(now),
  name: 'Cooperativa Sol do Sertão',
  distributor: 'Coelba',
  plantKwp: '75,5',
  fullTariff: '0,812345',
  fioBTariff: '0,28',
  firstCycle: '11/2026',
};

describe('checkCommunityForm', () => {
  it('turns the form into createCommunity arguments, integers throughout', () => {
    const r = checkCommunityForm(good, 'pt-BR', now);
    expect(r).toEqual({
      ok: true,
      warnings: [],
      args: {
        settings: {
          name: 'Cooperativa Sol do Sertão',
          distributor: 'Coelba',
          plantCapacityW: 75_500,
          regime: 1,
          fullTariffMicroBrlPerKwh: 812_345n,
          fioBMicroBrlPerKwh: 280_000n,
          paymentToken: '0x0000000000000000000000000000000000000000',
          tradingPolicy: 0,
          gd2BelowMinimum: 0,
          minOrderWh: 1000,
        },
        fioBSchedule: [
          { year: 2023, sharePpm: 150_000 },
          { year: 2024, sharePpm: 300_000 },
          { year: 2025, sharePpm: 450_000 },
          { year: 2026, sharePpm: 600_000 },
          { year: 2027, sharePpm: 750_000 },
          { year: 2028, sharePpm: 900_000 },
        ],
        firstCycle: 202611,
      },
    });
  });

  it('defaults the first cycle to this month in Brasília, not in UTC', () => {
    expect(currentCycle(now)).toBe(202611);
    expect(defaultCommunityForm(now).firstCycle).toBe('11/2026');
  });

  it.each([
    ['a plant over 5 MW', { plantKwp: '5000,001' }, 'plantKwp', 'plantTooLarge'],
    ['a plant of zero', { plantKwp: '0' }, 'plantKwp', 'amount'],
    ['a zero tariff', { fullTariff: '0' }, 'fullTariff', 'amount'],
    ['a zero Fio B', { fioBTariff: '0,00' }, 'fioBTariff', 'amount'],
    ['Fio B above the full tariff', { fioBTariff: '0,9' }, 'fioBTariff', 'fioBAboveFull'],
    ['a first cycle in the future', { firstCycle: '12/2026' }, 'firstCycle', 'cycleInFuture'],
    ['a malformed first cycle', { firstCycle: '13/2026' }, 'firstCycle', 'cycleMalformed'],
    ['a first cycle that is text', { firstCycle: 'novembro' }, 'firstCycle', 'cycleMalformed'],
    ['an empty name', { name: '   ' }, 'name', 'empty'],
    ['a name over 64 bytes', { name: 'ç'.repeat(33) }, 'name', 'tooLong'],
    ['priced orders without a token', { tradingPolicy: 'priced' as const }, 'paymentToken', 'tokenMissing'],
    ['a malformed token', { tradingPolicy: 'priced' as const, paymentToken: '0x1234' }, 'paymentToken', 'tokenMalformed'],
    ['a Fio B share over 100 %', { fioBSchedule: [{ year: 2027, percent: '100,5' }] }, 'fioBSchedule', 'schedulePercent'],
  ])('refuses %s', (_what, change, field, code) => {
    const r = checkCommunityForm({ ...good, ...change }, 'pt-BR', now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[field as keyof typeof r.problems]?.code).toBe(code);
  });

  it('warns, without refusing, above the 3 MW of new solar minigeneration', () => {
    const r = checkCommunityForm({ ...good, plantKwp: '3.500' }, 'pt-BR', now);
    expect(r.ok && r.warnings).toEqual(['solarAbove3MW']);
    expect(r.ok && r.args.settings.plantCapacityW).toBe(3_500_000);
  });

  it('keeps a 0 % Fio B step and the token of a priced community', () => {
    const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    const r = checkCommunityForm(
      { ...good, regime: 'GD_I', tradingPolicy: 'priced', paymentToken: token, fioBSchedule: [{ year: 2029, percent: '0' }] },
      'pt-BR',
      now,
    );
    expect(r.ok && r.args.fioBSchedule).toEqual([{ year: 2029, sharePpm: 0 }]);
    expect(r.ok && r.args.settings).toMatchObject({ regime: 0, tradingPolicy: 1, paymentToken: token });
  });
});
