/**
 * Build-time half of the installable app (Node only, used by vite.config.ts): `vite build` emits
 * ./sw.js from app/lib/pwa/sw.ts, with
 * - SHELL: what an offline start needs, as URLs relative to the worker: the page (`./`),
 *   chains.json, every script, style and icon index.html loads, the public files (manifest, icons),
 *   and the chunks an offline page may still need though the first screen does not load them
 *   (OFFLINE_CHUNKS: the English dictionary, so the language toggle works offline);
 * - VERSION: a hash of every file of the build, so a new release gets a new cache and the old one
 *   is deleted when its worker activates.
 * The dev server has no worker (app/lib/pwa/register.ts registers only in a build).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const SW_FILE = 'sw.js';
const source = join(import.meta.dirname, '..', 'lib', 'pwa', 'sw.ts');
const VERSION_SLOT = /(["'`])__COMPARTILHA_SW_VERSION__\1/g;
const SHELL_SLOT = /\[\s*(["'`])__COMPARTILHA_SW_SHELL__\1\s*\]/g;
/** Lazy modules kept at install, with the chunks they import. */
const OFFLINE_CHUNKS = [/app[\\/]lib[\\/]lang-en\.ts$/];

/** The file names of the chunks whose entry module matches `modules`, and of everything they import. */
export function offlineChunks(
  bundle: Record<string, { type: string; facadeModuleId?: string | null; imports?: string[] }>,
  modules: readonly RegExp[],
): string[] {
  const out = new Set<string>();
  const add = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    for (const dep of bundle[name]?.imports ?? []) add(dep);
  };
  for (const [name, out_] of Object.entries(bundle)) if (out_.type === 'chunk' && modules.some((re) => re.test(out_.facadeModuleId ?? ''))) add(name);
  return [...out];
}

/** The relative URLs index.html loads (`./…` in src= and href=), in order, without duplicates. */
export function htmlRefs(html: string): string[] {
  return [...new Set([...html.matchAll(/\s(?:src|href)="(\.\/[^"#?]+)"/g)].map((m) => m[1]!))];
}

/** The worker's code with its two slots filled in; throws if a slot is missing (the source changed). */
export function fillWorker(code: string, version: string, shell: readonly string[]): string {
  const slots = (re: RegExp) => code.match(re)?.length ?? 0;
  if (slots(VERSION_SLOT) !== 1 || slots(SHELL_SLOT) !== 1) throw new Error(`${SW_FILE}: the VERSION / SHELL placeholders were not found once each`);
  return code.replace(VERSION_SLOT, JSON.stringify(version)).replace(SHELL_SLOT, JSON.stringify(shell));
}

export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'compartilha-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: source, fileName: SW_FILE });
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const worker = bundle[SW_FILE];
        const html = bundle['index.html'];
        if (worker?.type !== 'chunk') throw new Error(`${SW_FILE} was not built`);
        if (html?.type !== 'asset') throw new Error('index.html is not in the bundle');
        if (worker.imports.length > 0 || worker.dynamicImports.length > 0)
          throw new Error(`${SW_FILE} must be one classic script, it imports ${worker.imports.join(', ')}`);
        const publicFiles = readdirSync(publicDir).sort();
        const lazy = offlineChunks(bundle, OFFLINE_CHUNKS);
        if (lazy.length === 0) throw new Error(`${SW_FILE}: no chunk holds the English dictionary (app/lib/lang-en.ts)`);
        const shell = [
          ...new Set(['./', './chains.json', ...htmlRefs(String(html.source)), ...lazy.map((f) => `./${f}`), ...publicFiles.map((f) => `./${f}`)]),
        ];
        const missing = shell.filter((u) => u !== './' && !bundle[u.slice(2)] && !publicFiles.includes(u.slice(2)));
        if (missing.length > 0) throw new Error(`${SW_FILE}: the shell lists files the build does not have: ${missing.join(', ')}`);
        const hash = createHash('sha256');
        for (const name of Object.keys(bundle).sort()) {
          const out = bundle[name]!;
          if (name !== SW_FILE)
            hash
              .update(`${name}\0`)
              .update(out.type === 'chunk' ? out.code : out.source)
              .update('\0');
        }
        for (const f of publicFiles)
          hash
            .update(`${f}\0`)
            .update(readFileSync(join(publicDir, f)))
            .update('\0');
        worker.code = fillWorker(worker.code, hash.digest('hex').slice(0, 16), shell);
      },
    },
  };
}
