/**
 * Amounts typed by people, parsed into the integers the contracts take. Pure, no floating point.
 *
 * Accepted: "12,5" and "1.234,5" (pt-BR), "12.5" and "1,234.5" (en), "1234", "R$ 0,80", "12 kWh".
 * Rules for the separators, Brazilian first:
 *   - both ',' and '.': the last one is the decimal separator, the other groups thousands;
 *   - only ',': one comma is decimal ("12,5"); several group thousands ("1,234,567");
 *   - only '.': several group thousands ("1.234.567"); one dot is decimal ("12.5"), except in
 *     pt-BR when exactly three digits follow a non-zero integer part ("1.500" = mil e quinhentos).
 * Every refusal carries a code the UI translates (dict: amountProblems).
 */
import type { Lang } from './format.ts';
import { decimalSeparator, groupInt } from './format.ts';

export type AmountProblem =
  'empty' | 'zero' | 'negative' | 'notANumber' | 'tooManyDecimals' | 'tooLarge' | 'overBalance' | 'overAllowance' | 'notMember' | 'self';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: AmountProblem; max?: number };

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT128 = (1n << 128n) - 1n;

const GROUPED = /^\d{1,3}(\d{3})*$/;

function splitNumber(body: string, lang: Lang): { int: string; frac: string } | undefined {
  const lastComma = body.lastIndexOf(',');
  const lastDot = body.lastIndexOf('.');
  let decimalSep: ',' | '.' | undefined;
  let groupSep: ',' | '.' | undefined;
  if (lastComma >= 0 && lastDot >= 0) {
    decimalSep = lastComma > lastDot ? ',' : '.';
    groupSep = decimalSep === ',' ? '.' : ',';
  } else if (lastComma >= 0) {
    if (body.indexOf(',') !== lastComma) groupSep = ',';
    else decimalSep = ',';
  } else if (lastDot >= 0) {
    if (body.indexOf('.') !== lastDot) groupSep = '.';
    else {
      const [i = '', f = ''] = body.split('.');
      const looksGrouped = lang === 'pt-BR' && f.length === 3 && /^[1-9]\d{0,2}$/.test(i);
      if (looksGrouped) groupSep = '.';
      else decimalSep = '.';
    }
  }
  let intRaw = body;
  let frac = '';
  if (decimalSep) {
    const at = body.lastIndexOf(decimalSep);
    intRaw = body.slice(0, at);
    frac = body.slice(at + 1);
    if (frac.includes(decimalSep) || (groupSep && frac.includes(groupSep))) return undefined;
  }
  let int = intRaw;
  if (groupSep) {
    int = intRaw.split(groupSep).join('');
    if (!GROUPED.test(int) || !intRaw.split(groupSep).every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)))) {
      return undefined;
    }
  }
  if (int === '' && frac === '') return undefined;
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac)) return undefined;
  return { int: int || '0', frac };
}

/**
 * A decimal text → integer scaled by 10^decimals. Refuses empty, negative, zero, not a number, more
 * decimals than `decimals`, and more than `max`.
 */
export function parseDecimal(text: string, decimals: number, lang: Lang, max: bigint = MAX_UINT128, opts: { allowZero?: boolean } = {}): Parsed<bigint> {
  let s = text.replace(/[\s\u00a0\u202f]/g, '');
  s = s.replace(/^R\$/i, '').replace(/(R\$)?\/?kwh$/i, '');
  if (s === '') return { ok: false, problem: 'empty' };
  let negative = false;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  s = s.replace(/^R\$/i, '');
  const parts = splitNumber(s, lang);
  if (!parts) return { ok: false, problem: 'notANumber' };
  const frac = parts.frac.replace(/0+$/, '');
  if (negative && /[1-9]/.test(parts.int + frac)) return { ok: false, problem: 'negative' };
  if (frac.length > decimals) return { ok: false, problem: 'tooManyDecimals', max: decimals };
  const value = BigInt(parts.int) * 10n ** BigInt(decimals) + BigInt((frac || '0').padEnd(decimals, '0') || '0');
  if (value === 0n && !opts.allowZero) return { ok: false, problem: 'zero' };
  if (value > max) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value };
}

/** "12,5" kWh → 12_500n Wh (at most 3 decimals: 1 Wh). */
export function parseKwhToWh(text: string, lang: Lang): Parsed<bigint> {
  return parseDecimal(text, 3, lang, MAX_UINT64);
}

/** "0,80" R$/kWh → token base units per kWh (the token's decimals). */
export function parsePricePerKwh(text: string, tokenDecimals: number, lang: Lang): Parsed<bigint> {
  return parseDecimal(text, tokenDecimals, lang, MAX_UINT128);
}

/** Credits to give or sell: no more than the balance. */
export function checkWithinBalance(wh: bigint, balanceWh: bigint): Parsed<bigint> {
  return wh > balanceWh ? { ok: false, problem: 'overBalance' } : { ok: true, value: wh };
}

/**
 * Tokens a buy needs: no more than the balance; with `allowance` given (no permit: approve first
 * is not possible), no more than the allowance either.
 */
export function checkTokenCost(cost: bigint, balance: bigint, allowance?: bigint): Parsed<bigint> {
  if (cost > balance) return { ok: false, problem: 'overBalance' };
  if (allowance !== undefined && cost > allowance) return { ok: false, problem: 'overAllowance' };
  return { ok: true, value: cost };
}

export interface RecipientLike {
  id: number;
  wallet: string;
  active: boolean;
}

/** A donation's recipient: an active member, and not yourself. */
export function checkRecipient<R extends RecipientLike>(id: number, members: readonly R[], me: string): Parsed<R> {
  const r = members.find((m) => m.id === id);
  if (!r || !r.active) return { ok: false, problem: 'notMember' };
  if (r.wallet.toLowerCase() === me.toLowerCase()) return { ok: false, problem: 'self' };
  return { ok: true, value: r };
}

/**
 * Token amount for `wh` at `pricePerKwh` (token units per kWh). `roundUp` for what a buyer must
 * hold or escrow, down for what a seller is sure to receive.
 */
export function tokenForWh(pricePerKwh: bigint, wh: bigint, roundUp = false): bigint {
  const p = pricePerKwh * wh;
  return roundUp ? (p + 999n) / 1000n : p / 1000n;
}

/** Token base units → "1.234,56" (at least 2 decimals, at most `maxDecimals`, truncated). The number only: app/lib/money.ts adds R$ or the symbol. */
export function formatTokenAmount(units: bigint, decimals: number, lang: Lang, maxDecimals = 4): string {
  const unit = 10n ** BigInt(decimals);
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const int = abs / unit;
  let frac = decimals > 0 ? (abs % unit).toString().padStart(decimals, '0').slice(0, Math.min(decimals, maxDecimals)) : '';
  frac = frac.replace(/0+$/, '');
  if (frac.length < 2 && decimals >= 2) frac = frac.padEnd(2, '0');
  return `${neg ? '-' : ''}${groupInt(int, lang)}${frac ? decimalSeparator(lang) + frac : ''}`;
}

/** The two readings of an ambiguous kWh text, in Wh, each with a text that is no longer ambiguous. */
export interface KwhAmbiguity {
  /** The other separator read as the decimal separator: "1.5" → 1,5 kWh. */
  decimalWh: bigint;
  decimalText: string;
  /** The other separator read as grouping (or a slip): "1.500" → 1.500 kWh, "1.5" → 15 kWh. */
  wholeWh: bigint;
  wholeText: string;
}

/**
 * A kWh text that must be asked about, not guessed: exactly one separator that is NOT the
 * person's decimal separator ("." in pt-BR, "," in English) and no other. "1.5" and "1.500" typed
 * in pt-BR (a phone's keypad often offers only "."), "1,5" and "1,500" in English (a Brazilian
 * keypad's ","): decimal or thousands? Several such separators ("1.234.567") group thousands
 * without doubt, and a text with both separators says which is which. null when not ambiguous, or
 * when only one reading is a valid amount (then the parser's own answer stands).
 */
export function kwhAmbiguity(text: string, lang: Lang): KwhAmbiguity | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/kwh$/i, '');
  const mine = decimalSeparator(lang);
  const other = mine === ',' ? '.' : ',';
  if (s.includes(mine) || s.indexOf(other) < 0 || s.indexOf(other) !== s.lastIndexOf(other)) return null;
  const [int = '', frac = ''] = s.split(other);
  if (!/^\d*$/.test(int) || !/^\d+$/.test(frac)) return null;
  const decimalText = `${int || '0'}${mine}${frac}`;
  const wholeText = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  const decimal = parseKwhToWh(decimalText, lang);
  const whole = parseKwhToWh(wholeText, lang);
  if (!decimal.ok || !whole.ok || decimal.value === whole.value) return null;
  return { decimalWh: decimal.value, decimalText, wholeWh: whole.value, wholeText };
}

/**
 * The members a donation can go to, as the picker lists them: active ones, not yourself, each with
 * `sameLabel` true when another one in the list has the same label (then, and only then, the
 * picker adds the member's number to tell them apart).
 */
export function recipientChoices<R extends RecipientLike & { label: string }>(members: readonly R[], me: string): { member: R; sameLabel: boolean }[] {
  const list = members.filter((m) => m.active && m.wallet.toLowerCase() !== me.toLowerCase());
  const key = (m: R) => m.label.trim().toLowerCase();
  const count = new Map<string, number>();
  for (const m of list) count.set(key(m), (count.get(key(m)) ?? 0) + 1);
  return list.map((member) => ({ member, sameLabel: (count.get(key(member)) ?? 0) > 1 }));
}
