import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { localDeployment } from './lib/chains.ts';
import { loadDictionary, loadLang, storedLang } from './lib/i18n.ts';
import { storedBurnerIndex } from './wallet/burner/storage.ts';
import './styles.css';

async function start() {
  // English is a chunk of its own: fetched before the first render when it was the last choice.
  await loadDictionary(storedLang()).catch(() => undefined);
  document.documentElement.lang = loadLang();
  // A remembered demo account must be announced (EIP-6963) before wagmi reconnects on mount.
  // __DEV_CHAIN__ is a build-time literal: a production bundle drops this branch and the demo wallet.
  if (__DEV_CHAIN__) {
    const burner = storedBurnerIndex();
    if (burner !== undefined && localDeployment) {
      try {
        const { activateBurner } = await import('./wallet/burner/activate.ts');
        activateBurner(burner);
      } catch {
        /* the connect screen stays available */
      }
    }
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
