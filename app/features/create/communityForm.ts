/**
 * "Criar comunidade": the settings a síndico knows, as typed, checked and turned into the
 * arguments of `CommunityRegistry.createCommunity`. Pure (no React, no chain): the app's form and
 * `npm run create-community` both use it, so both accept and refuse the same things.
 */
import { isAddress, zeroAddress, type Address } from 'viem';
import { parseDecimal, type AmountProblem } from '../../lib/amounts.ts';
import { addCycles, isValidCycle, MAX_YEAR, MIN_YEAR, parseCycle } from '../../lib/cycles.ts';
import type { Lang } from '../../lib/format.ts';
import { BelowMinimum, Regime, TradingPolicy } from '../../../contracts-abi/abis.ts';

/** Law 14.300 art. 27: the share of Fio B a GD II unit pays on compensated energy, by billing year. */
export const LAW_FIO_B_SCHEDULE: readonly { year: number; percent: string }[] = [
  { year: 2023, percent: '15' },
  { year: 2024, percent: '30' },
  { year: 2025, percent: '45' },
  { year: 2026, percent: '60' },
  { year: 2027, percent: '75' },
  { year: 2028, percent: '90' },
];

/** Largest plant the ledger accepts: minigeração distribuída ends at 5 MW (Law 14.300 art. 1). */
export const MAX_PLANT_W = 5_000_000n;
/** New solar minigeração is limited to 3 MW (non-dispatchable sources): worth a warning, not a refusal. */
export const SOLAR_MINI_W = 3_000_000n;
const MAX_TEXT_BYTES = 64;
/** The oldest first cycle accepted: the ledger starts when the community starts using it. */
export const MIN_FIRST_CYCLE = 202001;

export type RegimeName = keyof typeof Regime;
export type Policy = 'donations' | 'priced';

/** The form as typed (every number is text in the person's own format). */
export interface CommunityFormInput {
  name: string;
  distributor: string;
  plantKwp: string;
  regime: RegimeName;
  fullTariff: string;
  fioBTariff: string;
  fioBSchedule: readonly { year: number; percent: string }[];
  firstCycle: string;
  tradingPolicy: Policy;
  paymentToken: string;
}

export type CommunityField = 'name' | 'distributor' | 'plantKwp' | 'fullTariff' | 'fioBTariff' | 'fioBSchedule' | 'firstCycle' | 'paymentToken';

export type CommunityProblem =
  | { code: 'empty' }
  | { code: 'tooLong'; max: number }
  | { code: 'amount'; problem: AmountProblem; max?: number }
  | { code: 'plantTooLarge' }
  | { code: 'fioBAboveFull' }
  | { code: 'schedulePercent'; year: number }
  | { code: 'cycleMalformed' }
  | { code: 'cycleInFuture'; current: number }
  | { code: 'cycleTooOld' }
  | { code: 'tokenMissing' }
  | { code: 'tokenMalformed' };

/** The market's minimum order a new community starts with (Wh). */
export const DEFAULT_MIN_ORDER_WH = 1000;

/** The arguments of createCommunity, integers throughout (W, micro-reais per kWh, ppm, YYYYMM). */
export interface CommunityArgs {
  settings: {
    name: string;
    distributor: string;
    plantCapacityW: number;
    regime: number;
    fullTariffMicroBrlPerKwh: bigint;
    fioBMicroBrlPerKwh: bigint;
    paymentToken: Address;
    tradingPolicy: number;
    gd2BelowMinimum: number; // BelowMinimum
    minOrderWh: number; // the market's minimum order (Wh)
  };
  fioBSchedule: { year: number; sharePpm: number }[];
  firstCycle: number;
}

export type CommunityCheck =
  { ok: true; args: CommunityArgs; warnings: 'solarAbove3MW'[] } | { ok: false; problems: Partial<Record<CommunityField, CommunityProblem>> };

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

function text(value: string): { ok: true; value: string } | { ok: false; problem: CommunityProblem } {
  const v = value.trim();
  if (v === '') return { ok: false, problem: { code: 'empty' } };
  if (utf8Length(v) > MAX_TEXT_BYTES) return { ok: false, problem: { code: 'tooLong', max: MAX_TEXT_BYTES } };
  return { ok: true, value: v };
}

/** The month a person is in now, in Brasília (the billing cycles' calendar): YYYYMM. */
export function currentCycle(now: Date, timeZone = 'America/Sao_Paulo'): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return year * 100 + month;
}

/** Checks every field; all problems at once, so the form can mark each field. */
export function checkCommunityForm(input: CommunityFormInput, lang: Lang, now: Date): CommunityCheck {
  const problems: Partial<Record<CommunityField, CommunityProblem>> = {};
  const name = text(input.name);
  if (!name.ok) problems.name = name.problem;
  const distributor = text(input.distributor);
  if (!distributor.ok) problems.distributor = distributor.problem;

  // kWp with up to 3 decimals = watts.
  const plant = parseDecimal(input.plantKwp.replace(/kWp?$/i, ''), 3, lang);
  if (!plant.ok) problems.plantKwp = { code: 'amount', problem: plant.problem, max: plant.max };
  else if (plant.value > MAX_PLANT_W) problems.plantKwp = { code: 'plantTooLarge' };

  const full = parseDecimal(input.fullTariff, 6, lang, (1n << 64n) - 1n);
  if (!full.ok) problems.fullTariff = { code: 'amount', problem: full.problem, max: full.max };
  const fioB = parseDecimal(input.fioBTariff, 6, lang, (1n << 64n) - 1n);
  if (!fioB.ok) problems.fioBTariff = { code: 'amount', problem: fioB.problem, max: fioB.max };
  else if (full.ok && fioB.value > full.value) problems.fioBTariff = { code: 'fioBAboveFull' };

  const schedule: { year: number; sharePpm: number }[] = [];
  for (const step of input.fioBSchedule) {
    // 0 % is a legal step; parseDecimal refuses zero, so "0" is read apart.
    const zero = /^\s*0+([.,]0*)?\s*%?\s*$/.test(step.percent);
    const pct = zero ? ({ ok: true, value: 0n } as const) : parseDecimal(step.percent.replace(/%\s*$/, ''), 4, lang, 1_000_000n);
    if (!pct.ok || !Number.isInteger(step.year) || step.year < MIN_YEAR || step.year > MAX_YEAR) {
      problems.fioBSchedule ??= { code: 'schedulePercent', year: step.year };
      continue;
    }
    schedule.push({ year: step.year, sharePpm: Number(pct.value) }); // 4 decimals of a percent = ppm
  }

  const cycle = parseCycle(input.firstCycle);
  const current = currentCycle(now);
  if (cycle === undefined || !isValidCycle(cycle)) problems.firstCycle = { code: 'cycleMalformed' };
  else if (cycle > current) problems.firstCycle = { code: 'cycleInFuture', current };
  else if (cycle < MIN_FIRST_CYCLE) problems.firstCycle = { code: 'cycleTooOld' };

  const priced = input.tradingPolicy === 'priced';
  const token = input.paymentToken.trim();
  if (priced && token === '') problems.paymentToken = { code: 'tokenMissing' };
  else if (token !== '' && (!isAddress(token, { strict: false }) || token === zeroAddress)) problems.paymentToken = { code: 'tokenMalformed' };

  if (Object.keys(problems).length > 0 || !name.ok || !distributor.ok || !plant.ok || !full.ok || !fioB.ok || cycle === undefined) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    warnings: plant.value > SOLAR_MINI_W ? ['solarAbove3MW'] : [],
    args: {
      settings: {
        name: name.value,
        distributor: distributor.value,
        plantCapacityW: Number(plant.value),
        regime: Regime[input.regime],
        fullTariffMicroBrlPerKwh: full.value,
        fioBMicroBrlPerKwh: fioB.value,
        paymentToken: (priced && token !== '' ? token : zeroAddress) as Address,
        tradingPolicy: priced ? TradingPolicy.PricedOrders : TradingPolicy.DonationsOnly,
        // GD II below the minimum: the default (REN 1.000 art. 655-I); the console's settings change it
        gd2BelowMinimum: BelowMinimum.DownToMinimum,
        // 1 kWh: no dust orders, and a cent's rounding is at most 1 % of a trade at R$ 1/kWh; the
        // console's settings change it
        minOrderWh: DEFAULT_MIN_ORDER_WH,
      },
      fioBSchedule: schedule.sort((a, b) => a.year - b.year),
      firstCycle: cycle,
    },
  };
}

/** A sensible starting form: this month as the first cycle, GD II, the law's Fio B schedule. */
export function defaultCommunityForm(now: Date): CommunityFormInput {
  const c = currentCycle(now);
  return {
    name: '',
    distributor: '',
    plantKwp: '',
    regime: 'GD_II',
    fullTariff: '',
    fioBTariff: '',
    fioBSchedule: LAW_FIO_B_SCHEDULE,
    firstCycle: `${String(c % 100).padStart(2, '0')}/${Math.floor(c / 100)}`,
    tradingPolicy: 'donations',
    paymentToken: '',
  };
}

export { addCycles };
