/**
 * Why the manager gave credits from the solidarity pool. No personal data goes on-chain: the reason
 * is one of a short fixed list, recorded as keccak256 of a canonical code string, so any app can map
 * the hash back to its plain label. A hash not in the list (an older app, a script, zero) reads as
 * "a reason recorded by the manager".
 */
import { keccak256, stringToHex, type Hex } from 'viem';
import type { Lang } from './format.ts';

export const POOL_REASONS = ['social-tariff', 'expiring-credits', 'temporary-help', 'other'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];
/** What a history row carries: a known reason, or 'unknown' for any other hash. */
export type PoolReasonOrUnknown = PoolReason | 'unknown';

/** The canonical string hashed on-chain ("compartilha:pool-reason:social-tariff"). */
export function poolReasonString(code: PoolReason): string {
  return `compartilha:pool-reason:${code}`;
}

export function poolReasonHash(code: PoolReason): Hex {
  return keccak256(stringToHex(poolReasonString(code)));
}

const BY_HASH: ReadonlyMap<string, PoolReason> = new Map(POOL_REASONS.map((c) => [poolReasonHash(c), c]));

/** The reason a `reasonHash` stands for (any letter case), or 'unknown'. */
export function poolReasonOf(hash: string): PoolReasonOrUnknown {
  return BY_HASH.get(hash.toLowerCase()) ?? 'unknown';
}

/** The reasons' words, in both languages (small: shared by the console and the history). */
const LABELS: Record<Lang, Record<PoolReasonOrUnknown, string>> = {
  'pt-BR': {
    'social-tariff': 'tarifa social',
    'expiring-credits': 'créditos a vencer',
    'temporary-help': 'ajuda temporária',
    other: 'outro',
    unknown: 'motivo registrado pelo gestor',
  },
  en: {
    'social-tariff': 'social tariff',
    'expiring-credits': 'credits about to expire',
    'temporary-help': 'temporary help',
    other: 'other',
    unknown: 'reason recorded by the manager',
  },
};

export function poolReasonLabel(reason: PoolReasonOrUnknown, lang: Lang): string {
  return LABELS[lang][reason];
}

/** "motivo: tarifa social", or "motivo registrado pelo gestor" for an unknown hash. */
export function poolReasonPhrase(reason: PoolReasonOrUnknown, lang: Lang): string {
  if (reason === 'unknown') return LABELS[lang].unknown;
  return `${lang === 'en' ? 'reason' : 'motivo'}: ${LABELS[lang][reason]}`;
}
