/**
 * CSV export of history rows. pt-BR: `;` separator and decimal comma (what a Brazilian
 * spreadsheet opens as numbers); en: `,` and a decimal point. Quoting per RFC 4180; text that a
 * spreadsheet would run as a formula is prefixed with an apostrophe.
 */
import type { Lang } from '../format.ts';
import { decimalSeparator } from '../format.ts';
import { adjustReasonPhrase } from '../adjust-reasons.ts';
import { poolReasonPhrase } from '../pool-reasons.ts';
import type { HistoryKind, HistoryRow } from './rows.ts';

export interface CsvLabels {
  header: readonly string[];
  kind: (k: HistoryKind) => string;
  /** A counterparty by name (their label, or "membro nº 5" when unknown); the id alone without it. */
  counterparty?: (id: number) => string;
  /** An order in words ("venda nº 1"); "#1 sell" without it. */
  order?: (side: 'buy' | 'sell' | undefined, id: string) => string;
  /** The payment token's decimals, for the money column (left empty while unknown). */
  tokenDecimals?: number;
}

/** Token base units → whole tokens with 2 to `decimals` decimals, no grouping: "27,00" / "0.455". */
export function csvMoney(units: string | undefined, decimals: number | undefined, lang: Lang): string {
  if (units === undefined || units === '' || decimals === undefined) return '';
  const v = BigInt(units);
  const abs = v < 0n ? -v : v;
  const unit = 10n ** BigInt(decimals);
  let frac = decimals > 0 ? (abs % unit).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  if (decimals >= 2 && frac.length < 2) frac = frac.padEnd(2, '0');
  return `${v < 0n ? '-' : ''}${abs / unit}${frac ? decimalSeparator(lang) + frac : ''}`;
}

/** Wh (signed decimal string) → kWh with up to 3 decimals, no grouping: "-1234,5" / "-1234.5". */
export function csvKwh(wh: string | undefined, lang: Lang): string {
  if (wh === undefined || wh === '') return '';
  const v = BigInt(wh);
  const abs = v < 0n ? -v : v;
  const frac = (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${v < 0n ? '-' : ''}${abs / 1000n}${frac ? decimalSeparator(lang) + frac : ''}`;
}

export function csvField(v: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return safe.includes(sep) || safe.includes('"') || safe.includes('\n') || safe.includes('\r') ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvCycle(cycle: number | undefined): string {
  return cycle ? `${String(cycle % 100).padStart(2, '0')}/${Math.floor(cycle / 100)}` : '';
}

/** Columns: block, transaction, kind, cycle, kWh (signed), balance kWh, money (the row's token amount), counterparty, detail. */
export function historyCsv(rows: readonly HistoryRow[], lang: Lang, labels: CsvLabels): string {
  const sep = lang === 'pt-BR' ? ';' : ',';
  const lines = [labels.header.map((h) => csvField(h, sep)).join(sep)];
  for (const r of rows) {
    const detail =
      r.label ??
      (r.kind === 'pool-assigned' ? poolReasonPhrase(r.reason ?? 'unknown', lang) : undefined) ??
      (r.kind === 'adjusted' ? `${adjustReasonPhrase(r.adjustReason ?? 'unknown', lang)}${r.by ? ` · ${r.by}` : ''}` : undefined) ??
      (r.orderId !== undefined
        ? labels.order
          ? labels.order(r.side, r.orderId)
          : `#${r.orderId}${r.side ? ` ${r.side}` : ''}`
        : r.sharePpm !== undefined
          ? String(r.sharePpm)
          : r.active !== undefined
            ? String(r.active)
            : '');
    lines.push(
      [
        String(r.block),
        r.txHash,
        labels.kind(r.kind),
        csvCycle(r.cycle),
        csvKwh(r.amountWh, lang),
        csvKwh(r.balanceWh, lang),
        r.tokenAmount !== undefined && r.tokenAmount !== '0' ? csvMoney(r.tokenAmount, labels.tokenDecimals, lang) : '',
        r.counterpartyId !== undefined ? (labels.counterparty?.(r.counterpartyId) ?? String(r.counterpartyId)) : '',
        detail,
      ]
        .map((f) => csvField(f, sep))
        .join(sep),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
