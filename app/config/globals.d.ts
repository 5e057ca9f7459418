/**
 * Replaced at build time (vite.config.ts `define`) by `true` or `false`. Read it inline where a
 * dynamic import must vanish from a production build: a literal `false` lets Rollup drop the
 * branch and never emit the chunk (an imported constant does not).
 */
declare const __DEV_CHAIN__: boolean;
