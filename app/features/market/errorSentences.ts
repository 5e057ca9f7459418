import { addErrorSentences, type Sentence } from '../../lib/errors.ts';
import { formatKwh, shortAddress } from '../../lib/format.ts';

/**
 * Sentences for the market's and its payment token's custom errors (ICommunityMarket.sol,
 * OpenZeppelin ERC-20 / EIP-2612 / SafeERC20 / ReentrancyGuard). Registered when the market or the
 * errors test loads this module; app/lib/errors.test.ts fails if an ABI error lacks one.
 */
const n = (v: unknown): string => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : String(v ?? '?'));
const kwh = (v: unknown, lang: 'pt-BR' | 'en'): string => (typeof v === 'bigint' ? formatKwh(v, lang) : n(v));
const addr = (v: unknown): string => (typeof v === 'string' ? shortAddress(v) : n(v));

export const marketErrorSentences: Record<'pt-BR' | 'en', Record<string, Sentence>> = {
  'pt-BR': {
    ECDSAInvalidSignature: () => 'A assinatura da autorização é inválida: assine de novo.',
    ECDSAInvalidSignatureLength: () => 'A assinatura da autorização veio incompleta: assine de novo.',
    ECDSAInvalidSignatureS: () => 'A assinatura da autorização é inválida: assine de novo.',
    ERC20InvalidApprover: (a) => `O token recusou a autorização da carteira ${addr(a[0])}.`,
    ERC20InvalidReceiver: (a) => `O token recusou o destinatário ${addr(a[0])}.`,
    ERC20InvalidSender: (a) => `O token recusou a transferência da carteira ${addr(a[0])}.`,
    ERC20InvalidSpender: (a) => `O token recusou autorizar ${addr(a[0])}.`,
    InvalidShortString: () => 'O token respondeu com um nome inválido.',
    StringTooLong: () => 'O token respondeu com um texto longo demais.',
    OwnableInvalidOwner: (a) => `Dono inválido para o token: ${addr(a[0])}.`,
    OwnableUnauthorizedAccount: (a) => `A carteira ${addr(a[0])} não pode fazer isso neste token.`,
    PricedOrdersDisabled: () => 'Esta comunidade só permite doações: ordens com preço estão desligadas (Lei 14.300, art. 28).',
    NoPaymentToken: () => 'O gestor ainda não definiu o token de pagamento do mercado.',
    ZeroPrice: () => 'O preço precisa ser maior que zero.',
    SelfTrade: (a) => `Sua ordem cruzaria com a sua própria ordem nº ${n(a[0])}: cancele-a antes.`,
    NotOrderOwner: (a) => `A ordem nº ${n(a[0])} não é da carteira ${addr(a[1])}.`,
    OrderNotOpen: (a) => `A ordem nº ${n(a[0])} não está mais aberta.`,
    UnknownOrder: (a) => `Não existe ordem com o número ${n(a[0])}.`,
    AlreadyExpired: () => 'A data de vencimento da ordem já passou.',
    BadHint: () => 'O livro de ofertas mudou enquanto você preenchia: atualize e tente de novo.',
    NothingToWithdraw: () => 'Não há nada a sacar.',
    ERC20InsufficientBalance: (a) => `Saldo do token insuficiente na carteira ${addr(a[0])}: há ${n(a[1])}, são necessários ${n(a[2])} (unidades do token).`,
    ERC20InsufficientAllowance: (a) => `O mercado (${addr(a[0])}) não tem autorização suficiente do token: ${n(a[1])} de ${n(a[2])} (unidades do token).`,
    ERC2612ExpiredSignature: () => 'A autorização assinada venceu: envie de novo.',
    ERC2612InvalidSigner: (a) => `A autorização foi assinada pela carteira ${addr(a[0])}, não pela dona dos tokens ${addr(a[1])}.`,
    InvalidAccountNonce: (a) => `A autorização da carteira ${addr(a[0])} já foi usada: envie de novo.`,
    NotReclaimable: (a) => `A ordem nº ${n(a[0])} ainda vale (não venceu, o dono está ativo e o token é o atual): só o dono pode cancelá-la.`,
    TooManyOpenOrders: (a) => `Você já tem ${n(a[1])} ordens abertas, o máximo por unidade: cancele ou recupere uma antes de criar outra.`,
    OrderTooSmall: (a) => `Ordem pequena demais: ${kwh(a[0], 'pt-BR')}; o mínimo desta comunidade é ${kwh(a[1], 'pt-BR')}.`,
    UnsupportedToken: (a) =>
      `O token ${addr(a[0])} entrega menos do que transfere (taxa na transferência ou saldo que muda sozinho): o mercado não aceita esse token. Avise o gestor.`,
    UnknownEra: (a) => `Não há saldo de um token anterior com o número ${n(a[0])}.`,
    NotCommunity: (a) => `Só a comunidade deste mercado pode trocar a carteira de um membro (${addr(a[0])} não é ela).`,
    AmountTooLarge: (a) => `Valor grande demais: ${n(a[0])}, o máximo é ${n(a[1])}.`,
    ReentrancyGuardReentrantCall: () => 'Chamada repetida dentro da mesma operação: recusada.',
    SafeERC20FailedOperation: (a) => `A transferência do token ${addr(a[0])} falhou: confira o saldo e a autorização.`,
  },
  en: {
    ECDSAInvalidSignature: () => 'The approval signature is invalid: sign again.',
    ECDSAInvalidSignatureLength: () => 'The approval signature came incomplete: sign again.',
    ECDSAInvalidSignatureS: () => 'The approval signature is invalid: sign again.',
    ERC20InvalidApprover: (a) => `The token refused the approval of wallet ${addr(a[0])}.`,
    ERC20InvalidReceiver: (a) => `The token refused the recipient ${addr(a[0])}.`,
    ERC20InvalidSender: (a) => `The token refused the transfer from wallet ${addr(a[0])}.`,
    ERC20InvalidSpender: (a) => `The token refused to approve ${addr(a[0])}.`,
    InvalidShortString: () => 'The token answered with an invalid name.',
    StringTooLong: () => 'The token answered with a text that is too long.',
    OwnableInvalidOwner: (a) => `Invalid owner for the token: ${addr(a[0])}.`,
    OwnableUnauthorizedAccount: (a) => `Wallet ${addr(a[0])} cannot do that on this token.`,
    PricedOrdersDisabled: () => 'This community allows donations only: priced orders are off (Law 14.300, art. 28).',
    NoPaymentToken: () => "The manager has not set the market's payment token yet.",
    ZeroPrice: () => 'The price must be greater than zero.',
    SelfTrade: (a) => `Your order would trade with your own order #${n(a[0])}: cancel it first.`,
    NotOrderOwner: (a) => `Order #${n(a[0])} does not belong to wallet ${addr(a[1])}.`,
    OrderNotOpen: (a) => `Order #${n(a[0])} is no longer open.`,
    UnknownOrder: (a) => `There is no order number ${n(a[0])}.`,
    AlreadyExpired: () => "The order's expiry date has already passed.",
    BadHint: () => 'The order book changed while you were typing: refresh and try again.',
    NothingToWithdraw: () => 'There is nothing to withdraw.',
    ERC20InsufficientBalance: (a) => `Not enough tokens in wallet ${addr(a[0])}: ${n(a[1])} available, ${n(a[2])} needed (token units).`,
    ERC20InsufficientAllowance: (a) => `The market (${addr(a[0])}) is not allowed enough tokens: ${n(a[1])} of ${n(a[2])} (token units).`,
    ERC2612ExpiredSignature: () => 'The signed permit has expired: send again.',
    ERC2612InvalidSigner: (a) => `The permit was signed by wallet ${addr(a[0])}, not by the token owner ${addr(a[1])}.`,
    InvalidAccountNonce: (a) => `The permit of wallet ${addr(a[0])} was already used: send again.`,
    NotReclaimable: (a) => `Order #${n(a[0])} is still in force (not expired, its owner active, the current token): only its owner can cancel it.`,
    TooManyOpenOrders: (a) => `You already have ${n(a[1])} open orders, the most per unit: cancel or reclaim one before placing another.`,
    OrderTooSmall: (a) => `Order too small: ${kwh(a[0], 'en')}; this community's minimum is ${kwh(a[1], 'en')}.`,
    UnsupportedToken: (a) =>
      `Token ${addr(a[0])} delivers less than it transfers (a transfer fee or a balance that changes by itself): the market refuses it. Tell the manager.`,
    UnknownEra: (a) => `There is no balance of an earlier token numbered ${n(a[0])}.`,
    NotCommunity: (a) => `Only this market's community can change a member's wallet (${addr(a[0])} is not it).`,
    AmountTooLarge: (a) => `Value too large: ${n(a[0])}, the maximum is ${n(a[1])}.`,
    ReentrancyGuardReentrantCall: () => 'A nested call within the same operation: refused.',
    SafeERC20FailedOperation: (a) => `The transfer of token ${addr(a[0])} failed: check the balance and the allowance.`,
  },
};

addErrorSentences(marketErrorSentences);
