/** Billing cycles are YYYYMM integers (202610 = October 2026). */

/** The years the contracts accept (CycleLib.MIN_YEAR / MAX_YEAR): cycles and Fio B steps alike. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2200;

export function isValidCycle(cycle: number): boolean {
  if (!Number.isInteger(cycle)) return false;
  const year = Math.floor(cycle / 100);
  const month = cycle % 100;
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
}

/** Adds `n` months (n may be negative). */
export function addCycles(cycle: number, n: number): number {
  if (!isValidCycle(cycle)) throw new RangeError(`invalid cycle ${cycle}`);
  const idx = Math.floor(cycle / 100) * 12 + (cycle % 100) - 1 + n;
  return Math.floor(idx / 12) * 100 + (idx % 12) + 1;
}

/** Number of months from `a` to `b` (b − a). */
export function cyclesBetween(a: number, b: number): number {
  const ia = Math.floor(a / 100) * 12 + (a % 100);
  const ib = Math.floor(b / 100) * 12 + (b % 100);
  return ib - ia;
}

/** Parses "10/2026" or "2026-10" into 202610; undefined when invalid. */
export function parseCycle(text: string): number | undefined {
  const t = text.trim();
  const m1 = /^(\d{1,2})\/(\d{4})$/.exec(t);
  const m2 = /^(\d{4})-(\d{1,2})$/.exec(t);
  const [year, month] = m1 ? [Number(m1[2]), Number(m1[1])] : m2 ? [Number(m2[1]), Number(m2[2])] : [NaN, NaN];
  const c = year * 100 + month;
  return isValidCycle(c) ? c : undefined;
}
