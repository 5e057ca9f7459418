import { describe, expect, it } from 'vitest';
import {
  checkRecipient,
  checkTokenCost,
  checkWithinBalance,
  formatTokenAmount,
  kwhAmbiguity,
  parseDecimal,
  parseKwhToWh,
  parsePricePerKwh,
  recipientChoices,
  tokenForWh,
} from './amounts.ts';

const wh = (s: string, lang: 'pt-BR' | 'en' = 'pt-BR') => parseKwhToWh(s, lang);

describe('parseKwhToWh', () => {
  it.each([
    ['12,5', 12_500n],
    ['1.234,5', 1_234_500n],
    ['1.234.567,891', 1_234_567_891n],
    ['12.5', 12_500n],
    ['0,001', 1n],
    ['0.001', 1n],
    ['1234', 1_234_000n],
    [' 7 kWh ', 7_000n],
    ['+3', 3_000n],
    [',5', 500n],
    ['1,500', 1_500n], // one comma: decimal, Brazilian first
    ['1.500', 1_500_000n], // pt-BR: a dot followed by three digits groups thousands
    ['0.500', 500n],
    ['2,50', 2_500n],
    ['2,5000', 2_500n], // trailing zeros are not extra precision
  ])('pt-BR %s → %s Wh', (text, expected) => {
    expect(wh(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,234.5', 1_234_500n],
    ['1.500', 1_500n],
    ['1,234,567', 1_234_567_000n],
  ])('en %s → %s Wh', (text, expected) => {
    expect(wh(text, 'en')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0', 'zero'],
    ['0,000', 'zero'],
    ['-0', 'zero'],
    ['-5', 'negative'],
    ['−2,5', 'negative'],
    ['-1,2345', 'negative'],
    ['abc', 'notANumber'],
    ['1,2,3', 'notANumber'], // several commas must be thousands groups
    ['1.23.4', 'notANumber'],
    ['12,5.3', 'notANumber'],
    ['1e3', 'notANumber'],
    ['12,', 'ok'],
    ['1,2345', 'tooManyDecimals'],
    ['0,0001', 'tooManyDecimals'],
    ['99999999999999999999', 'tooLarge'],
  ])('%j → %s', (text, problem) => {
    const r = wh(text);
    if (problem === 'ok') expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, problem });
  });

  it('reports the allowed decimals with tooManyDecimals', () => {
    expect(wh('1,2345')).toEqual({ ok: false, problem: 'tooManyDecimals', max: 3 });
  });
});

describe('parsePricePerKwh', () => {
  it('R$/kWh → token base units (6 and 18 decimals)', () => {
    expect(parsePricePerKwh('0,80', 6, 'pt-BR')).toEqual({ ok: true, value: 800_000n });
    expect(parsePricePerKwh('R$ 0,75', 18, 'pt-BR')).toEqual({ ok: true, value: 750_000_000_000_000_000n });
    expect(parsePricePerKwh('1.000,5', 2, 'pt-BR')).toEqual({ ok: true, value: 100_050n });
    expect(parsePricePerKwh('0.8', 6, 'en')).toEqual({ ok: true, value: 800_000n });
    expect(parsePricePerKwh('0,80 R$/kWh', 6, 'pt-BR')).toEqual({ ok: true, value: 800_000n });
  });
  it('refuses more decimals than the token has, zero and negative', () => {
    expect(parsePricePerKwh('0,805', 2, 'pt-BR')).toEqual({ ok: false, problem: 'tooManyDecimals', max: 2 });
    expect(parsePricePerKwh('0', 6, 'pt-BR')).toMatchObject({ ok: false, problem: 'zero' });
    expect(parsePricePerKwh('-0,8', 6, 'pt-BR')).toMatchObject({ ok: false, problem: 'negative' });
  });
  it('parseDecimal with 0 decimals takes integers only', () => {
    expect(parseDecimal('12', 0, 'pt-BR')).toEqual({ ok: true, value: 12n });
    expect(parseDecimal('12,5', 0, 'pt-BR')).toMatchObject({ ok: false, problem: 'tooManyDecimals' });
  });
});

describe('checks', () => {
  it('balance', () => {
    expect(checkWithinBalance(10n, 10n)).toEqual({ ok: true, value: 10n });
    expect(checkWithinBalance(11n, 10n)).toEqual({ ok: false, problem: 'overBalance' });
  });
  it('token cost against balance and allowance', () => {
    expect(checkTokenCost(5n, 10n)).toEqual({ ok: true, value: 5n });
    expect(checkTokenCost(11n, 10n)).toEqual({ ok: false, problem: 'overBalance' });
    expect(checkTokenCost(5n, 10n, 4n)).toEqual({ ok: false, problem: 'overAllowance' });
    expect(checkTokenCost(5n, 10n, 5n)).toEqual({ ok: true, value: 5n });
  });
  it('recipient: an active member other than me', () => {
    const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const members = [
      { id: 1, wallet: me, active: true },
      { id: 2, wallet: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', active: true },
      { id: 3, wallet: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', active: false },
    ];
    expect(checkRecipient(2, members, me.toLowerCase())).toMatchObject({ ok: true, value: { id: 2 } });
    expect(checkRecipient(1, members, me)).toEqual({ ok: false, problem: 'self' });
    expect(checkRecipient(3, members, me)).toEqual({ ok: false, problem: 'notMember' });
    expect(checkRecipient(9, members, me)).toEqual({ ok: false, problem: 'notMember' });
  });
});

describe('token amounts', () => {
  it('price × Wh / 1000, rounded down or up', () => {
    expect(tokenForWh(800_000n, 12_500n)).toBe(10_000_000n);
    expect(tokenForWh(3n, 1n)).toBe(0n);
    expect(tokenForWh(3n, 1n, true)).toBe(1n);
  });
  it('formats with at least 2 decimals', () => {
    expect(formatTokenAmount(1_234_560_000_000_000_000_000n, 18, 'pt-BR')).toBe('1.234,56');
    expect(formatTokenAmount(800_000n, 6, 'pt-BR')).toBe('0,80');
    expect(formatTokenAmount(805_000n, 6, 'en')).toBe('0.805');
    expect(formatTokenAmount(12n, 0, 'en')).toBe('12');
  });
});

describe('kwhAmbiguity', () => {
  it.each([
    // pt-BR: the dot is not the decimal separator, so one dot is asked about.
    ['1.5', 'pt-BR', 1_500n, '1,5', 15_000n, '15'],
    ['1.500', 'pt-BR', 1_500n, '1,500', 1_500_000n, '1500'],
    ['12.345 kWh', 'pt-BR', 12_345n, '12,345', 12_345_000n, '12345'],
    ['0.5', 'pt-BR', 500n, '0,5', 5_000n, '5'],
    ['.5', 'pt-BR', 500n, '0,5', 5_000n, '5'],
    // English mirrors it with the comma.
    ['1,5', 'en', 1_500n, '1.5', 15_000n, '15'],
    ['1,500', 'en', 1_500n, '1.500', 1_500_000n, '1500'],
  ] as const)('%s (%s): %s Wh ("%s") or %s Wh ("%s")', (text, lang, decimalWh, decimalText, wholeWh, wholeText) => {
    expect(kwhAmbiguity(text, lang)).toEqual({ decimalWh, decimalText, wholeWh, wholeText });
    // Each replacement text reads as exactly its value, without a second question.
    expect(parseKwhToWh(decimalText, lang)).toEqual({ ok: true, value: decimalWh });
    expect(parseKwhToWh(wholeText, lang)).toEqual({ ok: true, value: wholeWh });
    expect(kwhAmbiguity(decimalText, lang)).toBeNull();
    expect(kwhAmbiguity(wholeText, lang)).toBeNull();
  });

  it.each([
    ['1,5', 'pt-BR'], // the person's own decimal separator
    ['1.234,5', 'pt-BR'], // both separators: which is which is clear
    ['1.234.567', 'pt-BR'], // several dots only group
    ['12', 'pt-BR'],
    ['1.2345', 'pt-BR'], // 1,2345 has too many decimals: the parser refuses it as it is
    ['abc', 'pt-BR'],
    ['', 'pt-BR'],
    ['1.5', 'en'],
    ['1.500', 'en'],
    ['1,234.5', 'en'],
    ['1,234,567', 'en'],
    ['0,0', 'en'], // zero either way
  ] as const)('%s (%s) is not ambiguous', (text, lang) => {
    expect(kwhAmbiguity(text, lang)).toBeNull();
  });
});

describe('recipientChoices', () => {
  const m = (id: number, label: string, wallet: string, active = true) => ({ id, label, wallet, active });
  it('leaves out yourself and inactive members; numbers only members who share a label', () => {
    const me = '0xAa';
    const list = [m(1, 'Apto 101', '0xaa'), m(2, 'Apto 102', '0xbb'), m(3, 'Casa', '0xcc'), m(4, 'casa ', '0xdd'), m(5, 'Apto 301', '0xee', false)];
    expect(recipientChoices(list, me).map((c) => [c.member.id, c.sameLabel])).toEqual([
      [2, false],
      [3, true],
      [4, true],
    ]);
  });
  it('a label shared only with yourself is not numbered', () => {
    expect(recipientChoices([m(1, 'Casa', '0xaa'), m(2, 'Casa', '0xbb')], '0xaa').map((c) => [c.member.id, c.sameLabel])).toEqual([[2, false]]);
  });
});
