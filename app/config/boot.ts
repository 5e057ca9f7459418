/**
 * The page's entry (index.html): reads ./chains.json (the operator-editable chain list), then
 * starts the app, which configures wagmi from it. A static "Carregando…" in #root shows meanwhile
 * and index.html preloads the app in parallel (chains-plugin.ts). Not a top-level await in
 * app/lib/chains.ts: that makes the bundler split the shared code into several extra chunks
 * (rolldown#10632), +3 KB gzip of first-load JS.
 *
 * Without a usable chain list (missing, unreadable, malformed or empty) the app does not start: the page says so in plain words, in both languages,
 * instead of falling back to a chain the release was not made for.
 */
import { parseChainConfig } from './chain-config.ts';
import { chainsFile, readChainsFile } from './chains-file.ts';
import { registerServiceWorker } from '../lib/pwa/register.ts';

function unusableReason(): string | undefined {
  if (chainsFile.json === undefined) return `chains.json: ${String(chainsFile.error ?? 'not found')}`;
  const { deployments, errors } = parseChainConfig(chainsFile.json);
  if (deployments.length > 0) return undefined;
  return errors.length > 0 ? errors.join('; ') : 'chains.json lists no network';
}

function showUnusable(reason: string): void {
  const root = document.getElementById('root');
  if (!root) return;
  const box = document.createElement('main');
  box.className = 'stack';
  box.setAttribute('data-testid', 'chains-unusable');
  const lines: [string, string][] = [
    ['h1', 'Esta publicação do Compartilha não tem uma rede configurada'],
    [
      'p',
      'A lista de redes (chains.json) desta cópia do aplicativo está faltando ou com erro, por isso nenhum número é mostrado. Avise quem publicou o aplicativo para a sua comunidade (o síndico ou o operador da cooperativa).',
    ],
    [
      'p',
      'This copy of Compartilha has no usable network list (chains.json is missing or invalid), so no figure is shown. Tell whoever published the app for your community.',
    ],
    ['p', `Detalhe técnico / technical detail: ${reason}`],
  ];
  for (const [tag, text] of lines) {
    const el = document.createElement(tag);
    el.textContent = text;
    box.append(el);
  }
  root.replaceChildren(box);
}

registerServiceWorker();

void readChainsFile().then(() => {
  const reason = unusableReason();
  if (reason !== undefined) {
    console.error(`Compartilha cannot start: ${reason}`);
    showUnusable(reason);
    return;
  }
  return import('../main.tsx');
});
