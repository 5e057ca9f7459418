/** Formatting of a custom error's arguments inside its sentence (app/lib/errors.ts, errors.en.ts). */
import { formatCycle, formatKwh, formatPpm, shortAddress, type Lang } from './format.ts';

/** A contract error's sentence, from the error's decoded arguments. */
export type Sentence = (a: readonly unknown[]) => string;

export const n = (v: unknown): string => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : String(v ?? '?'));
export const cyc = (v: unknown): string => (typeof v === 'bigint' || typeof v === 'number' ? formatCycle(v) : n(v));
export const addr = (v: unknown): string => (typeof v === 'string' ? shortAddress(v) : n(v));
export const kwh = (v: unknown, lang: Lang): string => (typeof v === 'bigint' || typeof v === 'number' ? formatKwh(v, lang) : n(v));
export const pct = (v: unknown, lang: Lang): string => (typeof v === 'bigint' || typeof v === 'number' ? formatPpm(v, lang) : n(v));
