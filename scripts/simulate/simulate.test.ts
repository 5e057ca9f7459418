import { describe, expect, it } from 'vitest';
import { runSimulation, sharesFromWeights } from './engine.ts';
import { renderReport } from './report.ts';

describe('sharesFromWeights', () => {
  it('sums to exactly 1,000,000 ppm', () => {
    for (const w of [[1, 1, 1], [150, 320, 650, 420, 150, 320, 650], [7]]) {
      expect(sharesFromWeights(w).reduce((a, b) => a + b, 0)).toBe(1_000_000);
    }
    expect(sharesFromWeights([1, 1, 1])).toEqual([333_334, 333_333, 333_333]);
  });
});

describe('the simulation on a real chain', () => {
  it('is deterministic for a seed (N = 3, M = 2): same report twice', async () => {
    const opts = { members: 3, months: 2, city: 'sao-paulo' as const, seed: 7, startCycle: 202601, port: 8556 };
    const a = renderReport(await runSimulation(opts));
    const b = renderReport(await runSimulation(opts));
    expect(a.markdown).toBe(b.markdown);
    expect(a.svgs).toEqual(b.svgs);
    expect(a.markdown).toMatch(/\| closeCycle \| [0-9]+ \|/);
    expect(a.markdown).toContain('kWh compensated');
  }, 120_000);
});
