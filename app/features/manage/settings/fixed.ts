import { decimalSeparator } from '../../../lib/format.ts';
/** "0,800000" / "0.8" → 800 000 (scale 6). Positive, at most `decimals` decimals; null when invalid. */
export function parseFixed(text: string, decimals: number): bigint | null {
  const t = text.replace(/[\s\u00a0]/g, '').replace(/^R\$/i, '');
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(t);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) return null;
  return BigInt(m[1]!) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

/** 800 000 (scale 6) → "0,800000". */
export function formatFixed(v: bigint, decimals: number, lang: 'pt-BR' | 'en'): string {
  const unit = 10n ** BigInt(decimals);
  return `${v / unit}${decimalSeparator(lang)}${(v % unit).toString().padStart(decimals, '0')}`;
}
