/**
 * Build-time half of the runtime chain list (Node only, used by vite.config.ts):
 * - `vite build` emits `dist/chains.json` from contracts-abi/deployments/*.json, with
 *   VITE_LOCAL_RPC_URL applied to the local chain (and VITE_LOCAL_ZERO_GAS=1 marking it zero-gas:
 *   the e2e suite's zero-gas run); an operator may edit it before pinning;
 * - `vite` (dev) serves the same file at /chains.json, re-read on every request;
 * - index.html preloads the app chunk, which boot.ts imports once chains.json is read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { LOCAL_CHAIN_ID, parseChainConfig, withConnectSrc, withLocalRpc, withoutLocalChain, type Deployment } from './chain-config.ts';

const deploymentsDir = join(import.meta.dirname, '..', '..', 'contracts-abi', 'deployments');

/**
 * The deployments in `dir` (`<chainId>.json`; partial deployments are not listed), the local chain
 * only in a development build; throws on a deployment file that is invalid.
 */
export function deploymentsFrom(dir: string, localRpcUrl: unknown, devChain = true, localZeroGas: unknown = undefined): Deployment[] {
  const files = readdirSync(dir).filter((f) => /^\d+\.json$/.test(f));
  const { deployments, errors } = parseChainConfig(
    files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))),
    LOCAL_CHAIN_ID,
  );
  if (errors.length > 0) throw new Error(`${dir}: ${errors.join('; ')}`);
  const list = withLocalRpc(deployments, localRpcUrl, localZeroGas);
  return devChain ? list : withoutLocalChain(list);
}

/** The chains.json text for the deployments in `dir`. */
export function chainsJsonFrom(dir: string, localRpcUrl: unknown, devChain = true, localZeroGas: unknown = undefined): string {
  return `${JSON.stringify(deploymentsFrom(dir, localRpcUrl, devChain, localZeroGas), null, 2)}\n`;
}

export function chainsJson(opts: { dir?: string; devChain?: boolean } = {}): Plugin {
  const dir = opts.dir ?? deploymentsDir;
  const devChain = opts.devChain ?? true;
  let localRpcUrl: unknown;
  let localZeroGas: unknown;
  return {
    name: 'compartilha-chains-json',
    configResolved(config) {
      localRpcUrl = config.env.VITE_LOCAL_RPC_URL;
      localZeroGas = config.env.VITE_LOCAL_ZERO_GAS;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'chains.json', source: chainsJsonFrom(dir, localRpcUrl, devChain, localZeroGas) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/chains.json') return next();
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(chainsJsonFrom(dir, localRpcUrl, devChain, localZeroGas));
      });
    },
    // The app is imported by boot.ts after chains.json is read: let the browser download it (and
    // its CSS) in parallel instead of after.
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const policy = withConnectSrc(html, deploymentsFrom(dir, localRpcUrl, devChain, localZeroGas), devChain);
        // The dev server's hot reload talks over a websocket.
        const csp = ctx.server ? policy.replace("connect-src 'self'", "connect-src 'self' ws: wss:") : policy;
        const main = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/app/main.tsx'));
        if (main?.type !== 'chunk') return { html: csp, tags: [] };
        const preload = [main.fileName, ...main.imports.filter((f) => !ctx.chunk || f !== ctx.chunk.fileName)].map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
        }));
        const css = [...(main.viteMetadata?.importedCss ?? [])].map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${f}` } }));
        return { html: csp, tags: [...preload, ...css].map((t) => ({ ...t, injectTo: 'head' as const })) };
      },
    },
  };
}
