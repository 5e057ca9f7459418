import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { pt, type Dict } from './dict.pt.ts';
import type { Lang } from './format.ts';

export type { Dict, Lang };

/** The dictionaries loaded so far: Portuguese is built in, English loads on demand (lang-en.ts). */
const loaded: { 'pt-BR': Dict; en?: Dict } = { 'pt-BR': pt };

/** The dictionary of `lang`, or Portuguese while it has not loaded. */
export function dictFor(lang: Lang): Dict {
  return loaded[lang] ?? pt;
}

/** Loads `lang`'s dictionary (a chunk of its own for English); rejects when it cannot be fetched. */
export async function loadDictionary(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  const m = await import('./lang-en.ts');
  m.install();
  loaded.en = m.en;
}

const STORAGE_KEY = 'compartilha.lang';

/** The language the resident chose last (pt-BR unless English was picked). */
export function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'pt-BR';
  } catch {
    return 'pt-BR';
  }
}

/** The language to start in: the stored one once its dictionary is here, Portuguese until then. */
export function loadLang(): Lang {
  const lang = storedLang();
  return loaded[lang] ? lang : 'pt-BR';
}

interface I18n {
  lang: Lang;
  t: Dict;
  toggle: () => void;
}

const I18nContext = createContext<I18n>({ lang: 'pt-BR', t: pt, toggle: () => {} });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(loadLang);
  const toggle = useCallback(() => {
    const next: Lang = lang === 'pt-BR' ? 'en' : 'pt-BR';
    // Offline with the chunk never kept: the page stays in the language it is in.
    loadDictionary(next).then(
      () => {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          /* private mode: not persisted */
        }
        document.documentElement.lang = next;
        setLang(next);
      },
      () => undefined,
    );
  }, [lang]);
  const value = useMemo(() => ({ lang, t: dictFor(lang), toggle }), [lang, toggle]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
