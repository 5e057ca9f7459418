import { describe, expect, it } from 'vitest';
import { addCycles, cyclesBetween, isValidCycle, parseCycle } from './cycles.ts';

describe('cycles', () => {
  it('validates YYYYMM', () => {
    expect(isValidCycle(202610)).toBe(true);
    expect(isValidCycle(202613)).toBe(false);
    expect(isValidCycle(202600)).toBe(false);
    expect(isValidCycle(0)).toBe(false);
    expect(isValidCycle(2026.1)).toBe(false);
    // the years the contracts accept (CycleLib): 2000..2200
    expect(isValidCycle(200001)).toBe(true);
    expect(isValidCycle(220012)).toBe(true);
    expect(isValidCycle(199912)).toBe(false);
    expect(isValidCycle(220101)).toBe(false);
  });
  it('adds months across years', () => {
    expect(addCycles(202610, 1)).toBe(202611);
    expect(addCycles(202612, 1)).toBe(202701);
    expect(addCycles(202601, -1)).toBe(202512);
    expect(addCycles(202610, 60)).toBe(203110);
    expect(() => addCycles(202613, 1)).toThrow(RangeError);
  });
  it('counts months between', () => {
    expect(cyclesBetween(202610, 203110)).toBe(60);
    expect(cyclesBetween(202612, 202701)).toBe(1);
  });
  it('parses user input', () => {
    expect(parseCycle('10/2026')).toBe(202610);
    expect(parseCycle('2026-1')).toBe(202601);
    expect(parseCycle('13/2026')).toBeUndefined();
    expect(parseCycle('hello')).toBeUndefined();
  });
});
