import { describe, expect, it } from 'vitest';
import { formatBrl, formatCycle, formatDate, formatKwh, formatKwp, formatPpm, microBrlToCentavos } from './format.ts';

describe('formatKwh', () => {
  it('pt-BR: up to 3 decimals, trailing zeros trimmed, grouped', () => {
    expect(formatKwh(720_000n, 'pt-BR')).toBe('720 kWh');
    expect(formatKwh(1_234_500n, 'pt-BR')).toBe('1.234,5 kWh');
    expect(formatKwh(1_234_567n, 'pt-BR')).toBe('1.234,567 kWh');
    expect(formatKwh(1n, 'pt-BR')).toBe('0,001 kWh');
    expect(formatKwh(0n, 'pt-BR')).toBe('0 kWh');
    expect(formatKwh(30_000, 'pt-BR')).toBe('30 kWh');
  });
  it('en', () => {
    expect(formatKwh(1_234_500n, 'en')).toBe('1,234.5 kWh');
    expect(formatKwh(720_000n, 'en')).toBe('720 kWh');
  });
  it('large numbers stay exact (beyond 2^53)', () => {
    expect(formatKwh(18_446_744_073_709_551_615n, 'pt-BR')).toBe('18.446.744.073.709.551,615 kWh');
    expect(formatKwh(18_446_744_073_709_551_615n, 'en')).toBe('18,446,744,073,709,551.615 kWh');
  });
  it('negative', () => {
    expect(formatKwh(-1_500n, 'pt-BR')).toBe('-1,5 kWh');
  });
  it('rejects unsafe numbers', () => {
    expect(() => formatKwh(2 ** 60, 'pt-BR')).toThrow(RangeError);
  });
});

describe('formatBrl', () => {
  it('pt-BR', () => {
    expect(formatBrl(1_234_560_000n, 'pt-BR')).toBe('R$ 1.234,56');
    expect(formatBrl(0n, 'pt-BR')).toBe('R$ 0,00');
    expect(formatBrl(800_000n, 'pt-BR')).toBe('R$ 0,80');
  });
  it('en', () => {
    expect(formatBrl(1_234_560_000n, 'en')).toBe('R$1,234.56');
    expect(formatBrl(0n, 'en')).toBe('R$0.00');
  });
  it('rounds half up to centavos with bigint', () => {
    expect(formatBrl(1_234_565_000n, 'pt-BR')).toBe('R$ 1.234,57'); // exactly half → up
    expect(formatBrl(1_234_564_999n, 'pt-BR')).toBe('R$ 1.234,56');
    expect(formatBrl(4_999n, 'pt-BR')).toBe('R$ 0,00');
    expect(formatBrl(5_000n, 'pt-BR')).toBe('R$ 0,01');
    expect(formatBrl(9_995_000n, 'pt-BR')).toBe('R$ 10,00');
    expect(microBrlToCentavos(15_000n)).toBe(2n);
    expect(microBrlToCentavos(-15_000n)).toBe(-2n);
  });
  it('large and negative amounts', () => {
    expect(formatBrl(18_446_744_073_709_551_615n, 'pt-BR')).toBe('R$ 18.446.744.073.709,55');
    expect(formatBrl(-2_500_000n, 'pt-BR')).toBe('-R$ 2,50');
    expect(formatBrl(-2_500_000n, 'en')).toBe('-R$2.50');
  });
});

describe('formatPpm', () => {
  it('pt-BR', () => {
    expect(formatPpm(150_000, 'pt-BR')).toBe('15 %');
    expect(formatPpm(155_000, 'pt-BR')).toBe('15,5 %');
    expect(formatPpm(1_000_000, 'pt-BR')).toBe('100 %');
    expect(formatPpm(1, 'pt-BR')).toBe('0,0001 %');
    expect(formatPpm(0, 'pt-BR')).toBe('0 %');
  });
  it('en', () => {
    expect(formatPpm(155_000, 'en')).toBe('15.5%');
    expect(formatPpm(166_667, 'en')).toBe('16.6667%');
  });
});

describe('cycles, dates, capacity', () => {
  it('YYYYMM → MM/AAAA', () => {
    expect(formatCycle(202610)).toBe('10/2026');
    expect(formatCycle(202601n)).toBe('01/2026');
  });
  it('dates', () => {
    const d = new Date(Date.UTC(2026, 9, 5, 12));
    expect(formatDate(d, 'pt-BR')).toBe('05/10/2026');
    expect(formatDate(d, 'en')).toBe('10/05/2026');
    expect(formatDate(BigInt(d.getTime() / 1000), 'pt-BR')).toBe('05/10/2026');
  });
  it('dates are the calendar day in Brasília by default, not in UTC', () => {
    // 01:30 UTC on 2 December is 22:30 on 1 December in São Paulo (UTC−3).
    const lateEvening = new Date('2026-12-02T01:30:00Z');
    expect(formatDate(lateEvening, 'pt-BR')).toBe('01/12/2026');
    expect(formatDate(lateEvening, 'en')).toBe('12/01/2026');
    expect(formatDate(BigInt(lateEvening.getTime() / 1000), 'pt-BR')).toBe('01/12/2026');
    // Just after midnight UTC on New Year's Day is still the old year in Brasília.
    const newYear = new Date('2027-01-01T00:05:00Z');
    expect(formatDate(newYear, 'pt-BR')).toBe('31/12/2026');
    expect(formatDate(newYear, 'en')).toBe('12/31/2026');
    // 03:00 UTC is midnight in Brasília: the new day has begun.
    expect(formatDate(new Date('2026-12-02T03:00:00Z'), 'pt-BR')).toBe('02/12/2026');
  });
  it('dates in the zone a community names', () => {
    const d = new Date('2026-12-02T01:30:00Z');
    expect(formatDate(d, 'pt-BR', 'UTC')).toBe('02/12/2026');
    expect(formatDate(d, 'en', 'UTC')).toBe('12/02/2026');
    // Manaus (UTC−4) and Fernando de Noronha (UTC−2).
    expect(formatDate(new Date('2026-12-02T03:30:00Z'), 'pt-BR', 'America/Manaus')).toBe('01/12/2026');
    expect(formatDate(new Date('2026-12-02T03:30:00Z'), 'pt-BR', 'America/Noronha')).toBe('02/12/2026');
  });
  it('kWp', () => {
    expect(formatKwp(30_000, 'pt-BR')).toBe('30 kWp');
    expect(formatKwp(7_550, 'pt-BR')).toBe('7,55 kWp');
    expect(formatKwp(7_550, 'en')).toBe('7.55 kWp');
  });
});
