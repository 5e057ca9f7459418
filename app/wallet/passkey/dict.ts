import { useI18n } from '../../lib/i18n.ts';

/** The passkey card's strings (issue #12), loaded with the card (app/wallet/PasskeyCard.tsx). */
const pt = {
  heading: 'Entrar com passkey',
  intro: 'Sem instalar nada: seu acesso fica protegido pela digital, pelo rosto ou pelo bloqueio de tela deste aparelho.',
  create: 'Criar acesso',
  signIn: 'Entrar',
  signInOther: 'Já tenho acesso: entrar',
  createOther: 'Criar um acesso novo',
  working: 'Confirme no aparelho…',
  cancelled: 'O pedido foi cancelado ou o tempo acabou. Nada foi criado nem enviado; tente de novo.',
  failed: 'Não foi possível usar a passkey neste aparelho. Tente de novo ou use uma carteira instalada.',
  pinHeading: 'Crie um PIN para este aparelho',
  pinWhy:
    'Este aparelho não consegue guardar seu acesso dentro da passkey. Seu acesso ficará só neste navegador, protegido por um PIN: se perder o celular ou limpar os dados do navegador, peça ao síndico um convite novo (nada do que é seu se perde).',
  pin: 'PIN (6 números ou mais)',
  pinAgain: 'Repita o PIN',
  pinSave: 'Criar acesso com PIN',
  pinEnter: 'Digite seu PIN',
  pinOpen: 'Entrar com PIN',
  pinShort: 'O PIN precisa de pelo menos 6 números.',
  pinDigits: 'Use só números no PIN.',
  pinWeak: 'Esse PIN é fácil de adivinhar (números repetidos ou em sequência). Escolha outro.',
  pinMismatch: 'Os dois PINs são diferentes.',
  pinWrong: 'PIN errado. Nada foi aberto; tente de novo.',
  pinOnlyHere: 'Seu acesso está guardado neste navegador, protegido por PIN.',
};

const en: typeof pt = {
  heading: 'Sign in with a passkey',
  intro: "Nothing to install: your access is protected by this device's fingerprint, face or screen lock.",
  create: 'Create access',
  signIn: 'Sign in',
  signInOther: 'I already have access: sign in',
  createOther: 'Create a new access',
  working: 'Confirm on your device…',
  cancelled: 'The request was cancelled or timed out. Nothing was created or sent; try again.',
  failed: 'The passkey could not be used on this device. Try again or use an installed wallet.',
  pinHeading: 'Choose a PIN for this device',
  pinWhy:
    'This device cannot keep your access inside the passkey. Your access will live only in this browser, protected by a PIN: if you lose the phone or clear the browser data, ask the manager for a new invitation (nothing of yours is lost).',
  pin: 'PIN (6 digits or more)',
  pinAgain: 'Repeat the PIN',
  pinSave: 'Create access with a PIN',
  pinEnter: 'Enter your PIN',
  pinOpen: 'Sign in with PIN',
  pinShort: 'The PIN needs at least 6 digits.',
  pinDigits: 'Use digits only in the PIN.',
  pinWeak: 'That PIN is easy to guess (repeated or consecutive digits). Choose another.',
  pinMismatch: 'The two PINs differ.',
  pinWrong: 'Wrong PIN. Nothing was opened; try again.',
  pinOnlyHere: 'Your access is kept in this browser, protected by a PIN.',
};

export const passkeyDicts = { 'pt-BR': pt, en } as const;
export type PasskeyDict = typeof pt;

export function usePasskeyT() {
  const { lang } = useI18n();
  return { p: passkeyDicts[lang], lang };
}
