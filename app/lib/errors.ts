import {
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  HttpRequestError,
  TimeoutError,
  UserRejectedRequestError,
  decodeErrorResult,
  type Hex,
} from 'viem';
import { communityErrorsAbi, communityRegistryErrorsAbi } from '../../contracts-abi/first-screen.ts';
import { dictFor } from './i18n.ts';
import { addr, cyc, kwh, n, pct, type Sentence } from './error-args.ts';
import type { Lang } from './format.ts';

const errorAbi = [...communityErrorsAbi, ...communityRegistryErrorsAbi];

type ErrorItem = (typeof communityErrorsAbi | typeof communityRegistryErrorsAbi)[number];

/**
 * Every custom error of the ledger's and the registry's ABIs (ICommunity, ICommonErrors,
 * ICommunityRegistry and the OpenZeppelin errors the registry can surface when cloning), derived
 * from the generated ABIs: a new error is a type error until it has a sentence in both languages.
 */
export type ContractErrorName = ErrorItem['name'];

export type DecodedError =
  | { kind: 'contract'; name: string; args: readonly unknown[] }
  | { kind: 'rejected' }
  | { kind: 'network' }
  | { kind: 'noContract' }
  /** Refused before the wallet opened: the wallet is on another chain / the node is unreachable. */
  | { kind: 'wrongNetwork' }
  | { kind: 'offline' }
  | { kind: 'unknown'; name: string };

function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 12 && cur !== undefined && cur !== null; i++) {
    out.push(cur);
    cur = typeof cur === 'object' ? (cur as { cause?: unknown }).cause : undefined;
  }
  return out;
}

function codeOf(e: unknown): unknown {
  return typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
}

function tryDecodeData(data: unknown): DecodedError | undefined {
  if (typeof data !== 'string' || !data.startsWith('0x') || data.length < 10) return undefined;
  try {
    const r = decodeErrorResult({ abi: errorAbi, data: data as Hex });
    return { kind: 'contract', name: r.errorName, args: r.args ?? [] };
  } catch {
    return undefined;
  }
}

/** Turns anything thrown by viem/wagmi/a wallet into a small tagged value. */
export function decodeError(err: unknown): DecodedError {
  const chain = causes(err);
  for (const e of chain) {
    if (e instanceof ContractFunctionRevertedError) {
      if (e.data?.errorName) return { kind: 'contract', name: e.data.errorName, args: e.data.args ?? [] };
      const d = tryDecodeData(e.raw);
      if (d) return d;
      if (e.signature) return { kind: 'unknown', name: e.signature };
      if (e.reason) return { kind: 'unknown', name: e.reason };
    }
  }
  for (const e of chain) {
    if (e instanceof ContractFunctionZeroDataError) return { kind: 'noContract' };
  }
  for (const e of chain) {
    if (e instanceof UserRejectedRequestError || codeOf(e) === 4001) return { kind: 'rejected' };
  }
  for (const e of chain) {
    const data = typeof e === 'object' && e !== null ? (e as { data?: unknown }).data : undefined;
    const d = tryDecodeData(data) ?? tryDecodeData(typeof data === 'object' && data !== null ? (data as { data?: unknown }).data : undefined);
    if (d) return d;
  }
  for (const e of chain) {
    if (e instanceof HttpRequestError || e instanceof TimeoutError) return { kind: 'network' };
    if (e instanceof TypeError && /fetch|network|load failed/i.test(e.message)) return { kind: 'network' };
  }
  const first = chain[0];
  const name = first instanceof BaseError ? first.shortMessage : first instanceof Error ? first.name : typeof first === 'string' ? first : 'Error';
  return { kind: 'unknown', name };
}

export type { Sentence };

const pt: Record<ContractErrorName, Sentence> = {
  AlreadyInitialized: () => 'Esta comunidade já foi inicializada.',
  NotManager: (a) => `Só o gestor da comunidade pode fazer isso (a carteira ${addr(a[0])} não é o gestor).`,
  NotManagerOrMeterReader: (a) => `Só o gestor ou o leiturista podem lançar leituras (a carteira ${addr(a[0])} não é nenhum dos dois).`,
  NotPendingManager: (a) => `A carteira ${addr(a[0])} não foi indicada como novo gestor.`,
  ZeroAddress: () => 'O endereço não pode ser vazio (0x000…0).',
  TextTooLong: (a) => `Texto longo demais: ${n(a[0])} bytes, o máximo é ${n(a[1])}.`,
  InvalidSetting: (a) =>
    [
      `Potência da usina inválida (${n(a[1])} W): de 1 W a 5 MW (5.000 kWp).`,
      'A tarifa cheia não pode ser zero.',
      `Fio B inválido (${n(a[1])} milionésimos de real/kWh): maior que zero e não acima da tarifa cheia.`,
      `Ano do Fio B inválido (${n(a[1])}): de 2000 a 2200.`,
    ][Number(a[0])] ?? 'Configuração inválida.',
  MarketAlreadyAttached: (a) => `Esta comunidade já tem mercado (${addr(a[0])}).`,
  InvalidCycle: (a) => `O ciclo ${cyc(a[0])} não é um mês válido.`,
  UnknownMember: (a) => `Não existe membro com o número ${n(a[0])}.`,
  NotAMember: (a) => `A carteira ${addr(a[0])} não faz parte desta comunidade.`,
  MemberAlreadyExists: (a) => `A carteira ${addr(a[0])} já é o membro nº ${n(a[1])}.`,
  SharesFixedUseSchedule: () =>
    'Depois do primeiro fechamento as partes só mudam por um novo rateio protocolado na distribuidora, a partir de um ciclo seguinte (e uma unidade nova entra sem parte).',
  MemberHasShare: (a) =>
    `O membro nº ${n(a[0])} ainda tem ${pct(a[1], 'pt-BR')} da usina: protocole um rateio que passe essa parte a outros e desative depois que ele valer.`,
  EffectiveCycleNotAfterOpen: (a) => `O novo rateio precisa valer a partir de um ciclo depois do aberto (${cyc(a[1])}), não de ${cyc(a[0])}.`,
  EffectiveCycleTooFar: (a) => `O novo rateio pode valer no máximo a partir de ${cyc(a[1])} (12 ciclos à frente), não de ${cyc(a[0])}.`,
  InvalidFilingDate: (a) => `A data do protocolo (${n(a[0])}) não é uma data válida.`,
  DocumentHashMissing: () => 'Falta a impressão digital do documento protocolado.',
  DocumentAlreadyFiled: () => 'Este documento já foi registrado num rateio anterior: protocole a tabela nova.',
  ShareSchedulePending: (a) => `Já há um novo rateio agendado para ${cyc(a[1])}: cancele-o antes de registrar outro.`,
  NoShareSchedulePending: () => 'Não há rateio agendado para cancelar.',
  DuplicateMember: (a) => `O membro nº ${n(a[0])} aparece duas vezes na tabela.`,
  MemberInactive: (a) => `O membro nº ${n(a[0])} está inativo.`,
  ShareTooLarge: (a) => `A parte de ${pct(a[0], 'pt-BR')} é grande demais.`,
  SharesDoNotSum: (a) => `As partes somam ${pct(a[0], 'pt-BR')}; precisam somar exatamente 100 %.`,
  LengthMismatch: (a) => `As listas têm tamanhos diferentes (${n(a[0])} e ${n(a[1])}).`,
  WrongCycle: (a) => `Este mês (${cyc(a[0])}) não é o ciclo aberto: o ciclo aberto é ${cyc(a[1])}.`,
  CycleAlreadyClosed: (a) => `O ciclo ${cyc(a[0])} já foi fechado.`,
  CycleIsClosing: (a) => `O ciclo ${cyc(a[0])} está sendo fechado; espere o fechamento terminar.`,
  GenerationMissing: (a) => `Falta lançar a geração da usina do ciclo ${cyc(a[0])}.`,
  ReadingMissing: (a) => `Falta a leitura do membro nº ${n(a[1])} no ciclo ${cyc(a[0])}.`,
  NothingClosedYet: () => 'Nenhum ciclo foi fechado ainda.',
  ZeroAmount: () => 'A quantidade precisa ser maior que zero.',
  AdjustmentExceedsBalance: (a) => `Não dá para retirar ${kwh(a[2], 'pt-BR')} do membro nº ${n(a[0])}: o saldo é ${kwh(a[1], 'pt-BR')}.`,
  BatchTooLarge: (a) => `Lote grande demais: ${n(a[0])} itens, o máximo é ${n(a[1])}.`,
  NotACommunity: (a) => `O endereço ${addr(a[0])} não é uma comunidade deste registro.`,
  NotAContract: (a) => `Não há contrato no endereço ${addr(a[0])} nesta rede: confira a implantação (npm run deploy).`,
  FailedDeployment: () => 'Não foi possível criar a comunidade na rede.',
  InsufficientBalance: (a) => `Saldo insuficiente na conta: há ${n(a[0])}, são necessários ${n(a[1])}.`,
  GenerationTooLarge: (a) =>
    `Geração de ${kwh(a[0], 'pt-BR')} num mês é maior do que uma usina de até 5 MW produz (máximo ${kwh(a[1], 'pt-BR')}). Confira a unidade (kWh, não Wh).`,
  LotTooLarge: (a) => `O lote de ${cyc(a[0])} passaria de ${kwh(a[2], 'pt-BR')}, o máximo de um lote.`,
  InsufficientCredits: (a) => `Créditos insuficientes: o membro nº ${n(a[0])} tem ${kwh(a[1], 'pt-BR')} e a operação precisa de ${kwh(a[2], 'pt-BR')}.`,
  PoolInsufficient: (a) => `O fundo solidário tem ${kwh(a[0], 'pt-BR')}, menos do que os ${kwh(a[1], 'pt-BR')} pedidos.`,
  SelfTransfer: () => 'Não é possível doar ou negociar créditos com você mesmo.',
  NotMarket: (a) => `Só o mercado da comunidade pode mover créditos em custódia (a carteira ${addr(a[0])} não é o mercado).`,
  NoInvitation: (a) => `Não há convite válido para a unidade nº ${n(a[0])}: ele foi cancelado ou trocado por um novo. Peça ao síndico o convite mais recente.`,
  InvitationUsed: () => 'Este convite já foi usado. Cada convite vale uma vez: se precisar, peça ao síndico um novo.',
  InvitationExpired: () => 'Este convite venceu. Peça ao síndico um novo convite.',
  BadInvitationSignature: () =>
    'Este convite não vale para esta carteira, esta comunidade ou esta rede (o link foi alterado ou é de outro lugar). Abra o link original ou peça um novo convite.',
};

/**
 * The contract errors' sentences by language. Portuguese is built in; English arrives with the
 * English dictionary (app/lib/lang-en.ts, loaded when the resident picks English), so the
 * first-load bundle carries one language.
 */
const contractErrorSentences: { 'pt-BR': Record<ContractErrorName, Sentence>; en?: Record<ContractErrorName, Sentence> } = { 'pt-BR': pt };

/** Installs the English contract-error sentences (called by app/lib/lang-en.ts). */
export function setEnglishContractSentences(en: Record<ContractErrorName, Sentence>): void {
  contractErrorSentences.en = en;
}

/**
 * Sentences a screen loaded on demand adds for its own contracts' errors (the market and its payment
 * token: app/features/market/errorSentences.ts), so they stay out of the first-load bundle.
 */
const extraSentences: Record<Lang, Record<string, Sentence>> = { 'pt-BR': {}, en: {} };

export function addErrorSentences(add: Record<Lang, Record<string, Sentence>>): void {
  Object.assign(extraSentences['pt-BR'], add['pt-BR']);
  Object.assign(extraSentences.en, add.en);
}

/** The sentence for a contract error name in `lang`, built-in or added. */
export function sentenceFor(name: string, lang: Lang): Sentence | undefined {
  return isContractErrorName(name) ? (contractErrorSentences[lang] ?? pt)[name] : extraSentences[lang][name];
}

function isContractErrorName(name: string): name is ContractErrorName {
  return Object.prototype.hasOwnProperty.call(pt, name);
}

/** A plain sentence for the user, in `lang`. */
export function describeDecoded(d: DecodedError, lang: Lang): string {
  const t = dictFor(lang).errors;
  switch (d.kind) {
    case 'contract':
      return sentenceFor(d.name, lang)?.(d.args) ?? t.unknown(d.name);
    case 'rejected':
      return t.rejected;
    case 'network':
      return t.network;
    case 'noContract':
      return t.noContract;
    case 'wrongNetwork':
      return t.wrongNetwork;
    case 'offline':
      return t.offline;
    case 'unknown':
      return t.unknown(d.name);
  }
}

export function describeError(err: unknown, lang: Lang): string {
  return describeDecoded(decodeError(err), lang);
}
