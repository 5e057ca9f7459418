import { DEV_CHAIN } from '../config/build-flags.ts';
import { localDeployment } from '../lib/chains.ts';
import { useI18n } from '../lib/i18n.ts';
import { BurnerPicker } from './BurnerPicker.tsx';
import { WalletList } from './WalletList.tsx';
import { useWalletConnectors } from './useWalletConnectors.ts';
import { useWalletDropped } from './walletDrop.ts';

export function ConnectScreen() {
  const { t } = useI18n();
  const wallets = useWalletConnectors();
  const dropped = useWalletDropped();
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
      <WalletList />
      {wallets.length > 0 && demo && <BurnerPicker showIntro={false} />}
    </div>
  );
}
