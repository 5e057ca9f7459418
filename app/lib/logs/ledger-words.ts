/**
 * The words of the ledger rows a member checks against the bill (#13): an adjustment's reason and
 * who made it, a reading that a later one replaced. Pure: the history page and the CSV use it.
 */
import { adjustReasonPhrase } from '../adjust-reasons.ts';
import { shortAddress, type Lang } from '../format.ts';
import type { HistoryDict } from '../history-dict.ts';
import type { HistoryRow } from './rows.ts';

export type LedgerWords = Pick<HistoryDict, 'adjustedBy' | 'readingReplaced'>;

/** `reason` goes after the row's kind ("Ajuste de créditos — motivo: …"); `detail` under it. */
export function ledgerWords(r: HistoryRow, h: LedgerWords, lang: Lang, replaced: ReadonlySet<string>): { reason?: string; detail?: string } {
  switch (r.kind) {
    case 'adjusted':
      return {
        reason: adjustReasonPhrase(r.adjustReason ?? 'unknown', lang),
        ...(r.by !== undefined ? { detail: h.adjustedBy(shortAddress(r.by)) } : {}),
      };
    case 'reading':
      return replaced.has(r.id) ? { detail: h.readingReplaced } : {};
    default:
      return {};
  }
}
