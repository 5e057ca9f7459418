import type { Hex } from 'viem';
import type { Lang } from '../format.ts';

/**
 * Words stored with a transaction: one string (shown as it is, in the language it was sent in), or
 * the same words in both languages, so a row sent in Portuguese reads English after the switch.
 */
export type TxText = string | Readonly<Record<Lang, string>>;

/** The words of `t` in `lang` (a plain string is the same in both). */
export function txText(t: TxText, lang: Lang): string {
  return typeof t === 'string' ? t : t[lang];
}

/** Both languages' words from one builder: bothLangs((l) => d[l].cancelLabel(...)). */
export function bothLangs(build: (lang: Lang) => string): Readonly<Record<Lang, string>> {
  return { 'pt-BR': build('pt-BR'), en: build('en') };
}

/** One transaction the app sent (or is about to send), as the status list shows it. */
export type TxState = 'simulating' | 'signing' | 'pending' | 'confirmed' | 'failed';

/** What a write does, so the form that sends it can tell that one of its kind is still pending. */
export type TxKind = 'donate' | 'order' | 'cancel' | 'withdraw';

/** Who sent what where: a form finds "a donation of mine in this community is still pending". */
export interface TxMeta {
  kind: TxKind;
  /** The community (lower case) the write belongs to. */
  community: string;
  /** The account (lower case) that sent it. */
  account: string;
  /** The kWh it moves, in Wh (decimal string: JSON has no bigint), for "your donation of 2 kWh…". */
  wh?: string;
}

export interface TxEntry {
  id: string;
  chainId: number;
  label: TxText;
  state: TxState;
  hash?: Hex;
  /** A plain sentence (in both languages, or as it was written) when failed. */
  error?: TxText;
  at: number;
  meta?: TxMeta;
}

const STORAGE_KEY = 'compartilha.tx';
const KEEP = 20;

let entries: TxEntry[] = load();
const listeners = new Set<() => void>();

function load(): TxEntry[] {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((e): e is TxEntry => typeof e === 'object' && e !== null && typeof (e as TxEntry).id === 'string' && typeof (e as TxEntry).chainId === 'number')
      .map((e) =>
        // A transaction that never got a hash cannot be picked up again: the wallet did not send it.
        e.state === 'simulating' || e.state === 'signing' ? { ...e, state: 'failed' as const, error: e.error ?? '—' } : e,
      );
  } catch {
    return [];
  }
}

function persist() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(entries.slice(0, KEEP)));
  } catch {
    /* private mode: the list lives in memory only */
  }
}

function emit() {
  persist();
  for (const l of listeners) l();
}

export const txStore = {
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  snapshot(): readonly TxEntry[] {
    return entries;
  },
  add(e: Omit<TxEntry, 'id' | 'at'>): string {
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    entries = [{ ...e, id, at: Date.now() }, ...entries].slice(0, KEEP);
    emit();
    return id;
  },
  update(id: string, patch: Partial<Omit<TxEntry, 'id'>>): void {
    entries = entries.map((e) => (e.id === id ? { ...e, ...patch } : e));
    emit();
  },
  dismiss(id: string): void {
    entries = entries.filter((e) => e.id !== id);
    emit();
  },
  /** Sent but not yet confirmed, e.g. after a page reload. */
  pending(): TxEntry[] {
    return entries.filter((e) => e.state === 'pending' && e.hash);
  },
  /**
   * The newest write of `kind` by `account` in `community` that is still on its way (being signed,
   * or sent and not yet mined — including one picked up after a reload), or undefined.
   */
  inFlight(kind: TxKind, community: string, account: string): TxEntry | undefined {
    return findInFlight(entries, kind, community, account);
  },
};

export function findInFlight(list: readonly TxEntry[], kind: TxKind, community: string, account: string): TxEntry | undefined {
  const c = community.toLowerCase();
  const a = account.toLowerCase();
  return list.find(
    (e) =>
      e.meta?.kind === kind && e.meta.community === c && e.meta.account === a && (e.state === 'signing' || (e.state === 'pending' && e.hash !== undefined)),
  );
}

/** A write's meta with the addresses in lower case. */
export function txMeta(kind: TxKind, community: string, account: string, wh?: bigint): TxMeta {
  return { kind, community: community.toLowerCase(), account: account.toLowerCase(), ...(wh !== undefined && { wh: String(wh) }) };
}
