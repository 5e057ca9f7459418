/**
 * Why the manager adjusted a member's credits (`adjustCredits`). As with the pool's reasons, no
 * personal words go on-chain: the reason is one of a short fixed list, recorded as keccak256 of a
 * canonical code string, so every member's history can name it. A hash not in the list (an older
 * app's free text, a script, zero) reads as "a reason recorded by the manager (not in the list)".
 */
import { keccak256, stringToHex, type Hex } from 'viem';
import type { Lang } from './format.ts';

export const ADJUST_REASONS = ['bill-balance', 'bill-compensation', 'reading-correction', 'other'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];
/** What a history row carries: a known reason, or 'unknown' for any other hash. */
export type AdjustReasonOrUnknown = AdjustReason | 'unknown';

/** The canonical string hashed on-chain ("compartilha:adjust-reason:bill-balance"). */
export function adjustReasonString(code: AdjustReason): string {
  return `compartilha:adjust-reason:${code}`;
}

export function adjustReasonHash(code: AdjustReason): Hex {
  return keccak256(stringToHex(adjustReasonString(code)));
}

const BY_HASH: ReadonlyMap<string, AdjustReason> = new Map(ADJUST_REASONS.map((c) => [adjustReasonHash(c), c]));

/** The reason a `reasonHash` stands for (any letter case), or 'unknown'. */
export function adjustReasonOf(hash: string): AdjustReasonOrUnknown {
  return BY_HASH.get(hash.toLowerCase()) ?? 'unknown';
}

const LABELS: Record<Lang, Record<AdjustReasonOrUnknown, string>> = {
  'pt-BR': {
    'bill-balance': 'saldo de créditos da fatura da distribuidora',
    'bill-compensation': 'energia compensada na fatura da distribuidora',
    'reading-correction': 'correção de leitura',
    other: 'outro',
    unknown: 'motivo registrado pelo gestor (fora da lista)',
  },
  en: {
    'bill-balance': "credit balance on the distributor's bill",
    'bill-compensation': "energy compensated on the distributor's bill",
    'reading-correction': 'reading correction',
    other: 'other',
    unknown: 'reason recorded by the manager (not in the list)',
  },
};

export function adjustReasonLabel(reason: AdjustReasonOrUnknown, lang: Lang): string {
  return LABELS[lang][reason];
}

/** "motivo: correção de leitura", or "motivo registrado pelo gestor (fora da lista)". */
export function adjustReasonPhrase(reason: AdjustReasonOrUnknown, lang: Lang): string {
  if (reason === 'unknown') return LABELS[lang].unknown;
  return `${lang === 'en' ? 'reason' : 'motivo'}: ${LABELS[lang][reason]}`;
}
