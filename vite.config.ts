import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { chainsJson } from './app/config/chains-plugin.ts';
import { serviceWorker } from './app/config/pwa-plugin.ts';

// The dev server needs inline scripts/styles (React refresh, CSS injection) and a websocket (HMR,
// added by chains-plugin.ts with the RPC origins): relax the CSP only there.
const devCsp: Plugin = {
  name: 'compartilha-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

// base './' so the build works from any IPFS gateway path; hash routing in the app.
// A production build (the default) carries no development chain; `npm run dev` and builds with
// COMPARTILHA_DEV_CHAIN=1 (the e2e suite, the benchmarks) keep the local chain and the demo wallet.
export default defineConfig(({ command }) => {
  const devChain = command === 'serve' || process.env.COMPARTILHA_DEV_CHAIN === '1';
  return {
    base: './',
    define: { __DEV_CHAIN__: JSON.stringify(devChain) },
    plugins: [react(), devCsp, chainsJson({ devChain, dir: process.env.COMPARTILHA_DEPLOYMENTS_DIR }), serviceWorker()],
    build: {
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 600,
      modulePreload: { polyfill: false },
      // Every ABI whole is for the screens that write: its own chunk, or the bundler may merge it
      // into a chunk the first screen loads (the first screen reads contracts-abi/first-screen.ts).
      rollupOptions: { output: { manualChunks: (id: string) => (/contracts-abi[\\/]abis\.ts$/.test(id) ? 'abis' : undefined) } },
    },
    test: {
      include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts', 'contracts-abi/**/*.test.ts'],
      environment: 'node',
    },
  };
});
