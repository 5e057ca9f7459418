/**
 * Build-time half of the runtime chain list (Node only, used by vite.config.ts):
 * - `vite build` emits `dist/chains.json` from contracts-abi/deployments/*.json, with
 *   VITE_LOCAL_RPC_URL applied to the local chain; an operator may edit it before pinning;
 * - `vite` (dev) serves the same file at /chains.json, re-read on every request;
 * - index.html preloads the app chunk, which boot.ts imports once chains.json is read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parseChainConfig, withLocalRpc } from './chain-config.ts';

const deploymentsDir = join(import.meta.dirname, '..', '..', 'contracts-abi', 'deployments');

/** The chains.json text for the deployments in `dir`; throws on a deployment file that is invalid. */
export function chainsJsonFrom(dir: string, localRpcUrl: unknown): string {
  const files = readdirSync(dir).filter((f) => /^\d+\.json$/.test(f));
  const { deployments, errors } = parseChainConfig(files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  if (errors.length > 0) throw new Error(`contracts-abi/deployments: ${errors.join('; ')}`);
  return `${JSON.stringify(withLocalRpc(deployments, localRpcUrl), null, 2)}\n`;
}

export function chainsJson(dir = deploymentsDir): Plugin {
  let localRpcUrl: unknown;
  return {
    name: 'compartilha-chains-json',
    configResolved(config) {
      localRpcUrl = config.env.VITE_LOCAL_RPC_URL;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'chains.json', source: chainsJsonFrom(dir, localRpcUrl) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/chains.json') return next();
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(chainsJsonFrom(dir, localRpcUrl));
      });
    },
    // The app is imported by boot.ts after chains.json is read: let the browser download it (and
    // its CSS) in parallel instead of after.
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const main = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/app/main.tsx'));
        if (main?.type !== 'chunk') return;
        const preload = [main.fileName, ...main.imports.filter((f) => !ctx.chunk || f !== ctx.chunk.fileName)].map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` } }));
        const css = [...(main.viteMetadata?.importedCss ?? [])].map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` } }));
        return [...preload, ...css].map((t) => ({ ...t, injectTo: 'head' as const }));
      },
    },
  };
}
