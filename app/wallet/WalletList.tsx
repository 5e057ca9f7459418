import { useConnect } from 'wagmi';
import { describeError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { useWalletConnectors } from './useWalletConnectors.ts';
import { ActionButton } from '../components/ActionButton.tsx';
import { isPhone } from './device.ts';

export function WalletList() {
  const { t, lang } = useI18n();
  const wallets = useWalletConnectors();
  const { mutate: connect, isPending, error, variables } = useConnect();

  if (wallets.length === 0) {
    return (
      <div className="card notice" data-testid="no-wallet" data-device={isPhone() ? 'phone' : 'desktop'}>
        <h2>{t.connect.noWalletTitle}</h2>
        {/* No extension can be installed on a phone: never advise one there. */}
        <p>{isPhone() ? t.connect.noWalletPhoneText : t.connect.noWalletText}</p>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="wallets-heading">
      <h2 id="wallets-heading">{t.connect.walletsHeading}</h2>
      <ul className="button-list">
        {wallets.map((c) => (
          <li key={c.uid}>
            <ActionButton type="button" data-testid={`connect-${c.id}`} unavailable={isPending} onClick={() => connect({ connector: c })}>
              {isPending && variables?.connector === c ? t.connect.connecting : t.connect.connectWith(c.id === 'injected' ? t.connect.browserWallet : c.name)}
            </ActionButton>
          </li>
        ))}
      </ul>
      {isPending && (
        <p className="muted" role="status" data-testid="connect-waiting">
          {t.connect.waiting}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="connect-error">
          {describeError(error, lang)}
        </p>
      )}
    </section>
  );
}
