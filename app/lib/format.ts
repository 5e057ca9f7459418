/**
 * Formatting at the edge. Every input is an integer (bigint or safe integer number);
 * arithmetic is done with bigint and Intl only groups whole integers.
 */
export type Lang = 'pt-BR' | 'en';

type IntLike = bigint | number;

function big(v: IntLike): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer: ${v}`);
  return BigInt(v);
}

const groupers: Record<Lang, Intl.NumberFormat> = {
  'pt-BR': new Intl.NumberFormat('pt-BR', { useGrouping: true }),
  en: new Intl.NumberFormat('en-US', { useGrouping: true }),
};

const decimalSep: Record<Lang, string> = { 'pt-BR': ',', en: '.' };

/** The decimal separator a person of `lang` reads and types: "," in pt-BR, "." in English. */
export function decimalSeparator(lang: Lang): string {
  return decimalSep[lang];
}

/** Groups a non-negative integer: 1234567n → "1.234.567" (pt-BR) / "1,234,567" (en). */
export function groupInt(v: bigint, lang: Lang): string {
  return groupers[lang].format(v);
}

/** Fixed-point integer `value / 10^scale`, with up to `maxDecimals` decimals (truncated) and trailing zeros trimmed. */
function fixedTrimmed(value: bigint, scale: number, maxDecimals: number, lang: Lang): string {
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const unit = 10n ** BigInt(scale);
  const intPart = abs / unit;
  let frac = (abs % unit).toString().padStart(scale, '0').slice(0, maxDecimals);
  frac = frac.replace(/0+$/, '');
  const body = groupInt(intPart, lang) + (frac ? decimalSep[lang] + frac : '');
  return (neg && (intPart > 0n || frac) ? '-' : '') + body;
}

/** Wh → kWh with up to 3 decimals (lossless), trailing zeros trimmed: 1234500 → "1.234,5 kWh". */
export function formatKwh(wh: IntLike, lang: Lang): string {
  return `${fixedTrimmed(big(wh), 3, 3, lang)} kWh`;
}

/** Wh → kWh number only (no unit). */
export function formatKwhNumber(wh: IntLike, lang: Lang): string {
  return fixedTrimmed(big(wh), 3, 3, lang);
}

/** Rounds micro-BRL to centavos, half up (away from zero for negatives). */
export function microBrlToCentavos(micro: IntLike): bigint {
  const m = big(micro);
  const neg = m < 0n;
  const abs = neg ? -m : m;
  const c = (abs + 5_000n) / 10_000n;
  return neg ? -c : c;
}

/** micro-BRL → "R$ 1.234,56" (pt-BR) / "R$1,234.56" (en). */
export function formatBrl(micro: IntLike, lang: Lang): string {
  const cents = microBrlToCentavos(micro);
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const body = `${groupInt(abs / 100n, lang)}${decimalSep[lang]}${(abs % 100n).toString().padStart(2, '0')}`;
  const sign = neg ? '-' : '';
  return lang === 'pt-BR' ? `${sign}R$ ${body}` : `${sign}R$${body}`;
}

/** ppm → "15 %" / "15,5 %" (pt-BR), "15%" / "15.5%" (en); up to 4 decimals (lossless). */
export function formatPpm(ppm: IntLike, lang: Lang): string {
  const n = fixedTrimmed(big(ppm), 4, 4, lang);
  return lang === 'pt-BR' ? `${n} %` : `${n}%`;
}

/** A tariff in micro-reais per kWh, exactly as recorded (up to 6 decimals, at least 2): 812_345 → "R$ 0,812345/kWh". */
export function formatTariff(micro: IntLike, lang: Lang): string {
  const v = big(micro);
  let body = fixedTrimmed(v, 6, 6, lang);
  const sep = decimalSep[lang];
  const frac = body.includes(sep) ? body.split(sep)[1]!.length : 0;
  if (frac < 2) body = `${body}${frac === 0 ? sep : ''}${'0'.repeat(2 - frac)}`;
  return lang === 'pt-BR' ? `R$ ${body}/kWh` : `R$${body}/kWh`;
}

/** W → "30 kWp" style (kW with up to 3 decimals). */
export function formatKwp(w: IntLike, lang: Lang): string {
  return `${fixedTrimmed(big(w), 3, 3, lang)} kWp`;
}

/** YYYYMM → "10/2026" (month/year in both languages). */
export function formatCycle(cycle: IntLike): string {
  const c = Number(big(cycle));
  const year = Math.floor(c / 100);
  const month = c % 100;
  return `${String(month).padStart(2, '0')}/${year}`;
}

/** The zone a resident's dates are read in, unless the community says otherwise. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in `timeZone`: { year, month (1-12), day }. */
export function dayInZone(date: Date, timeZone: string = DEFAULT_TIME_ZONE): { year: number; month: number; day: number } {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * A date → "dd/mm/aaaa" (pt-BR) or "mm/dd/yyyy" (en), as the calendar reads in `timeZone`
 * (Brasília by default: 2026-12-02T01:30Z is still 01/12/2026 there). Accepts unix seconds
 * (bigint/number) or a Date.
 */
export function formatDate(d: Date | IntLike, lang: Lang, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = d instanceof Date ? d : new Date(Number(big(d)) * 1000);
  const { year, month, day } = dayInZone(date, timeZone);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const yyyy = String(year);
  return lang === 'pt-BR' ? `${dd}/${mm}/${yyyy}` : `${mm}/${dd}/${yyyy}`;
}

/** 0x1234…abcd */
export function shortAddress(a: string): string {
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}

/** 20261215 → "15/12/2026" (the same in both languages: the date as the distributor's protocol shows it). */
export function formatFiledOn(filedOn: number): string {
  const y = Math.floor(filedOn / 10_000);
  const mo = Math.floor(filedOn / 100) % 100;
  const d = filedOn % 100;
  return `${String(d).padStart(2, '0')}/${String(mo).padStart(2, '0')}/${y}`;
}
