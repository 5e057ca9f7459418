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

export interface TxEntry {
  id: string;
  chainId: number;
  label: TxText;
  state: TxState;
  hash?: Hex;
  /** A plain sentence (in both languages, or as it was written) when failed. */
  error?: TxText;
  at: number;
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
};
