/**
 * Registers ./sw.js (app/lib/pwa/sw.ts) next to index.html, so its scope is the release's own
 * folder (a domain root or /ipfs/<cid>/). Only in a build: the dev server has no worker (it would
 * cache the dev modules). After the page has loaded, so it never competes with the first screen.
 * On the first visit the page is not controlled yet: once the worker takes it over, it is sent the
 * files the page already loaded, to keep them for an offline start, and then each file that finishes
 * loading (a chunk requested before the takeover finishes after it, outside the worker's reach).
 * Kept tiny: it sits in the entry chunk.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  if (!sw.controller) {
    const send = (entries: PerformanceEntryList) => {
      const own = entries.map((e) => e.name).filter((u) => u.startsWith(new URL('./assets/', location.href).href));
      if (own.length > 0) sw.controller?.postMessage(own);
    };
    const taken = () => {
      send(performance.getEntriesByType('resource'));
      new PerformanceObserver((list) => send(list.getEntries())).observe({ type: 'resource' });
    };
    sw.addEventListener('controllerchange', taken, { once: true });
  }
  const register = () => void sw.register('./sw.js', { scope: './' }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
