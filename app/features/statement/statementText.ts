/**
 * The monthly statement's arithmetic in plain words, step by step, from the ledger's own figures
 * (MemberSettled of the cycle, the community's settings and the year's Fio B share). Pure.
 */
import { formatBrl, formatCycle, formatKwh, formatPpm, groupInt, type Lang, decimalSeparator } from '../../lib/format.ts';
import { Regime } from '../../../contracts-abi/abis.ts';

export interface StatementSettlement {
  allocatedWh: bigint;
  consumedWh: bigint;
  compensatedWh: bigint;
  billedWh: bigint;
  createdWh: bigint;
  usedFromLotsWh: bigint;
  expiredWh: bigint;
  balanceWh: bigint;
  minimumWh: bigint;
  minimumApplied: boolean;
  fioBMicroBrl: bigint;
  billMicroBrl: bigint;
  noSolarBillMicroBrl: bigint;
}

export interface StatementInput {
  cycle: number;
  generatedWh: bigint;
  s: StatementSettlement;
  /** 0 = GD I, 1 = GD II */
  regime: number;
  /** 0 = single-phase, 1 = two-phase, 2 = three-phase */
  connection: number;
  fullTariffMicroBrlPerKwh: bigint;
  fioBMicroBrlPerKwh: bigint;
  fioBSharePpm: number;
  /** GD II below the minimum (ICommunity.BelowMinimum): 0 = compensate only down to the minimum, 1 = all consumption. */
  gd2BelowMinimum?: number;
}

export const STATEMENT_STEPS = ['generated', 'share', 'allocated', 'consumed', 'compensated', 'minimum', 'fiob', 'bill', 'savings', 'balance'] as const;
export type StatementStep = (typeof STATEMENT_STEPS)[number];

/** micro-BRL per kWh → "R$ 0,168" / "R$0.80": at least 2 decimals, up to 6, trailing zeros trimmed. */
export function formatTariff(micro: bigint, lang: Lang): string {
  const int = micro / 1_000_000n;
  let frac = (micro % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  const body = `${groupInt(int, lang)}${decimalSeparator(lang)}${frac}`;
  return lang === 'pt-BR' ? `R$ ${body}` : `R$${body}`;
}

/** Share of the plant this member got in the cycle, in ppm (allocated / generated), rounded. */
export function sharePpmOf(allocatedWh: bigint, generatedWh: bigint): number {
  if (generatedWh === 0n) return 0;
  return Number((allocatedWh * 1_000_000n + generatedWh / 2n) / generatedWh);
}

const CONNECTION: Record<Lang, readonly string[]> = {
  'pt-BR': ['monofásica', 'bifásica', 'trifásica'],
  en: ['single-phase', 'two-phase', 'three-phase'],
};

export function statementLines(i: StatementInput, lang: Lang): { id: StatementStep; text: string }[] {
  const k = (wh: bigint) => formatKwh(wh, lang);
  const r = (micro: bigint) => formatBrl(micro, lang);
  const { s } = i;
  const month = formatCycle(i.cycle);
  const year = Math.floor(i.cycle / 100);
  const share = formatPpm(sharePpmOf(s.allocatedWh, i.generatedWh), lang);
  const fromCurrent = s.compensatedWh - s.usedFromLotsWh;
  const gd2 = i.regime === Regime.GD_II;
  const conn = CONNECTION[lang][i.connection] ?? '';
  const fioBPerKwh = (i.fioBMicroBrlPerKwh * BigInt(i.fioBSharePpm)) / 1_000_000n;
  const energyMicro = (s.billedWh * i.fullTariffMicroBrlPerKwh) / 1000n;
  const minimumMicro = (s.minimumWh * i.fullTariffMicroBrlPerKwh) / 1000n;
  const savings = s.noSolarBillMicroBrl - s.billMicroBrl;
  const full = formatTariff(i.fullTariffMicroBrlPerKwh, lang);
  const consumedBelowMin = s.consumedWh < s.minimumWh;
  // GD II, "down to the minimum": part of the consumption was left uncompensated because more credits
  // would not have lowered a bill already at the minimum (the bill is then the minimum, give or take
  // a rounding of the Fio B).
  const keptAtMinimum =
    gd2 && (i.gd2BelowMinimum ?? 0) === 0 && s.compensatedWh < s.consumedWh && s.billMicroBrl >= minimumMicro && s.billMicroBrl - minimumMicro < 1000n;

  if (lang === 'pt-BR') {
    return [
      { id: 'generated', text: `1. Em ${month} a usina da comunidade gerou ${k(i.generatedWh)}.` },
      { id: 'share', text: `2. Sua parte da usina neste ciclo foi ${share}.` },
      { id: 'allocated', text: `3. Por isso você recebeu ${share} × ${k(i.generatedWh)} = ${k(s.allocatedWh)} alocados.` },
      { id: 'consumed', text: `4. Você consumiu ${k(s.consumedWh)} da rede (leitura do medidor).` },
      {
        id: 'compensated',
        text: `5. Foram compensados ${k(s.compensatedWh)}: primeiro ${k(fromCurrent)} da energia deste mês, depois ${k(s.usedFromLotsWh)} de créditos antigos (o lote mais antigo primeiro).${gd2 ? '' : ' No GD I a compensação para no custo de disponibilidade.'}${
          keptAtMinimum
            ? ' A compensação parou onde a conta chega ao custo de disponibilidade: mais créditos não baixariam a conta, então continuam guardados.'
            : ''
        }`,
      },
      {
        id: 'minimum',
        text: `6. Custo de disponibilidade da ligação ${conn}: ${k(s.minimumWh)}. ${
          s.minimumApplied
            ? `Aplicou-se: a conta é o mínimo, ${k(s.minimumWh)} × ${full} = ${r(minimumMicro)}.`
            : gd2
              ? `Não se aplicou: ${consumedBelowMin ? 'a conta calculada ficou acima do mínimo' : `seu consumo medido (${k(s.consumedWh)}) é maior que o mínimo`}.`
              : 'Não se aplicou.'
        }`,
      },
      {
        id: 'fiob',
        text: gd2
          ? `7. Fio B: em ${year} a parcela é ${formatPpm(i.fioBSharePpm, lang)} de ${formatTariff(i.fioBMicroBrlPerKwh, lang)}/kWh = ${formatTariff(fioBPerKwh, lang)} por kWh compensado; ${k(s.compensatedWh)} × ${formatTariff(fioBPerKwh, lang)} = ${r(s.fioBMicroBrl)}.`
          : `7. Fio B: GD I é isento até 2045 (${r(s.fioBMicroBrl)}).`,
      },
      {
        id: 'bill',
        text: s.minimumApplied
          ? `8. Conta estimada: o mínimo, ${r(s.billMicroBrl)}.`
          : `8. Conta estimada: ${k(s.billedWh)} faturados × ${full} = ${r(energyMicro)}${gd2 ? ` + Fio B ${r(s.fioBMicroBrl)}` : ''} = ${r(s.billMicroBrl)}.`,
      },
      {
        id: 'savings',
        text: `9. Sem a usina você pagaria ${k(s.consumedWh)} × ${full} = ${r(s.noSolarBillMicroBrl)}. Economia: ${r(s.noSolarBillMicroBrl)} − ${r(s.billMicroBrl)} = ${r(savings)}.`,
      },
      {
        id: 'balance',
        text: `10. Créditos: ${k(s.createdWh)} criados (a sobra da alocação), ${k(s.usedFromLotsWh)} usados de lotes antigos, ${k(s.expiredWh)} expirados. Saldo após o fechamento: ${k(s.balanceWh)}.`,
      },
    ];
  }
  return [
    { id: 'generated', text: `1. In ${month} the community's plant generated ${k(i.generatedWh)}.` },
    { id: 'share', text: `2. Your share of the plant this cycle was ${share}.` },
    { id: 'allocated', text: `3. So you were allocated ${share} × ${k(i.generatedWh)} = ${k(s.allocatedWh)}.` },
    { id: 'consumed', text: `4. You used ${k(s.consumedWh)} from the grid (meter reading).` },
    {
      id: 'compensated',
      text: `5. ${k(s.compensatedWh)} were offset: first ${k(fromCurrent)} from this month's energy, then ${k(s.usedFromLotsWh)} from older credits (oldest lot first).${gd2 ? '' : ' Under GD I offsetting stops at the minimum charge.'}${
        keptAtMinimum ? ' Offsetting stopped where the bill reaches the minimum charge: more credits would not lower it, so they stay banked.' : ''
      }`,
    },
    {
      id: 'minimum',
      text: `6. Minimum charge for a ${conn} connection: ${k(s.minimumWh)}. ${
        s.minimumApplied
          ? `It applied: the bill is the minimum, ${k(s.minimumWh)} × ${full} = ${r(minimumMicro)}.`
          : gd2
            ? `It did not apply: ${consumedBelowMin ? 'the computed bill was above the minimum' : `your measured consumption (${k(s.consumedWh)}) is above the minimum`}.`
            : 'It did not apply.'
      }`,
    },
    {
      id: 'fiob',
      text: gd2
        ? `7. Fio B: in ${year} the share is ${formatPpm(i.fioBSharePpm, lang)} of ${formatTariff(i.fioBMicroBrlPerKwh, lang)}/kWh = ${formatTariff(fioBPerKwh, lang)} per offset kWh; ${k(s.compensatedWh)} × ${formatTariff(fioBPerKwh, lang)} = ${r(s.fioBMicroBrl)}.`
        : `7. Fio B: GD I is exempt until 2045 (${r(s.fioBMicroBrl)}).`,
    },
    {
      id: 'bill',
      text: s.minimumApplied
        ? `8. Estimated bill: the minimum, ${r(s.billMicroBrl)}.`
        : `8. Estimated bill: ${k(s.billedWh)} billed × ${full} = ${r(energyMicro)}${gd2 ? ` + Fio B ${r(s.fioBMicroBrl)}` : ''} = ${r(s.billMicroBrl)}.`,
    },
    {
      id: 'savings',
      text: `9. Without the plant you would pay ${k(s.consumedWh)} × ${full} = ${r(s.noSolarBillMicroBrl)}. Savings: ${r(s.noSolarBillMicroBrl)} − ${r(s.billMicroBrl)} = ${r(savings)}.`,
    },
    {
      id: 'balance',
      text: `10. Credits: ${k(s.createdWh)} created (allocation left over), ${k(s.usedFromLotsWh)} used from older lots, ${k(s.expiredWh)} expired. Balance after the close: ${k(s.balanceWh)}.`,
    },
  ];
}
