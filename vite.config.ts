import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' so the build works from any IPFS gateway path; hash routing in the app.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 600 },
  test: {
    include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts', 'contracts-abi/**/*.test.ts'],
    environment: 'node',
  },
});
