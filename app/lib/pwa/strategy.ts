/**
 * What the service worker (sw.ts) does with each request, as pure functions so they are tested
 * without a browser. Every URL is relative to the worker's scope (its own folder: `/` at a domain
 * root, `/ipfs/<cid>/` on a gateway), never `/`-absolute.
 * - anything not a GET, or to another origin (the chain's RPC, a wallet's), or outside the scope:
 *   not touched, not cached;
 * - the page itself (a navigation, `./`, `./index.html`) and `./chains.json`: network first, the
 *   cached copy only when the network fails (offline start);
 * - `./assets/*` (file names carry a content hash) and the shell's other files: cache first.
 */
export type Strategy = { kind: 'pass' } | { kind: 'network-first'; key: string } | { kind: 'cache-first' };

export interface RequestLike {
  url: string;
  method: string;
  mode: string;
}

/** The key the page is cached under (relative to the scope). */
export const PAGE_KEY = './';
export const CHAINS_KEY = './chains.json';

export function strategyFor(req: RequestLike, scope: string, shell: readonly string[]): Strategy {
  if (req.method !== 'GET') return { kind: 'pass' };
  const url = new URL(req.url);
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return { kind: 'pass' };
  const rel = url.pathname.slice(base.pathname.length);
  if (req.mode === 'navigate' || rel === '' || rel === 'index.html') return { kind: 'network-first', key: PAGE_KEY };
  if (rel === 'chains.json') return { kind: 'network-first', key: CHAINS_KEY };
  if (url.search !== '') return { kind: 'pass' };
  if (rel.startsWith('assets/') || shell.includes(`./${rel}`)) return { kind: 'cache-first' };
  return { kind: 'pass' };
}

/** One cache per scope and release: two releases on one gateway (two CIDs) never share or delete each other's. */
export function cacheName(scope: string, version: string): string {
  return `compartilha ${scope} ${version}`;
}

/** The caches an activating worker deletes: this scope's older releases, nobody else's. */
export function staleCaches(names: readonly string[], scope: string, version: string): string[] {
  const current = cacheName(scope, version);
  const prefix = `compartilha ${scope} `;
  return names.filter((n) => n.startsWith(prefix) && n !== current);
}

/**
 * Of the URLs a page loaded before the worker controlled it (its first visit), the ones to keep:
 * the release's own cache-first files (the screens' chunks), nothing else (never an RPC URL).
 */
export function filesToKeep(urls: unknown, scope: string, shell: readonly string[]): string[] {
  if (!Array.isArray(urls)) return [];
  const keep = urls.filter((u): u is string => typeof u === 'string' && URL.canParse(u));
  return [...new Set(keep.filter((url) => strategyFor({ url, method: 'GET', mode: 'cors' }, scope, shell).kind === 'cache-first'))];
}
