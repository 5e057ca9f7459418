/**
 * The page's entry (index.html): reads ./chains.json (the operator-editable chain list), then
 * starts the app, which configures wagmi from it. A static "Carregando…" in #root shows meanwhile
 * and index.html preloads the app in parallel (chains-plugin.ts). Not a top-level await in
 * app/lib/chains.ts: that makes the bundler split the shared code into several extra chunks
 * (rolldown#10632), +3 KB gzip of first-load JS.
 */
import { readChainsFile } from './chains-file.ts';

void readChainsFile().finally(() => import('../main.tsx'));
