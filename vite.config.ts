import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { chainsJson } from './app/config/chains-plugin.ts';

// The dev server needs inline scripts/styles (React refresh, CSS injection) and a websocket (HMR):
// relax the CSP only there; the production build keeps the strict policy of index.html.
const devCsp: Plugin = {
  name: 'compartilha-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
};

// base './' so the build works from any IPFS gateway path; hash routing in the app.
export default defineConfig({
  base: './',
  plugins: [react(), devCsp, chainsJson()],
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 600, modulePreload: { polyfill: false } },
  test: {
    include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts', 'contracts-abi/**/*.test.ts'],
    environment: 'node',
  },
});
