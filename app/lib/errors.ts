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
import { dictionaries } from './i18n.ts';
import { formatCycle, formatKwh, formatPpm, shortAddress, type Lang } from './format.ts';

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

const n = (v: unknown): string => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : String(v ?? '?'));
const cyc = (v: unknown): string => (typeof v === 'bigint' || typeof v === 'number' ? formatCycle(v) : n(v));
const addr = (v: unknown): string => (typeof v === 'string' ? shortAddress(v) : n(v));
const kwh = (v: unknown, lang: Lang): string => (typeof v === 'bigint' || typeof v === 'number' ? formatKwh(v, lang) : n(v));
const pct = (v: unknown, lang: Lang): string => (typeof v === 'bigint' || typeof v === 'number' ? formatPpm(v, lang) : n(v));

export type Sentence = (a: readonly unknown[]) => string;

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

const en: Record<ContractErrorName, Sentence> = {
  AlreadyInitialized: () => 'This community has already been initialized.',
  NoInvitation: (a) => `There is no valid invitation for unit #${n(a[0])}: it was revoked or replaced by a new one. Ask the manager for the latest invitation.`,
  InvitationUsed: () => 'This invitation was already used. Each invitation works once: if needed, ask the manager for a new one.',
  InvitationExpired: () => 'This invitation has expired. Ask the manager for a new one.',
  BadInvitationSignature: () =>
    'This invitation is not valid for this wallet, this community or this network (the link was changed or is from elsewhere). Open the original link or ask for a new invitation.',
  NotManager: (a) => `Only the community manager can do this (wallet ${addr(a[0])} is not the manager).`,
  NotManagerOrMeterReader: (a) => `Only the manager or the meter reader can post readings (wallet ${addr(a[0])} is neither).`,
  NotPendingManager: (a) => `Wallet ${addr(a[0])} was not nominated as the new manager.`,
  ZeroAddress: () => 'The address cannot be empty (0x000…0).',
  TextTooLong: (a) => `Text too long: ${n(a[0])} bytes, the maximum is ${n(a[1])}.`,
  InvalidSetting: (a) =>
    [
      `Invalid plant capacity (${n(a[1])} W): from 1 W to 5 MW (5,000 kWp).`,
      'The full tariff cannot be zero.',
      `Invalid Fio B (${n(a[1])} millionths of a real/kWh): above zero and not above the full tariff.`,
      `Invalid Fio B year (${n(a[1])}): 2000 to 2200.`,
    ][Number(a[0])] ?? 'Invalid setting.',
  MarketAlreadyAttached: (a) => `This community already has a market (${addr(a[0])}).`,
  InvalidCycle: (a) => `Cycle ${cyc(a[0])} is not a valid month.`,
  UnknownMember: (a) => `There is no member number ${n(a[0])}.`,
  NotAMember: (a) => `Wallet ${addr(a[0])} is not part of this community.`,
  MemberAlreadyExists: (a) => `Wallet ${addr(a[0])} is already member #${n(a[1])}.`,
  SharesFixedUseSchedule: () =>
    'After the first close shares change only through a new allocation filed with the distributor, from a later cycle (and a new unit joins with no share).',
  MemberHasShare: (a) =>
    `Member #${n(a[0])} still has ${pct(a[1], 'en')} of the plant: file an allocation that gives that share to others, and deactivate once it applies.`,
  EffectiveCycleNotAfterOpen: (a) => `The new allocation must apply from a cycle after the open one (${cyc(a[1])}), not from ${cyc(a[0])}.`,
  EffectiveCycleTooFar: (a) => `The new allocation can apply from ${cyc(a[1])} at the latest (12 cycles ahead), not from ${cyc(a[0])}.`,
  InvalidFilingDate: (a) => `The filing date (${n(a[0])}) is not a valid date.`,
  DocumentHashMissing: () => "The filed document's fingerprint is missing.",
  DocumentAlreadyFiled: () => 'This document was already recorded for an earlier allocation: file the new table.',
  ShareSchedulePending: (a) => `A new allocation is already scheduled for ${cyc(a[1])}: cancel it before recording another.`,
  NoShareSchedulePending: () => 'There is no scheduled allocation to cancel.',
  DuplicateMember: (a) => `Member #${n(a[0])} appears twice in the table.`,
  MemberInactive: (a) => `Member #${n(a[0])} is inactive.`,
  ShareTooLarge: (a) => `A share of ${pct(a[0], 'en')} is too large.`,
  SharesDoNotSum: (a) => `The shares add up to ${pct(a[0], 'en')}; they must add up to exactly 100%.`,
  LengthMismatch: (a) => `The lists have different lengths (${n(a[0])} and ${n(a[1])}).`,
  WrongCycle: (a) => `This month (${cyc(a[0])}) is not the open cycle: the open cycle is ${cyc(a[1])}.`,
  CycleAlreadyClosed: (a) => `Cycle ${cyc(a[0])} is already closed.`,
  CycleIsClosing: (a) => `Cycle ${cyc(a[0])} is being closed; wait for the close to finish.`,
  GenerationMissing: (a) => `The plant generation for cycle ${cyc(a[0])} has not been posted.`,
  ReadingMissing: (a) => `The reading of member #${n(a[1])} for cycle ${cyc(a[0])} is missing.`,
  NothingClosedYet: () => 'No cycle has been closed yet.',
  ZeroAmount: () => 'The amount must be greater than zero.',
  AdjustmentExceedsBalance: (a) => `Cannot remove ${kwh(a[2], 'en')} from member #${n(a[0])}: the balance is ${kwh(a[1], 'en')}.`,
  BatchTooLarge: (a) => `Batch too large: ${n(a[0])} items, the maximum is ${n(a[1])}.`,
  NotACommunity: (a) => `Address ${addr(a[0])} is not a community of this registry.`,
  NotAContract: (a) => `There is no contract at ${addr(a[0])} on this network: check the deployment (npm run deploy).`,
  FailedDeployment: () => 'The community could not be created on the network.',
  InsufficientBalance: (a) => `Insufficient account balance: ${n(a[0])} available, ${n(a[1])} needed.`,
  GenerationTooLarge: (a) =>
    `A generation of ${kwh(a[0], 'en')} in one month is more than a plant of up to 5 MW produces (maximum ${kwh(a[1], 'en')}). Check the unit (kWh, not Wh).`,
  LotTooLarge: (a) => `The lot of ${cyc(a[0])} would exceed ${kwh(a[2], 'en')}, the most a lot can hold.`,
  InsufficientCredits: (a) => `Not enough credits: member #${n(a[0])} has ${kwh(a[1], 'en')} and this needs ${kwh(a[2], 'en')}.`,
  PoolInsufficient: (a) => `The solidarity pool holds ${kwh(a[0], 'en')}, less than the ${kwh(a[1], 'en')} asked.`,
  SelfTransfer: () => 'You cannot donate or trade credits with yourself.',
  NotMarket: (a) => `Only the community's market can move escrowed credits (wallet ${addr(a[0])} is not the market).`,
};

export const contractErrorSentences: Record<Lang, Record<ContractErrorName, Sentence>> = { 'pt-BR': pt, en };

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
  return isContractErrorName(name) ? contractErrorSentences[lang][name] : extraSentences[lang][name];
}

function isContractErrorName(name: string): name is ContractErrorName {
  return Object.prototype.hasOwnProperty.call(pt, name);
}

/** A plain sentence for the user, in `lang`. */
export function describeDecoded(d: DecodedError, lang: Lang): string {
  const t = dictionaries[lang].errors;
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
