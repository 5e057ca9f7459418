/**
 * Set at build time (vite.config.ts `define`): true in `npm run dev` and in development builds
 * (COMPARTILHA_DEV_CHAIN=1: the e2e suite, the benchmarks), false in a production release, whose
 * bundle then holds no local chain, no demo wallet and no localhost origin.
 */
export const DEV_CHAIN: boolean = __DEV_CHAIN__;

/** The local development chain's id (anvil), only in a development build: a production bundle holds no 31337. */
export const DEV_CHAIN_ID: number | undefined = DEV_CHAIN ? 31337 : undefined;
