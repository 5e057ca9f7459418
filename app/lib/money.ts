/**
 * Money as a resident reads it. A community pays in an ERC-20 token; when the token stands for
 * reais (its symbol says BRL, BRZ or REAL: DemoBRL "dBRL", BRZ, "cREAL"), amounts are printed as
 * reais, in the same style as formatBrl ("R$ 1.000,00" in pt-BR, "R$1,000.00" in English) and the
 * token is named once where it matters (tokenNote). Any other token keeps its symbol ("1.000,00 USDC").
 * Inputs are token base units (integers); the decimals are the token's.
 */
import { formatTokenAmount } from './amounts.ts';
import type { Lang } from './format.ts';

export interface TokenMeta {
  symbol: string;
  decimals: number;
}

/** The rule: a token whose symbol contains BRL, BRZ or REAL (any case) stands for reais, 1 : 1. */
export function isReaisToken(symbol: string): boolean {
  return /BRL|BRZ|REAL/i.test(symbol);
}

function withUnit(body: string, token: TokenMeta, lang: Lang, suffix = ''): string {
  const neg = body.startsWith('-');
  const abs = neg ? body.slice(1) : body;
  const sign = neg ? '-' : '';
  if (isReaisToken(token.symbol)) return lang === 'pt-BR' ? `${sign}R$ ${abs}${suffix}` : `${sign}R$${abs}${suffix}`;
  return token.symbol ? `${sign}${abs} ${token.symbol}${suffix}` : `${sign}${abs}${suffix}`;
}

/** Token base units → "R$ 1.000,00" / "R$1,000.00" (reais token) or "1.000,00 USDC"; 2 to 4 decimals, truncated. */
export function formatMoney(units: bigint, token: TokenMeta, lang: Lang): string {
  return withUnit(formatTokenAmount(units, token.decimals, lang), token, lang);
}

/** A price in token base units per kWh → "R$ 0,45/kWh" / "R$0.45/kWh" (or "0,45 USDC/kWh"). */
export function formatPricePerKwh(units: bigint, token: TokenMeta, lang: Lang): string {
  return withUnit(formatTokenAmount(units, token.decimals, lang), token, lang, '/kWh');
}

/** The number only, as a price field shows it ("0,45"): for tables headed "Preço (R$/kWh)". */
export function formatPriceNumber(units: bigint, token: TokenMeta, lang: Lang): string {
  return formatTokenAmount(units, token.decimals, lang);
}

/** The unit a price column is headed with: "R$/kWh" for a reais token, "USDC/kWh" otherwise. */
export function priceUnit(token: TokenMeta): string {
  return isReaisToken(token.symbol) || !token.symbol ? 'R$/kWh' : `${token.symbol}/kWh`;
}

/**
 * Token base units → a JavaScript number of whole tokens, for a chart's y values only (uPlot plots
 * numbers; every figure a person reads is formatted from the integer). Exact to ~15 digits.
 */
export function unitsToNumber(units: bigint, decimals: number): number {
  const unit = 10n ** BigInt(decimals);
  const int = units / unit;
  const frac = units % unit;
  return Number(int) + Number(frac) / Number(unit);
}
