import { useI18n } from './i18n.ts';

/** Strings of the dashboard's credits on sale and calendar reminder (#15), apart from the main dictionaries. */
const pt = {
  forSale: (kwh: string) => `${kwh} à venda no mercado`,
  forSaleExpiry: (cycle: string) => `Esses créditos vencem a partir de ${cycle}.`,
  forSaleLink: 'Ver suas ofertas no mercado',
  remind: 'Lembrar-me no calendário',
  remindHint: 'Baixa um lembrete (.ics) para a agenda do celular, um mês antes do vencimento.',
  remindSummary: (kwh: string, cycle: string) => `Compartilha: ${kwh} de créditos vencem em ${cycle}`,
  remindDescription: (kwh: string, cycle: string, community: string) =>
    `${kwh} dos seus créditos de energia em ${community} vencem no fechamento de ${cycle}. Use, doe ou venda antes disso no painel do Compartilha.`,
};

const en: typeof pt = {
  forSale: (kwh: string) => `${kwh} for sale on the market`,
  forSaleExpiry: (cycle: string) => `These credits expire in ${cycle} or later.`,
  forSaleLink: 'See your offers on the market',
  remind: 'Remind me in my calendar',
  remindHint: 'Downloads a reminder (.ics) for your phone’s calendar, a month before they expire.',
  remindSummary: (kwh: string, cycle: string) => `Compartilha: ${kwh} of credits expire in ${cycle}`,
  remindDescription: (kwh: string, cycle: string, community: string) =>
    `${kwh} of your energy credits in ${community} expire at the close of ${cycle}. Use, give or sell them before then on the Compartilha dashboard.`,
};

export function useDashboardExtrasT() {
  const { lang } = useI18n();
  return { x: lang === 'pt-BR' ? pt : en, lang };
}
