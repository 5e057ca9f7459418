import type { AmountProblem } from '../../lib/amounts.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { CommunityField, CommunityProblem } from './communityForm.ts';

const amountPt: Record<AmountProblem, string> = {
  empty: 'Preencha este campo.',
  zero: 'Tem de ser maior que zero.',
  negative: 'Não pode ser negativo.',
  notANumber: 'Digite um número, ex.: 0,80.',
  tooManyDecimals: 'Casas decimais demais.',
  tooLarge: 'Número grande demais.',
  overBalance: 'Acima do saldo.',
  overAllowance: 'Acima do permitido.',
  notMember: 'Não é membro.',
  self: 'Não pode ser você.',
};
const amountEn: Record<AmountProblem, string> = {
  empty: 'Fill in this field.',
  zero: 'Must be more than zero.',
  negative: 'Cannot be negative.',
  notANumber: 'Type a number, e.g. 0.80.',
  tooManyDecimals: 'Too many decimal places.',
  tooLarge: 'Number too large.',
  overBalance: 'Above the balance.',
  overAllowance: 'Above the allowance.',
  notMember: 'Not a member.',
  self: 'Cannot be you.',
};

/** The page's own strings, loaded with the page (not in the first-load bundle). */
const pt = {
  heading: 'Criar uma comunidade',
  intro:
    'Preencha com os dados da usina e da conta de luz. Quem cria a comunidade passa a ser o gestor dela (o síndico ou o operador da cooperativa) e depois cadastra os membros. Nada é enviado antes da revisão.',
  network: (name: string) => `Rede: ${name}`,
  name: 'Nome da comunidade',
  nameHint: 'Ex.: "Condomínio Sol Nascente". Fica público na rede (até 64 bytes).',
  distributor: 'Distribuidora',
  distributorHint: 'Ex.: "Enel SP", "Cemig", "Light".',
  plantKwp: 'Potência da usina (kWp)',
  plantHint: 'Está na ficha da usina ou no contrato, ex.: 30 ou 75,5. Até 5.000 kWp (5 MW).',
  regime: 'Regime da usina',
  regimeGD1: 'GD I — usina ligada até 07/01/2023',
  regimeGD2: 'GD II — usina ligada depois de 07/01/2023',
  regimeHelp:
    'GD I tem direito adquirido até 2045: a energia compensada não paga Fio B. GD II paga uma parte do Fio B (a parte da tarifa que remunera a rede da distribuidora) sobre a energia compensada, crescendo ano a ano pela Lei 14.300. Na dúvida, veja a data de ligação na conta ou pergunte à distribuidora.',
  fullTariff: 'Tarifa cheia (R$/kWh, com impostos)',
  fullHint: 'O preço do kWh na conta, ex.: 0,80.',
  fioBTariff: 'Fio B (R$/kWh)',
  fioBHint: 'A parcela TUSD Fio B da sua distribuidora, ex.: 0,28. Está na resolução tarifária da ANEEL.',
  schedule: 'Escala do Fio B (GD II), já preenchida pela Lei 14.300',
  scheduleYear: (y: number) => `Percentual de ${y} (%)`,
  firstCycle: 'Primeiro ciclo de faturamento (mês/ano)',
  firstCycleHint: 'O mês da primeira conta que você vai lançar, ex.: 11/2026. Não pode ser um mês futuro.',
  trading: 'Trocas entre membros',
  tradingDonations: 'Só doações de créditos (recomendado)',
  tradingPriced: 'Doações e ordens de compra e venda com preço',
  tradingHelp:
    'A Lei 14.300 (art. 28) proíbe vender créditos de energia por dinheiro, fora dos casos que ela prevê. Doar é sempre permitido. Ative ordens com preço só com orientação jurídica; dá para mudar depois nas configurações.',
  token: 'Token de pagamento (endereço 0x… de um ERC-20 nesta rede)',
  tokenHint: 'O token em que os preços são pagos (por exemplo, um real digital da cooperativa).',
  review: 'Revisar',
  checking: 'Conferindo…',
  fix: 'Corrija os campos marcados.',
  reviewHeading: 'Confira antes de criar',
  reviewIntro: 'Isto vai ser gravado na rede. Você será o gestor desta comunidade.',
  rows: {
    name: 'Nome',
    distributor: 'Distribuidora',
    plant: 'Usina',
    regime: 'Regime',
    full: 'Tarifa cheia',
    fioB: 'Fio B',
    schedule: 'Escala do Fio B',
    firstCycle: 'Primeiro ciclo',
    trading: 'Trocas',
    token: 'Token',
    manager: 'Gestor (você)',
  },
  warn3MW: 'Atenção: usinas solares novas de minigeração vão só até 3 MW (Lei 14.300). Confira a potência.',
  back: 'Voltar e corrigir',
  confirm: 'Confirmar e criar',
  sending: 'Criando…',
  tx: (name: string) => `Criar a comunidade ${name}`,
  created: 'Comunidade criada. Abrindo a gestão…',
  noAddress: 'A comunidade foi criada, mas não achei o endereço dela no recibo. Abra "Minhas comunidades".',
  tokenNotErc20: 'Não encontrei um token ERC-20 neste endereço nesta rede. Confira o endereço.',
  problem: (p: CommunityProblem, field: CommunityField): string => {
    switch (p.code) {
      case 'empty':
        return 'Preencha este campo.';
      case 'tooLong':
        return `Texto longo demais (até ${p.max} bytes).`;
      case 'amount':
        return p.problem === 'tooManyDecimals' && p.max !== undefined
          ? `No máximo ${p.max} casas decimais.`
          : p.problem === 'zero' && (field === 'fullTariff' || field === 'fioBTariff')
            ? 'A tarifa não pode ser zero: copie o valor da conta.'
            : amountPt[p.problem];
      case 'plantTooLarge':
        return 'Acima de 5 MW (5.000 kWp), o limite da minigeração distribuída. Confira a potência.';
      case 'fioBAboveFull':
        return 'O Fio B é uma parte da tarifa: não pode ser maior que a tarifa cheia.';
      case 'schedulePercent':
        return `Percentual inválido em ${p.year}: de 0 a 100, até 4 casas decimais.`;
      case 'cycleMalformed':
        return 'Use mês/ano, ex.: 11/2026.';
      case 'cycleInFuture':
        return `Não pode ser um mês futuro (estamos em ${String(p.current % 100).padStart(2, '0')}/${Math.floor(p.current / 100)}).`;
      case 'cycleTooOld':
        return 'Mês antigo demais: comece a partir de 01/2020.';
      case 'tokenMissing':
        return 'Com ordens com preço é preciso um token de pagamento.';
      case 'tokenMalformed':
        return 'Endereço inválido: começa com 0x e tem 42 caracteres.';
    }
  },
  connectFirst: 'Conecte a carteira que vai ser a do gestor para criar a comunidade.',
  regimeShort: ['GD I', 'GD II'] as readonly string[],
};

export type CreateDict = typeof pt;

const en: CreateDict = {
  heading: 'Create a community',
  intro:
    "Fill in the plant's and the electricity bill's details. Whoever creates the community becomes its manager (the síndico or the cooperative's operator) and then registers the members. Nothing is sent before the review.",
  network: (name) => `Network: ${name}`,
  name: 'Community name',
  nameHint: 'E.g. "Condomínio Sol Nascente". Public on the chain (up to 64 bytes).',
  distributor: 'Distributor',
  distributorHint: 'E.g. "Enel SP", "Cemig", "Light".',
  plantKwp: 'Plant capacity (kWp)',
  plantHint: "On the plant's data sheet or contract, e.g. 30 or 75.5. Up to 5,000 kWp (5 MW).",
  regime: 'Plant regime',
  regimeGD1: 'GD I — plant connected by 7 Jan 2023',
  regimeGD2: 'GD II — plant connected after 7 Jan 2023',
  regimeHelp:
    "GD I keeps its acquired rights until 2045: compensated energy pays no Fio B. GD II pays a share of Fio B (the part of the tariff that pays for the distributor's grid) on compensated energy, rising year by year under Law 14.300. If unsure, check the connection date on the bill or ask the distributor.",
  fullTariff: 'Full tariff (R$/kWh, taxes included)',
  fullHint: 'The price of a kWh on the bill, e.g. 0.80.',
  fioBTariff: 'Fio B (R$/kWh)',
  fioBHint: "Your distributor's TUSD Fio B component, e.g. 0.28. In ANEEL's tariff resolution.",
  schedule: 'Fio B schedule (GD II), prefilled from Law 14.300',
  scheduleYear: (y) => `Share in ${y} (%)`,
  firstCycle: 'First billing cycle (month/year)',
  firstCycleHint: 'The month of the first bill you will post, e.g. 11/2026. Cannot be a future month.',
  trading: 'Trades between members',
  tradingDonations: 'Credit donations only (recommended)',
  tradingPriced: 'Donations and priced buy and sell orders',
  tradingHelp:
    'Law 14.300 (art. 28) forbids selling energy credits for money outside the cases it allows. Donating is always allowed. Turn priced orders on only with legal advice; it can be changed later in the settings.',
  token: 'Payment token (0x… address of an ERC-20 on this network)',
  tokenHint: "The token prices are paid in (for example, the cooperative's digital real).",
  review: 'Review',
  checking: 'Checking…',
  fix: 'Fix the marked fields.',
  reviewHeading: 'Check before creating',
  reviewIntro: "This will be written to the chain. You will be this community's manager.",
  rows: {
    name: 'Name',
    distributor: 'Distributor',
    plant: 'Plant',
    regime: 'Regime',
    full: 'Full tariff',
    fioB: 'Fio B',
    schedule: 'Fio B schedule',
    firstCycle: 'First cycle',
    trading: 'Trades',
    token: 'Token',
    manager: 'Manager (you)',
  },
  warn3MW: 'Note: new solar minigeneration plants go up to 3 MW only (Law 14.300). Check the capacity.',
  back: 'Back and fix',
  confirm: 'Confirm and create',
  sending: 'Creating…',
  tx: (name) => `Create the community ${name}`,
  created: 'Community created. Opening the console…',
  noAddress: 'The community was created, but its address was not in the receipt. Open "My communities".',
  tokenNotErc20: 'No ERC-20 token found at this address on this network. Check the address.',
  problem: (p, field) => {
    switch (p.code) {
      case 'empty':
        return 'Fill in this field.';
      case 'tooLong':
        return `Text too long (up to ${p.max} bytes).`;
      case 'amount':
        return p.problem === 'tooManyDecimals' && p.max !== undefined
          ? `At most ${p.max} decimal places.`
          : p.problem === 'zero' && (field === 'fullTariff' || field === 'fioBTariff')
            ? 'The tariff cannot be zero: copy it from the bill.'
            : amountEn[p.problem];
      case 'plantTooLarge':
        return 'Above 5 MW (5,000 kWp), the limit of distributed minigeneration. Check the capacity.';
      case 'fioBAboveFull':
        return 'Fio B is part of the tariff: it cannot exceed the full tariff.';
      case 'schedulePercent':
        return `Invalid share in ${p.year}: 0 to 100, up to 4 decimal places.`;
      case 'cycleMalformed':
        return 'Use month/year, e.g. 11/2026.';
      case 'cycleInFuture':
        return `Cannot be a future month (it is ${String(p.current % 100).padStart(2, '0')}/${Math.floor(p.current / 100)} now).`;
      case 'cycleTooOld':
        return 'Too old: start from 01/2020 on.';
      case 'tokenMissing':
        return 'Priced orders need a payment token.';
      case 'tokenMalformed':
        return 'Invalid address: starts with 0x and has 42 characters.';
    }
  },
  connectFirst: "Connect the wallet that will be the manager's to create the community.",
  regimeShort: ['GD I', 'GD II'],
};

/** Both languages, for words stored once and shown later in either (the transaction list). */
export const createDicts: Readonly<Record<'pt-BR' | 'en', CreateDict>> = { 'pt-BR': pt, en };

export function useCreateT(): { c: CreateDict; lang: 'pt-BR' | 'en' } {
  const { lang } = useI18n();
  return { c: lang === 'en' ? en : pt, lang };
}
