import { describe, expect, it } from 'vitest';
import { formatMoney, formatPricePerKwh, isReaisToken, priceUnit, unitsToNumber } from './money.ts';
import { plural } from './plural.ts';
import { formatBrl } from './format.ts';

const dBRL = { symbol: 'dBRL', decimals: 18 };
const usdc = { symbol: 'USDC', decimals: 6 };
const E18 = 10n ** 18n;

describe('isReaisToken', () => {
  it('a symbol with BRL, BRZ or REAL stands for reais', () => {
    for (const s of ['dBRL', 'BRLA', 'BRZ', 'cREAL', 'brl']) expect(isReaisToken(s)).toBe(true);
    for (const s of ['USDC', 'DAI', 'EURe', '']) expect(isReaisToken(s)).toBe(false);
  });
});

describe('formatMoney', () => {
  it('a reais token reads as R$, in the same style as formatBrl in each language', () => {
    expect(formatMoney(1000n * E18, dBRL, 'pt-BR')).toBe('R$ 1.000,00');
    expect(formatMoney(1000n * E18, dBRL, 'en')).toBe('R$1,000.00');
    expect(formatMoney(27n * E18, dBRL, 'pt-BR')).toBe(formatBrl(27_000_000n, 'pt-BR'));
    expect(formatMoney(8072n * 10n ** 16n, dBRL, 'en')).toBe(formatBrl(80_720_000n, 'en'));
  });
  it('keeps sub-centavo digits up to 4 decimals, truncated', () => {
    expect(formatMoney(455n * 10n ** 15n, dBRL, 'pt-BR')).toBe('R$ 0,455');
    expect(formatMoney(123456789n * 10n ** 10n, dBRL, 'pt-BR')).toBe('R$ 1,2345');
  });
  it('another token keeps its symbol after the number', () => {
    expect(formatMoney(1_000_000_000n, usdc, 'pt-BR')).toBe('1.000,00 USDC');
    expect(formatMoney(1_500_000n, usdc, 'en')).toBe('1.50 USDC');
  });
  it('negative amounts carry the sign before the currency', () => {
    expect(formatMoney(-27n * E18, dBRL, 'pt-BR')).toBe('-R$ 27,00');
  });
});

describe('formatPricePerKwh', () => {
  it('R$/kWh in one style per language, never base units', () => {
    expect(formatPricePerKwh(45n * 10n ** 16n, dBRL, 'pt-BR')).toBe('R$ 0,45/kWh');
    expect(formatPricePerKwh(45n * 10n ** 16n, dBRL, 'en')).toBe('R$0.45/kWh');
    expect(formatPricePerKwh(450_000n, usdc, 'en')).toBe('0.45 USDC/kWh');
  });
  it('the column unit', () => {
    expect(priceUnit(dBRL)).toBe('R$/kWh');
    expect(priceUnit(usdc)).toBe('USDC/kWh');
  });
});

describe('unitsToNumber', () => {
  it('whole tokens as a number for plotting', () => {
    expect(unitsToNumber(45n * 10n ** 16n, 18)).toBeCloseTo(0.45, 12);
    expect(unitsToNumber(1234n * E18 + 5n * 10n ** 17n, 18)).toBeCloseTo(1234.5, 9);
    expect(unitsToNumber(0n, 0)).toBe(0);
  });
});

describe('plural', () => {
  it('Portuguese: 0 and 1 singular, 2+ plural', () => {
    const f = { one: 'leitura', other: 'leituras' };
    expect(plural('pt-BR', 1, f)).toBe('leitura');
    expect(plural('pt-BR', 0, f)).toBe('leitura');
    expect(plural('pt-BR', 2, f)).toBe('leituras');
    expect(plural('pt-BR', 1000n, f)).toBe('leituras');
  });
  it('English: only 1 singular', () => {
    const f = { one: 'problem', other: 'problems' };
    expect(plural('en', 1, f)).toBe('problem');
    expect(plural('en', 0, f)).toBe('problems');
    expect(plural('en', 3, f)).toBe('problems');
  });
});
