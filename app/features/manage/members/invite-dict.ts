import { useI18n } from '../../../lib/i18n.ts';

/** The members section's invitation strings (issue #12), both languages, loaded with the console. */
const pt = {
  inviteButton: 'Convidar',
  noWalletYet: 'sem carteira (aguarda convite)',
  noWalletFact: 'nenhuma ainda: a unidade recebe um convite',
  walletOptional:
    'Opcional. Deixe em branco para a unidade receber um convite (link e QR code): o morador cria o acesso no celular e a carteira dele entra sozinha.',
  heading: (label: string) => `Convite para ${label}`,
  intro:
    'O convite é um link de uso único. Quem abrir o link primeiro e confirmar passa a ser esta unidade: mande só para o morador dela, por mensagem particular ou impresso.',
  moves: (label: string, wallet: string, kwh: string) =>
    `${label} já tem carteira (${wallet}). Quando o convite for aceito, tudo passa para a carteira nova: os créditos (${kwh}) com seus lotes, as ofertas abertas no mercado, os créditos e o dinheiro em custódia e o que houver a receber de vendas. A carteira antiga perde o acesso na hora.`,
  replaces: 'Um convite anterior desta unidade, se houver, deixa de valer.',
  expiresIn: 'Vale por (dias)',
  expiresProblem: 'De 1 a 90 dias.',
  send: 'Gerar convite',
  sending: 'Enviando…',
  tx: (label: string) => `Convite para ${label}`,
  ready: (label: string, date: string) => `Convite pronto para ${label}, vale até ${date}.`,
  link: 'Link do convite',
  qr: (label: string) => `QR code do convite para ${label}`,
  copy: 'Copiar link',
  copied: 'Link copiado.',
  copyFailed: 'Não foi possível copiar: selecione o link e copie.',
  share: 'Compartilhar',
  whatsapp: 'Enviar pelo WhatsApp',
  print: 'Imprimir',
  shareText: (community: string, label: string) => `Convite para a unidade ${label} em ${community} no Compartilha:`,
  close: 'Fechar',
  keyNote: 'O link contém a chave do convite: ele não é guardado em lugar nenhum. Se perder, gere outro.',
  pending: (date: string) =>
    `Há um convite desta unidade ainda não aceito, válido até ${date}. Se o link foi para a pessoa errada ou se perdeu, cancele-o: ele deixa de valer na hora.`,
  pendingRead: 'Não foi possível ver se esta unidade tem um convite em aberto.',
  revoke: 'Cancelar convite',
  revoking: 'Cancelando…',
  revokeTx: (label: string) => `Cancelar convite de ${label}`,
  revoked: 'Convite cancelado: o link não vale mais.',
};

const en: typeof pt = {
  inviteButton: 'Invite',
  noWalletYet: 'no wallet (waiting for an invitation)',
  noWalletFact: 'none yet: the unit gets an invitation',
  walletOptional:
    'Optional. Leave it empty to give the unit an invitation (a link and a QR code): the resident creates their access on their phone and their wallet comes in by itself.',
  heading: (label) => `Invitation for ${label}`,
  intro:
    'The invitation is a one-time link. Whoever opens it first and confirms becomes this unit: send it only to its resident, in a private message or printed.',
  moves: (label, wallet, kwh) =>
    `${label} already has a wallet (${wallet}). When the invitation is claimed, everything moves to the new wallet: the credits (${kwh}) with their lots, the open orders in the market, the credits and money held in escrow and any proceeds of sales. The old wallet loses access at once.`,
  replaces: 'An earlier invitation of this unit, if any, stops working.',
  expiresIn: 'Valid for (days)',
  expiresProblem: 'From 1 to 90 days.',
  send: 'Create invitation',
  sending: 'Sending…',
  tx: (label) => `Invitation for ${label}`,
  ready: (label, date) => `Invitation ready for ${label}, valid until ${date}.`,
  link: 'Invitation link',
  qr: (label) => `QR code of the invitation for ${label}`,
  copy: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy: select the link and copy it.',
  share: 'Share',
  whatsapp: 'Send on WhatsApp',
  print: 'Print',
  shareText: (community, label) => `Invitation for unit ${label} in ${community} on Compartilha:`,
  close: 'Close',
  keyNote: 'The link holds the invitation key: it is kept nowhere. If it is lost, create another.',
  pending: (date) =>
    `This unit has an invitation not yet claimed, valid until ${date}. If the link went to the wrong person or was lost, revoke it: it stops working at once.`,
  pendingRead: 'Could not check whether this unit has an open invitation.',
  revoke: 'Revoke invitation',
  revoking: 'Revoking…',
  revokeTx: (label) => `Revoke the invitation of ${label}`,
  revoked: 'Invitation revoked: the link no longer works.',
};

export const inviteDicts = { 'pt-BR': pt, en } as const;
export type InviteDict = typeof pt;

export function useInviteT(): InviteDict {
  const { lang } = useI18n();
  return lang === 'en' ? en : pt;
}
