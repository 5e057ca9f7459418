import { localDeployment } from '../../lib/chains.ts';
import { useI18n } from '../../lib/i18n.ts';
import { BurnerPicker } from './BurnerPicker.tsx';
import { WalletList } from './WalletList.tsx';
import { useWalletConnectors } from './useWalletConnectors.ts';

export function ConnectScreen() {
  const { t } = useI18n();
  const wallets = useWalletConnectors();
  return (
    <div className="stack">
      <section>
        <h1>{t.connect.heading}</h1>
        <p>{t.connect.intro}</p>
      </section>
      <WalletList />
      {localDeployment && <BurnerPicker showIntro={wallets.length === 0} />}
    </div>
  );
}
