// Household profiles: monthly consumption in kWh for an average month, a seasonal curve (air
// conditioning in summer, Jan..Dec multipliers in per cent) and the UC's connection type.
export const PROFILES = [
  { name: 'studio', baseKwh: 150, connection: 0, season: [112, 112, 108, 100, 94, 90, 90, 92, 96, 100, 104, 110] },
  { name: 'family', baseKwh: 320, connection: 1, season: [115, 115, 110, 100, 92, 88, 88, 90, 95, 100, 106, 112] },
  { name: 'home-office', baseKwh: 420, connection: 1, season: [110, 110, 106, 100, 96, 94, 94, 95, 98, 100, 104, 108] },
  { name: 'large-ac', baseKwh: 650, connection: 2, season: [130, 128, 118, 100, 85, 80, 80, 84, 92, 104, 116, 126] },
] as const;

export type Profile = (typeof PROFILES)[number];
