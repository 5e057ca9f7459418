/**
 * The service worker (built to ./sw.js by app/config/pwa-plugin.ts, which fills in VERSION and
 * SHELL): it keeps the app shell for an offline start and never touches the chain's RPC
 * (strategy.ts says what happens to each request). The project is typed with the DOM library, so
 * the few worker types it needs are declared here.
 */
import { cacheName, filesToKeep, staleCaches, strategyFor } from './strategy.ts';

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface MessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
}

/** Replaced at build time: a hash of the release's files, and the shell's files (relative URLs). */
const VERSION = '__COMPARTILHA_SW_VERSION__';
const SHELL: readonly string[] = ['__COMPARTILHA_SW_SHELL__'];

/** How long a network-first request waits before a cached copy is used (a phone on a bad signal). */
const NETWORK_TIMEOUT_MS = 6_000;

const sw = self as unknown as WorkerScope;
const scope = sw.registration.scope;
const CACHE = cacheName(scope, VERSION);
const abs = (rel: string) => new URL(rel, scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((rel) => new Request(abs(rel), { cache: 'reload' }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(staleCaches(names, scope, VERSION).map((n) => caches.delete(n))))
      .then(() => sw.clients.claim()),
  );
});

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (res) => {
    if (res.ok && res.type === 'basic') await cache.put(key, res.clone());
    return res;
  });
  const cached = await cache.match(key, { ignoreVary: true });
  if (!cached) return network;
  // An answer of the server (even a 404) wins; the cached copy only when the network fails or stalls.
  const late = new Promise<Response>((resolve) => setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), late]);
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // ignoreVary: a server's `Vary: Origin` would miss a module script (sent with an Origin header)
  // against the copy cached at install (sent without); a file's URL names its content here.
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
  return res;
}

sw.addEventListener('fetch', (event) => {
  const how = strategyFor(event.request, scope, SHELL);
  if (how.kind === 'pass') return;
  event.respondWith(how.kind === 'network-first' ? networkFirst(event.request, abs(how.key)) : cacheFirst(event.request));
});

// The first visit: what the page loaded before this worker controlled it (register.ts sends the
// list once), e.g. the first screen's chunks, is kept too, so the next start works offline.
sw.addEventListener('message', (event) => {
  const urls = filesToKeep(event.data, scope, SHELL);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(urls.map((url) => cache.match(url, { ignoreVary: true }).then((hit) => (hit ? undefined : cache.add(url))))))
      .catch(() => undefined),
  );
});
