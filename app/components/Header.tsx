import { Link } from 'wouter';
import { useConnection, useDisconnect } from 'wagmi';
import { forgetBurner } from '../wallet/burner/storage.ts';
import { noteUserDisconnect, useWatchWalletDrop } from '../wallet/walletDrop.ts';
import { useI18n } from '../lib/i18n.ts';

export function Header() {
  const { t, toggle } = useI18n();
  const { address, isConnected } = useConnection();
  const { mutate: disconnect } = useDisconnect();
  useWatchWalletDrop();
  return (
    <header className="app-header">
      {/* The first Tab stop: past the header straight to the page (a plain #main would be read as a route). */}
      <a
        href="#main"
        className="skip-link"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t.skipToContent}
      </a>
      <div className="brand">
        <Link href="/" className="brand-link">
          {t.appName}
        </Link>
        <span className="tagline">{t.tagline}</span>
      </div>
      <div className="header-actions">
        {isConnected && address && (
          <>
            <span className="account" title={address}>
              <span className="visually-hidden">{t.account}: </span>
              <span data-testid="account-address" className="address">
                {address}
              </span>
            </span>
            <button
              type="button"
              className="secondary"
              data-testid="disconnect"
              onClick={() => {
                noteUserDisconnect();
                forgetBurner();
                disconnect();
              }}
            >
              {t.disconnect}
            </button>
          </>
        )}
        <button type="button" className="secondary" data-testid="lang-toggle" aria-label={t.langToggleLabel} onClick={toggle}>
          {t.langToggle}
        </button>
      </div>
    </header>
  );
}
