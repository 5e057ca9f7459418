// A small seeded PRNG (mulberry32): the simulation must give the same report for the same seed.
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** integer in [lo, hi] */
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    /** multiplicative noise around 1, ± spread */
    noise: (spread: number) => 1 + (next() * 2 - 1) * spread,
  };
}
export type Rng = ReturnType<typeof rng>;
