/**
 * Monthly readings from a CSV (or the form): pure parsing and validation, no I/O.
 * kWh text in Brazilian or plain format → Wh integers (at most 3 decimals, i.e. whole Wh).
 */

import { parseDecimal } from '../../../lib/amounts.ts';
import { formatKwhNumber, type Lang } from '../../../lib/format.ts';

export type NumberProblem = 'empty' | 'notANumber' | 'negative' | 'tooManyDecimals' | 'tooLarge';
export type NumberResult = { ok: true; wh: bigint } | { ok: false; problem: NumberProblem };

/** Largest value postReadings/postGeneration accept (uint64). */
const MAX_WH = 2n ** 64n - 1n;

/**
 * A reading in kWh (the form's field or a CSV cell) → Wh: the same rules as every kWh field of the
 * app (app/lib/amounts.ts: "1.234,5", "1234,5", "12.5", "12.345" = twelve thousand…, at most 3
 * decimals), except that a reading may be zero (an empty flat consumed nothing).
 */
export function parseReadingKwh(text: string, lang: Lang = 'pt-BR'): NumberResult {
  const r = parseDecimal(text.replace(/kwh$/i, ''), 3, lang, MAX_WH, { allowZero: true });
  if (r.ok) return { ok: true, wh: r.value };
  return { ok: false, problem: NUMBER_PROBLEMS.includes(r.problem as NumberProblem) ? (r.problem as NumberProblem) : 'notANumber' };
}

const NUMBER_PROBLEMS: readonly NumberProblem[] = ['empty', 'notANumber', 'negative', 'tooManyDecimals', 'tooLarge'];

export interface MemberRef {
  id: number;
  label: string;
  /** The UC number from the manager's local directory, when known. */
  uc?: string;
  active: boolean;
}

export type ReadingErrorCode =
  NumberProblem | 'noHeader' | 'unknownMember' | 'inactiveMember' | 'duplicate' | 'duplicatePlant' | 'missingValue' | 'missingMember' | 'missingPlant';

export interface ReadingError {
  /** 1-based line of the file; null for problems of the whole file (a member with no line). */
  line: number | null;
  code: ReadingErrorCode;
  /** The key as written in the file, or the member's label for missingMember. */
  key: string;
}

export interface ReadingLine {
  memberId: number;
  wh: bigint;
  line: number;
}

export type ParseResult =
  | { ok: true; generationWh: bigint | null; readings: ReadingLine[] }
  | { ok: false; errors: ReadingError[]; generationWh: bigint | null; readings: ReadingLine[] };

/** Lower case, no accents, no surrounding spaces, inner spaces/dashes collapsed to "_". */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');
}

const KEY_HEADERS = ['uc_ou_rotulo', 'uc_or_label', 'uc', 'label', 'rotulo', 'unidade', 'unit', 'member', 'membro', 'nome', 'name'];
const VALUE_HEADERS = ['consumo_kwh', 'consumed_kwh', 'consumo', 'consumption', 'consumption_kwh', 'kwh', 'leitura', 'reading', 'valor', 'value'];
const PLANT_KEYS = ['usina', 'plant', 'geracao', 'generation', 'geracao_kwh', 'generated_kwh'];

function findColumn(header: string[], names: string[], fuzzy: RegExp): number {
  const norm = header.map(normalizeName);
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return norm.findIndex((h) => fuzzy.test(h));
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

/** Validates rows (already split by a CSV parser; index 0 = line 1). Nothing partial: ok only when every line is good. */
export function validateReadingRows(rows: readonly (readonly string[])[], members: readonly MemberRef[]): ParseResult {
  const errors: ReadingError[] = [];
  const readings: ReadingLine[] = [];
  let generationWh: bigint | null = null;
  let plantLine = 0;

  const headerIdx = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIdx < 0) return { ok: false, errors: [{ line: null, code: 'noHeader', key: '' }], generationWh, readings };
  const header = rows[headerIdx]!.map(String);
  const keyCol = findColumn(header, KEY_HEADERS, /uc|rotulo|label/);
  const valCol = findColumn(header, VALUE_HEADERS, /kwh|consum/);
  if (keyCol < 0 || valCol < 0 || keyCol === valCol) {
    return { ok: false, errors: [{ line: headerIdx + 1, code: 'noHeader', key: header.join(' ') }], generationWh, readings };
  }

  const byLabel = new Map<string, MemberRef>();
  const byUc = new Map<string, MemberRef>();
  for (const m of members) {
    byLabel.set(normalizeName(m.label), m);
    if (m.uc && digitsOnly(m.uc) !== '') byUc.set(digitsOnly(m.uc), m);
  }
  const seen = new Map<number, number>();

  for (let i = headerIdx + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    if (row.every((c) => c.trim() === '')) continue;
    const key = (row[keyCol] ?? '').trim();
    const value = row[valCol] ?? '';
    const nk = normalizeName(key);
    const num = parseReadingKwh(value);
    if (PLANT_KEYS.includes(nk)) {
      if (plantLine) errors.push({ line, code: 'duplicatePlant', key });
      else if (!num.ok) errors.push({ line, code: num.problem === 'empty' ? 'missingValue' : num.problem, key });
      else generationWh = num.wh;
      plantLine = plantLine || line;
      continue;
    }
    const member = byLabel.get(nk) ?? (digitsOnly(key) !== '' && /^[\d.\-/\s]+$/.test(key) ? byUc.get(digitsOnly(key)) : undefined);
    if (!member) {
      errors.push({ line, code: 'unknownMember', key });
      continue;
    }
    if (!member.active) {
      errors.push({ line, code: 'inactiveMember', key });
      continue;
    }
    if (seen.has(member.id)) {
      errors.push({ line, code: 'duplicate', key });
      continue;
    }
    seen.set(member.id, line);
    if (!num.ok) {
      errors.push({ line, code: num.problem === 'empty' ? 'missingValue' : num.problem, key });
      continue;
    }
    readings.push({ memberId: member.id, wh: num.wh, line });
  }
  for (const m of members) {
    if (m.active && !seen.has(m.id)) errors.push({ line: null, code: 'missingMember', key: m.label });
  }
  return errors.length ? { ok: false, errors, generationWh, readings } : { ok: true, generationWh, readings };
}

/** Splits CSV text with papaparse (loaded on demand): `;`, `,` or tab, quoted fields, BOM. */
export async function splitCsv(text: string): Promise<string[][]> {
  const { default: Papa } = await import('papaparse');
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  // A header with ";" decides it (Brazilian spreadsheets); otherwise let papaparse guess.
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : firstLine.includes(',') ? ',' : '';
  const out = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false, header: false });
  return out.data.map((r) => r.map((c) => String(c ?? '')));
}

/** Splits and validates a CSV file's text. */
export async function parseReadingsCsv(text: string, members: readonly MemberRef[]): Promise<ParseResult> {
  return validateReadingRows(await splitCsv(text), members);
}

/**
 * Wh → the text a reading field shows after a CSV is loaded: grouped as the person reads it
 * ("3.450,5" in pt-BR, "3,450.5" in English) and parsed back by parseReadingKwh to the same Wh. Where
 * the grouped text would read otherwise ("3,450" is 3,45 kWh for the app's Brazilian-first rules),
 * the digits are shown without grouping.
 */
export function readingFieldText(wh: bigint, lang: Lang): string {
  const grouped = formatKwhNumber(wh, lang);
  const back = parseReadingKwh(grouped, lang);
  if (back.ok && back.wh === wh) return grouped;
  return formatKwhNumber(wh, lang).replace(lang === 'pt-BR' ? /\./g : /,/g, '');
}
