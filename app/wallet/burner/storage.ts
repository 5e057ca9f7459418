/** Tiny, key-free helpers for the demo wallet: safe to keep in the first-load bundle. */
export { BURNER_RDNS } from '../rdns.ts';
export const BURNER_NAME = 'Carteira de demonstração';
export const BURNER_STORAGE_KEY = 'compartilha.burner';
export const BURNER_ACCOUNTS = 7;

/** The demo account index remembered in localStorage, if any. */
export function storedBurnerIndex(): number | undefined {
  try {
    const v = globalThis.localStorage?.getItem(BURNER_STORAGE_KEY);
    if (v === null || v === undefined) return undefined;
    const i = Number(v);
    return Number.isInteger(i) && i >= 0 && i < BURNER_ACCOUNTS ? i : undefined;
  } catch {
    return undefined;
  }
}

export function rememberBurner(index: number): void {
  try {
    globalThis.localStorage?.setItem(BURNER_STORAGE_KEY, String(index));
  } catch {
    /* private mode: not remembered */
  }
}

export function forgetBurner(): void {
  try {
    globalThis.localStorage?.removeItem(BURNER_STORAGE_KEY);
  } catch {
    /* ignore */
  }
}
