import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './dict.en.ts';
import { pt, type Dict } from './dict.pt.ts';
import type { Lang } from './format.ts';

export type { Dict, Lang };

export const dictionaries: Record<Lang, Dict> = { 'pt-BR': pt, en };

const STORAGE_KEY = 'compartilha.lang';

export function loadLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'pt-BR';
  } catch {
    return 'pt-BR';
  }
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
    setLang((l) => {
      const next: Lang = l === 'pt-BR' ? 'en' : 'pt-BR';
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        /* private mode: not persisted */
      }
      document.documentElement.lang = next;
      return next;
    });
  }, []);
  const value = useMemo(() => ({ lang, t: dictionaries[lang], toggle }), [lang, toggle]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
