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
  const opts = { members: 3, months: 2, city: 'sao-paulo' as const, seed: 7, startCycle: 202601, port: 8556 };

  it('is deterministic for a seed (N = 3, M = 2): same report twice', async () => {
    const a = renderReport(await runSimulation(opts));
    const b = renderReport(await runSimulation(opts));
    expect(a.markdown).toBe(b.markdown);
    expect(a.svgs).toEqual(b.svgs);
    expect(a.markdown).toMatch(/\| closeCycle \| [0-9]+ \|/);
    expect(a.markdown).toContain('kWh compensated');
  }, 120_000);

  it('mines a month in a few blocks, with the same figures and gas as one transaction per block', async () => {
    const batched = await runSimulation(opts);
    const single = await runSimulation({ ...opts, mining: 'per-transaction' });
    expect(renderReport(batched).markdown).toBe(renderReport(single).markdown);
    expect(batched.mining.transactions).toBe(single.mining.transactions);
    expect(single.mining.blocks).toBe(single.mining.transactions);
    // Setup, then per month and run: the close, the transfers, the cancels (2 runs × 2 months).
    expect(batched.mining.blocks).toBeLessThanOrEqual(2 + 2 * 2 * 3);
    expect(batched.mining.transactions).toBeGreaterThan(3 * batched.mining.blocks);
  }, 120_000);
});
