/**
 * The next cycle's allocation table (rateio): percentages per UC that make the distributor's
 * allocation follow the ledger's net credit transfers. Pure; all energy in Wh (bigint).
 *
 * For each member: want = share × expected generation + net received − net given + carry-in.
 * target = want clamped to [0, expected generation]; percentages = target / Σ targets, in ppm
 * summing to exactly 1,000,000 (largest remainder). What the table cannot deliver this cycle
 * (want − delivered) carries to the next cycle's table.
 */
export const PPM = 1_000_000n;

export interface AllocationMember {
  id: number;
  sharePpm: number;
  active: boolean;
}

export interface AllocationInput {
  members: readonly AllocationMember[];
  expectedGenerationWh: bigint;
  /** received − given in the last cycle (donations, pool assignments, trades), per member id. */
  netWh: ReadonlyMap<number, bigint>;
  /** carried from the previous table (signed), per member id. */
  carryInWh?: ReadonlyMap<number, bigint>;
}

export interface AllocationRow {
  memberId: number;
  baseWh: bigint;
  netWh: bigint;
  carryInWh: bigint;
  wantWh: bigint;
  targetWh: bigint;
  ppm: number;
  /** What `ppm` of the expected generation delivers. */
  deliveredWh: bigint;
  /** want − delivered: carries to the next table. */
  carryOutWh: bigint;
}

/** Splits `total` in proportion to `weights` (non-negative) with the largest-remainder method; ties go to the earlier index. */
export function largestRemainder(weights: readonly bigint[], total: bigint): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const floors = weights.map((w) => (w * total) / sum);
  const rems = weights.map((w, i) => ({ i, r: (w * total) % sum }));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left <= 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors;
}

export function allocationTable(input: AllocationInput): AllocationRow[] {
  const g = input.expectedGenerationWh > 0n ? input.expectedGenerationWh : 0n;
  const pre = input.members.map((m) => {
    const baseWh = m.active ? (BigInt(m.sharePpm) * g) / PPM : 0n;
    const netWh = input.netWh.get(m.id) ?? 0n;
    const carryInWh = input.carryInWh?.get(m.id) ?? 0n;
    const wantWh = baseWh + netWh + carryInWh;
    const targetWh = !m.active || wantWh < 0n ? 0n : wantWh > g ? g : wantWh;
    return { memberId: m.id, baseWh, netWh, carryInWh, wantWh, targetWh, sharePpm: BigInt(m.active ? m.sharePpm : 0) };
  });
  const targetsSum = pre.reduce((a, r) => a + r.targetWh, 0n);
  // Nothing to distribute by targets (no generation): keep the base shares.
  const weights = targetsSum > 0n ? pre.map((r) => r.targetWh) : pre.map((r) => r.sharePpm);
  const ppms = largestRemainder(weights, PPM);
  return pre.map((r, i) => {
    const ppm = ppms[i]!;
    const deliveredWh = (ppm * g) / PPM;
    return {
      memberId: r.memberId,
      baseWh: r.baseWh,
      netWh: r.netWh,
      carryInWh: r.carryInWh,
      wantWh: r.wantWh,
      targetWh: r.targetWh,
      ppm: Number(ppm),
      deliveredWh,
      carryOutWh: r.wantWh - deliveredWh,
    };
  });
}

/** "uc;rotulo;percentual" with pt-BR decimals (4 places: ppm is exact at 0,0001 %). */
export function allocationCsv(rows: readonly { uc: string; label: string; ppm: number }[]): string {
  const pct = (ppm: number) => {
    const s = String(ppm).padStart(5, '0');
    return `${s.slice(0, -4)},${s.slice(-4)}`;
  };
  const esc = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['uc;rotulo;percentual', ...rows.map((r) => `${esc(r.uc)};${esc(r.label)};${pct(r.ppm)}`)].join('\r\n') + '\r\n';
}

/**
 * Why the distributor could not use the CSV: rows with no UC number. `noDirectory` when this
 * browser has no UC directory at all (every UC column is then empty), `missing` when only some
 * members are not in it (or their entry does not match the on-chain commitment). null: usable.
 */
export type UcProblem = { kind: 'noDirectory'; rows: number } | { kind: 'missing'; labels: string[] };

export function ucProblem(rows: readonly { uc: string; label: string }[], directorySize: number): UcProblem | null {
  const missing = rows.filter((r) => r.uc.trim() === '');
  if (missing.length === 0) return null;
  if (directorySize === 0) return { kind: 'noDirectory', rows: missing.length };
  return { kind: 'missing', labels: missing.map((r) => r.label) };
}
