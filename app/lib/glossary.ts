import type { Lang } from './format.ts';

/**
 * The words of a bill that a resident may not know, each with one plain explanation, in both
 * languages (docs/domain.md §2.5, §2.7: Law 14.300/2022 and ANEEL REN 1.000).
 */
export const TERMS = ['compensated', 'minimum', 'fioB', 'gd1', 'gd2', 'kwp'] as const;
export type TermId = (typeof TERMS)[number];

export const glossary: Record<Lang, { heading: string; more: (term: string) => string; terms: Record<TermId, { term: string; text: string }> }> = {
  'pt-BR': {
    heading: 'O que quer dizer cada termo',
    more: (term) => `O que é ${term}?`,
    terms: {
      compensated: {
        term: 'Compensado',
        text: 'Energia do seu consumo paga com créditos da usina solar em vez de dinheiro: a distribuidora desconta esses kWh da conta. Primeiro usa a energia deste mês, depois os créditos mais antigos (cada crédito vale 60 meses).',
      },
      minimum: {
        term: 'Custo de disponibilidade',
        text: 'O mínimo que a distribuidora cobra todo mês pela ligação, mesmo sem consumo: 30 kWh (monofásica ou bifásica a 2 fios), 50 kWh (bifásica a 3 fios) ou 100 kWh (trifásica), à tarifa cheia.',
      },
      fioB: {
        term: 'Fio B',
        text: 'A parte da tarifa que paga a rede da distribuidora. Pela Lei 14.300, quem é GD II paga uma fração dela sobre cada kWh compensado: 15 % em 2023, 30 % em 2024, 45 % em 2025, 60 % em 2026, 75 % em 2027 e 90 % em 2028.',
      },
      gd1: {
        term: 'GD I',
        text: 'Usinas que já existiam ou pediram acesso à distribuidora até 7 de janeiro de 2023: ficam na regra antiga até 31/12/2045, sem pagar Fio B sobre a energia compensada.',
      },
      gd2: {
        term: 'GD II',
        text: 'Usinas que pediram acesso à distribuidora depois de 7 de janeiro de 2023 (Lei 14.300): pagam uma parte do Fio B sobre a energia compensada, que sobe a cada ano.',
      },
      kwp: {
        term: 'kWp',
        text: 'Quilowatt-pico: a potência máxima dos painéis solares sob sol pleno, a medida do tamanho da usina. Quanto ela gera por mês (kWh) depende do sol do lugar e da época do ano.',
      },
    },
  },
  en: {
    heading: 'What each term means',
    more: (term) => `What is ${term}?`,
    terms: {
      compensated: {
        term: 'Offset (compensado)',
        text: "Consumption paid with the solar plant's credits instead of money: the distributor takes these kWh off the bill. This month's energy is used first, then the oldest credits (each credit lasts 60 months).",
      },
      minimum: {
        term: 'Minimum charge (custo de disponibilidade)',
        text: 'What the distributor charges every month for the connection, even with no consumption: 30 kWh (single-phase or 2-wire two-phase), 50 kWh (3-wire two-phase) or 100 kWh (three-phase), at the full tariff.',
      },
      fioB: {
        term: 'Fio B',
        text: "The part of the tariff that pays for the distributor's grid. Under Law 14.300, GD II pays a share of it on every offset kWh: 15% in 2023, 30% in 2024, 45% in 2025, 60% in 2026, 75% in 2027 and 90% in 2028.",
      },
      gd1: {
        term: 'GD I',
        text: 'Plants that existed or asked the distributor for access by 7 January 2023: they keep the old rules until 31 Dec 2045 and pay no Fio B on offset energy.',
      },
      gd2: {
        term: 'GD II',
        text: 'Plants that asked the distributor for access after 7 January 2023 (Law 14.300): they pay a share of Fio B on offset energy, rising every year.',
      },
      kwp: {
        term: 'kWp',
        text: "Kilowatt-peak: the solar panels' maximum power in full sun, the measure of a plant's size. How much it produces a month (kWh) depends on the local sun and the season.",
      },
    },
  },
};

/** The element id of a term's entry in a page's glossary (the statement's). */
export const termAnchor = (id: TermId) => `termo-${id}`;
