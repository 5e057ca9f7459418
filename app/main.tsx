import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DEV_CHAIN } from './config/build-flags.ts';
import { localDeployment } from './lib/chains.ts';
import { loadLang } from './lib/i18n.ts';
import { storedBurnerIndex } from './wallet/burner/storage.ts';
import './styles.css';

async function start() {
  document.documentElement.lang = loadLang();
  // A remembered demo account must be announced (EIP-6963) before wagmi reconnects on mount.
  // DEV_CHAIN is a build-time constant: a production bundle drops this branch and the demo wallet.
  const burner = DEV_CHAIN ? storedBurnerIndex() : undefined;
  if (DEV_CHAIN && burner !== undefined && localDeployment) {
    try {
      const { activateBurner } = await import('./wallet/burner/activate.ts');
      activateBurner(burner);
    } catch {
      /* the connect screen stays available */
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
