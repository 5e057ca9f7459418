import { describe, expect, it } from 'vitest';
import { allocationCsv, allocationTable, largestRemainder, ucProblem } from './allocationTable.ts';

const six = [200_000, 200_000, 150_000, 150_000, 150_000, 150_000].map((sharePpm, id) => ({ id, sharePpm, active: true }));
const G = 3_600_000n; // 3,600 kWh
const sum = (xs: { ppm: number }[]) => xs.reduce((a, r) => a + r.ppm, 0);

describe('allocationTable', () => {
  it('with no transfers the table is the base shares, summing to exactly 1,000,000', () => {
    const rows = allocationTable({ members: six, expectedGenerationWh: G, netWh: new Map() });
    expect(rows.map((r) => r.ppm)).toEqual([200_000, 200_000, 150_000, 150_000, 150_000, 150_000]);
    expect(rows.every((r) => r.carryOutWh === 0n)).toBe(true);
  });

  it('a donation moves percentage points from the donor to the recipient', () => {
    // B gives 72 kWh to F: B 720 − 72 = 648 kWh (18 %), F 540 + 72 = 612 kWh (17 %).
    const rows = allocationTable({
      members: six,
      expectedGenerationWh: G,
      netWh: new Map([
        [1, -72_000n],
        [5, 72_000n],
      ]),
    });
    expect(rows[1]!.ppm).toBe(180_000);
    expect(rows[5]!.ppm).toBe(170_000);
    expect(sum(rows)).toBe(1_000_000);
  });

  it('uneven thirds still sum to exactly 1,000,000 (largest remainder)', () => {
    const m = [0, 1, 2].map((id) => ({ id, sharePpm: 333_333 + (id === 0 ? 1 : 0), active: true }));
    const rows = allocationTable({
      members: m,
      expectedGenerationWh: 1_000_001n,
      netWh: new Map([
        [2, 7n],
        [0, -7n],
      ]),
    });
    expect(sum(rows)).toBe(1_000_000);
  });

  it('a donor who gave more than one cycle of their share is clamped to 0 % and the excess carries', () => {
    // E (15 % = 540 kWh) gave 900 kWh to C: E wants −360 kWh → 0 %, carries −360 kWh;
    // C wants 540 + 900 = 1,440 kWh. Σ targets = 3,600 − 540 + 900 = 3,960 > 3,600, so everyone is scaled.
    const rows = allocationTable({
      members: six,
      expectedGenerationWh: G,
      netWh: new Map([
        [4, -900_000n],
        [2, 900_000n],
      ]),
    });
    expect(rows[4]!.targetWh).toBe(0n);
    expect(rows[4]!.ppm).toBe(0);
    expect(rows[4]!.carryOutWh).toBe(-360_000n);
    expect(sum(rows)).toBe(1_000_000);
    // Σ carry = Σ want − G (nothing is lost, only deferred).
    const carry = rows.reduce((a, r) => a + r.carryOutWh, 0n);
    const want = rows.reduce((a, r) => a + r.wantWh, 0n);
    const delivered = rows.reduce((a, r) => a + r.deliveredWh, 0n);
    expect(carry).toBe(want - delivered);
    expect(G - delivered).toBeLessThan(6n); // only whole-Wh rounding
    // Next cycle: the carried −360 kWh keeps E at 0 % once more, then it is paid off.
    const next = allocationTable({
      members: six,
      expectedGenerationWh: G,
      netWh: new Map(),
      carryInWh: new Map(rows.map((r) => [r.memberId, r.carryOutWh])),
    });
    expect(next[4]!.wantWh).toBe(540_000n - 360_000n);
    expect(next[4]!.ppm).toBeGreaterThan(40_000); // ≈ 180 kWh of 3,600, scaled by the others' carries
    expect(next[4]!.ppm).toBeLessThan(50_001);
    expect(sum(next)).toBe(1_000_000);
  });

  it('a target above the whole plant is capped at 100 %', () => {
    const rows = allocationTable({
      members: [
        { id: 0, sharePpm: 500_000, active: true },
        { id: 1, sharePpm: 500_000, active: true },
      ],
      expectedGenerationWh: 1_000n,
      netWh: new Map([
        [0, 5_000n],
        [1, -5_000n],
      ]),
    });
    expect(rows[0]!.targetWh).toBe(1_000n);
    expect(rows[0]!.ppm).toBe(1_000_000);
    expect(rows[1]!.ppm).toBe(0);
    expect(rows[0]!.carryOutWh).toBe(5_500n - 1_000n);
  });

  it('inactive members get 0 % and no generation keeps the base shares', () => {
    const rows = allocationTable({
      members: [
        { id: 0, sharePpm: 600_000, active: true },
        { id: 1, sharePpm: 400_000, active: true },
        { id: 2, sharePpm: 0, active: false },
      ],
      expectedGenerationWh: 0n,
      netWh: new Map(),
    });
    expect(rows.map((r) => r.ppm)).toEqual([600_000, 400_000, 0]);
  });

  it('largestRemainder gives leftovers to the largest remainders', () => {
    expect(largestRemainder([1n, 1n, 1n], 100n)).toEqual([34n, 33n, 33n]);
    expect(largestRemainder([0n, 0n], 10n)).toEqual([0n, 0n]);
  });

  it('exports the distributor CSV', () => {
    expect(
      allocationCsv([
        { uc: '0012', label: 'Apto 101', ppm: 125_000 },
        { uc: '', label: 'A;B', ppm: 5 },
      ]),
    ).toBe('uc;rotulo;percentual\r\n0012;Apto 101;12,5000\r\n;"A;B";0,0005\r\n');
  });
});

describe('ucProblem (before the distributor CSV is downloaded)', () => {
  const rows = [
    { uc: '0012345601', label: 'Apto 101' },
    { uc: '0012345602', label: 'Apto 102' },
  ];
  it('every UC known: nothing to warn about', () => {
    expect(ucProblem(rows, 2)).toBeNull();
    expect(ucProblem([], 0)).toBeNull();
  });
  it('no directory in this browser: every row is missing, said as such', () => {
    const none = rows.map((r) => ({ ...r, uc: '' }));
    expect(ucProblem(none, 0)).toEqual({ kind: 'noDirectory', rows: 2 });
  });
  it('a directory without some members (or a stale entry): those members are named', () => {
    expect(ucProblem([rows[0]!, { uc: ' ', label: 'Apto 102' }], 1)).toEqual({ kind: 'missing', labels: ['Apto 102'] });
  });
  it('the warning looks at the same rows the CSV is made of', () => {
    const r = [{ uc: '', label: 'Apto 101', ppm: 1_000_000 }];
    expect(allocationCsv(r).split('\r\n')[1]).toBe(';Apto 101;100,0000');
    expect(ucProblem(r, 0)).not.toBeNull();
  });
});
