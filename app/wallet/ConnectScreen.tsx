import { lazy, Suspense } from 'react';
import { DEV_CHAIN } from '../config/build-flags.ts';
import { localDeployment } from '../lib/chains.ts';
import { useI18n } from '../lib/i18n.ts';
import { BurnerPicker } from './BurnerPicker.tsx';
import { WalletList } from './WalletList.tsx';
import { useWalletConnectors } from './useWalletConnectors.ts';
import { useWalletDropped } from './walletDrop.ts';

// Its own chunk (strings included), fetched as the connect screen renders: not in the first load.
const PasskeyCard = lazy(() => import('./PasskeyCard.tsx'));

/** Every way in: a passkey (no wallet app needed), the wallets this browser has, the demo wallet on a dev chain. */
export function ConnectScreen({ chainId }: { chainId?: number }) {
  const { t } = useI18n();
  const wallets = useWalletConnectors();
  const dropped = useWalletDropped();
  const passkey = (
    <Suspense fallback={null}>
      <PasskeyCard chainId={chainId} />
    </Suspense>
  );
  const demo = DEV_CHAIN && !!localDeployment;
  return (
    <div className="stack">
      <section>
        <h1>{t.connect.heading}</h1>
        <p>{t.connect.intro}</p>
      </section>
      {dropped && (
        <div className="banner warning" role="alert" data-testid="wallet-locked">
          <p>{t.connect.locked}</p>
        </div>
      )}
      {/* With no wallet found, the demo wallet (dev chain) is the way in: it comes first, on the first screen of a phone. */}
      {wallets.length === 0 && demo && <BurnerPicker showIntro />}
      {/* With no wallet found the passkey comes first (after the dev chain's demo wallet); else after the wallets. */}
      {wallets.length === 0 && passkey}
      <WalletList />
      {wallets.length > 0 && passkey}
      {wallets.length > 0 && demo && <BurnerPicker showIntro={false} />}
    </div>
  );
}
