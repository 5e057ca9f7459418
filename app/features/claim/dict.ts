import { useI18n } from '../../lib/i18n.ts';

/** The claim page's strings (issue #12), loaded with the page. */
const pt = {
  title: 'Convite para o Compartilha',
  bad: 'Este link de convite está incompleto ou foi alterado: peça ao síndico um novo convite.',
  loading: 'Lendo o convite…',
  community: 'Comunidade',
  unit: 'Unidade',
  wallet: 'Sua carteira',
  intro: 'Aceite o convite para esta carteira passar a ser a unidade acima e ver seus créditos de energia.',
  moves:
    'Esta unidade já tinha outra carteira (por exemplo, um celular perdido): ao aceitar, tudo dela passa para esta carteira e a anterior perde o acesso na hora.',
  already: 'Esta carteira já é esta unidade: o convite não é necessário.',
  claim: 'Aceitar convite',
  claiming: 'Aceitando…',
  tx: (label: string) => `Aceitar convite (${label})`,
  openDashboard: 'Abrir meu painel',
  readFailed: 'Não foi possível ler a comunidade deste convite nesta rede.',
  unusable: {
    used: 'Este convite já foi usado. Cada convite vale uma vez: se foi você quem o aceitou, abra seu painel abaixo; se não, peça ao síndico um novo.',
    expired: 'Este convite venceu. Peça ao síndico um novo convite.',
    replaced: 'Este convite foi cancelado ou trocado por um mais novo. Peça ao síndico o convite mais recente.',
  },
};

const en: typeof pt = {
  title: 'Invitation to Compartilha',
  bad: 'This invitation link is incomplete or was changed: ask the manager for a new invitation.',
  loading: 'Reading the invitation…',
  community: 'Community',
  unit: 'Unit',
  wallet: 'Your wallet',
  intro: 'Accept the invitation for this wallet to become the unit above and see its energy credits.',
  moves:
    'This unit had another wallet (a lost phone, for example): on accepting, everything it has moves to this wallet and the previous one loses access at once.',
  already: 'This wallet already is this unit: the invitation is not needed.',
  claim: 'Accept invitation',
  claiming: 'Accepting…',
  tx: (label) => `Accept invitation (${label})`,
  openDashboard: 'Open my dashboard',
  readFailed: "Could not read this invitation's community on this network.",
  unusable: {
    used: 'This invitation was already used. Each invitation works once: if you accepted it, open your dashboard below; if not, ask the manager for a new one.',
    expired: 'This invitation has expired. Ask the manager for a new one.',
    replaced: 'This invitation was revoked or replaced by a newer one. Ask the manager for the latest invitation.',
  },
};

export const claimDicts = { 'pt-BR': pt, en } as const;

export function useClaimT() {
  const { lang } = useI18n();
  return { c: lang === 'en' ? en : pt, lang };
}
