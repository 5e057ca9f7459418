import type { Lang } from './format.ts';

const rules: Record<Lang, Intl.PluralRules> = { 'pt-BR': new Intl.PluralRules('pt-BR'), en: new Intl.PluralRules('en-US') };

/**
 * The form of a word for `n`, by the language's plural rules (CLDR, via Intl.PluralRules):
 * plural('pt-BR', 2, { one: 'leitura', other: 'leituras' }) → "leituras". In Portuguese 0 and 1
 * take the singular ("0 leitura", "1 leitura"); in English only 1 does.
 */
export function plural(lang: Lang, n: number | bigint, forms: { one: string; other: string }): string {
  return rules[lang].select(Number(n)) === 'one' ? forms.one : forms.other;
}
