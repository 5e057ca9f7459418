import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from './fixed.ts';

describe('tariffs in micro-BRL', () => {
  it.each([
    ['0,80', 800_000n],
    ['0.8', 800_000n],
    ['R$ 0,280000', 280_000n],
    ['1,234567', 1_234_567n],
    ['2', 2_000_000n],
  ])('%s → %s', (t, v) => expect(parseFixed(t, 6)).toBe(v));
  it.each(['', '-0,8', '0,1234567', 'abc', '1,2,3'])('%s refused', (t) => expect(parseFixed(t, 6)).toBeNull());
  it('formats back', () => expect(formatFixed(800_000n, 6, 'pt-BR')).toBe('0,800000'));
});
