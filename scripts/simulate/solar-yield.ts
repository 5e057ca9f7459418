// Monthly specific yield (kWh per kWp) of a fixed, well-oriented PV plant in five Brazilian
// capitals, January to December.
//
// Source: monthly mean daily global horizontal irradiation from the Atlas Brasileiro de Energia
// Solar, 2nd ed. (INPE/LABREN, 2017; the same data served by CRESESB's SunData), rounded to
// 0.1 kWh/m²/day, converted with yield = irradiation × days in month × performance ratio 0.78.
// The irradiation figures are rounded readings of the atlas' maps and tables, good to about ±5 %:
// enough for a simulation, not for sizing a plant.
export interface CityYield {
  name: string;
  /** kWh/m²/day, Jan..Dec */
  irradiation: readonly number[];
}

export const PERFORMANCE_RATIO = 0.78;

export const CITIES = {
  'sao-paulo': { name: 'São Paulo (SP)', irradiation: [5.2, 5.4, 4.8, 4.2, 3.5, 3.2, 3.4, 4.2, 4.4, 4.9, 5.2, 5.4] },
  'belo-horizonte': { name: 'Belo Horizonte (MG)', irradiation: [5.6, 5.9, 5.2, 4.8, 4.3, 4.1, 4.3, 5.0, 5.2, 5.4, 5.2, 5.3] },
  'rio-de-janeiro': { name: 'Rio de Janeiro (RJ)', irradiation: [5.9, 6.0, 5.3, 4.5, 3.8, 3.5, 3.7, 4.3, 4.4, 5.0, 5.4, 5.7] },
  fortaleza: { name: 'Fortaleza (CE)', irradiation: [5.6, 5.5, 5.1, 4.8, 5.1, 5.1, 5.4, 6.0, 6.3, 6.3, 6.2, 5.9] },
  'porto-alegre': { name: 'Porto Alegre (RS)', irradiation: [6.3, 5.8, 5.0, 3.9, 2.9, 2.4, 2.6, 3.3, 4.0, 5.2, 6.2, 6.6] },
} as const satisfies Record<string, CityYield>;

export type CityKey = keyof typeof CITIES;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** kWh per kWp for month 1..12, as an integer in Wh per kWp (no floats leave this module). */
export function yieldWhPerKwp(city: CityKey, month: number): bigint {
  const irr = CITIES[city].irradiation[month - 1];
  const days = DAYS[month - 1];
  if (irr === undefined || days === undefined) throw new Error(`bad month ${month}`);
  return BigInt(Math.round(irr * days * PERFORMANCE_RATIO * 1000));
}
