import { describe, expect, it } from 'vitest';
import { parseReadingKwh, parseReadingsCsv, readingFieldText, type MemberRef } from './parseReadings.ts';

const members: MemberRef[] = [
  { id: 0, label: 'Apto 101', uc: '0012345601', active: true },
  { id: 1, label: 'Apto 102', uc: '0012345602', active: true },
  { id: 2, label: 'Apto 201', active: true },
  { id: 3, label: 'Antigo', active: false },
];

describe('parseReadingKwh', () => {
  it.each([
    ['500', 500_000n],
    ['1.234,5', 1_234_500n],
    ['1234,5', 1_234_500n],
    ['12.5', 12_500n],
    ['12.345', 12_345_000n],
    ['1.234.567,891', 1_234_567_891n],
    ['0,001', 1n],
    [' 350 kWh', 350_000n],
    ['2,500', 2_500n],
    ['0', 0n], // a reading may be zero
    ['1,234.5', 1_234_500n], // both separators: the last one is the decimal, as in every kWh field
  ])('%s → %s Wh', (text, wh) => {
    expect(parseReadingKwh(text)).toEqual({ ok: true, wh });
  });
  it.each([
    ['', 'empty'],
    ['abc', 'notANumber'],
    ['1,2,3', 'notANumber'],
    ['12.34.5', 'notANumber'],
    ['-5', 'negative'],
    ['1,2345', 'tooManyDecimals'],
    ['0.0001', 'tooManyDecimals'],
  ])('%s is refused (%s)', (text, problem) => {
    expect(parseReadingKwh(text)).toEqual({ ok: false, problem });
  });
});

describe('parseReadingsCsv', () => {
  it('a good Brazilian file (semicolons, decimal commas, plant row, UC or label)', async () => {
    const csv = 'uc_ou_rotulo;consumo_kwh\nusina;3.600\n0012345601;500\nApto 102;350,5\napto 201;1.234,567\n';
    const r = await parseReadingsCsv(csv, members);
    expect(r.ok).toBe(true);
    expect(r.generationWh).toBe(3_600_000n);
    expect(r.readings.map((x) => [x.memberId, x.wh, x.line])).toEqual([
      [0, 500_000n, 3],
      [1, 350_500n, 4],
      [2, 1_234_567n, 5],
    ]);
  });

  it('commas as delimiter and English headers', async () => {
    const csv = 'label,consumed_kwh\r\nplant,3600.5\r\nApto 101,500\r\nApto 102,"350,5"\r\nApto 201,600.25\r\n';
    const r = await parseReadingsCsv(csv, members);
    expect(r.ok).toBe(true);
    expect(r.generationWh).toBe(3_600_500n);
    expect(r.readings.map((x) => x.wh)).toEqual([500_000n, 350_500n, 600_250n]);
  });

  it.each([
    ['rotulo;kwh', 'Apto 101;1'],
    ['UC;Consumo', 'Apto 101;1'],
    ['Rótulo;Consumo (kWh)', 'Apto 101;1'],
  ])('header variant %s', async (header, first) => {
    const r = await parseReadingsCsv(`${header}\n${first}\nApto 102;2\nApto 201;3\ngeração;10`, members);
    expect(r.ok).toBe(true);
    expect(r.generationWh).toBe(10_000n);
  });

  it('every bad line is reported with its line number, and nothing is returned as good', async () => {
    const csv = [
      'uc;consumo', // 1
      'usina;3600', // 2
      'Apto 101;-5', // 3 negative
      'Apto 101;10', // 4 duplicate
      'Apto 999;10', // 5 unknown
      'Apto 102;dez', // 6 not a number
      'Apto 201;1,23456', // 7 too many decimals
      'Antigo;3', // 8 inactive
      'usina;1', // 9 duplicate plant
    ].join('\n');
    const r = await parseReadingsCsv(csv, members);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'negative'],
      [4, 'duplicate'],
      [5, 'unknownMember'],
      [6, 'notANumber'],
      [7, 'tooManyDecimals'],
      [8, 'inactiveMember'],
      [9, 'duplicatePlant'],
    ]);
  });

  it('a member with no line is reported by name; blank lines keep the numbering', async () => {
    const r = await parseReadingsCsv('uc;kwh\n\nApto 101;1\n\nApto 999;2\n', members);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 5, code: 'unknownMember', key: 'Apto 999' },
      { line: null, code: 'missingMember', key: 'Apto 102' },
      { line: null, code: 'missingMember', key: 'Apto 201' },
    ]);
  });

  it('a file without recognizable columns', async () => {
    const r = await parseReadingsCsv('foo;bar\n1;2', members);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 1, code: 'noHeader' });
  });
});

describe('readingFieldText (a CSV value shown in its field)', () => {
  it.each([
    [3_450_500n, 'pt-BR', '3.450,5'],
    [3_450_000n, 'pt-BR', '3.450'],
    [1_234_567_891n, 'pt-BR', '1.234.567,891'],
    [500n, 'pt-BR', '0,5'],
    [0n, 'pt-BR', '0'],
    [3_450_500n, 'en', '3,450.5'],
    [1_234_567_000n, 'en', '1,234,567'],
    [3_450_000n, 'en', '3450'], // "3,450" would read as 3,45 kWh: shown without grouping
    [120_250n, 'en', '120.25'],
  ] as const)('%s Wh in %s → %s, and back to the same Wh', (wh, lang, text) => {
    expect(readingFieldText(wh, lang)).toBe(text);
    expect(parseReadingKwh(text, lang)).toEqual({ ok: true, wh });
  });
});
