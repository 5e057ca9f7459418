import { isAddress, type Address } from 'viem';
import { useConnection, useDisconnect } from 'wagmi';
import { Link, useRoute } from 'wouter';
import { forgetBurner } from '../wallet/burner/storage.ts';
import { noteUserDisconnect, useWatchWalletDrop } from '../wallet/walletDrop.ts';
import { chains } from '../lib/chains.ts';
import { useDashboard, type DashboardData } from '../lib/dashboard.ts';
import { shortAddress } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.ts';
import type { Dict } from '../lib/dict.pt.ts';

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
            <AccountMenu account={address} />
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

/** The community of the current route, when the route names one this release can read. */
function useRouteCommunity(): { chainId: number; community: Address } | undefined {
  const [inner, innerParams] = useRoute('/c/:chainId/:address/*');
  const [top, topParams] = useRoute('/c/:chainId/:address');
  const params = inner ? innerParams : top ? topParams : undefined;
  if (!params) return undefined;
  const chainId = Number(params.chainId);
  if (!chains.some((c) => c.id === chainId) || !isAddress(params.address, { strict: false })) return undefined;
  return { chainId, community: params.address as Address };
}

/**
 * Who you are here, in words: "Apto 101 · Condomínio Sol Nascente" inside a community, "Gestor · …"
 * for its manager, the short address elsewhere. The full address stays one tap away (support asks for it).
 */
function AccountMenu({ account }: { account: Address }) {
  const { t } = useI18n();
  const here = useRouteCommunity();
  return here ? <CommunityIdentity account={account} {...here} /> : <Identity t={t} account={account} name={shortAddress(account)} />;
}

function CommunityIdentity({ account, chainId, community }: { account: Address; chainId: number; community: Address }) {
  const { t } = useI18n();
  // The dashboard's own dashboardOf query (same key): no JSON-RPC call of its own.
  const { data } = useDashboard(chainId, community, account);
  return <Identity t={t} account={account} name={data ? identityOf(data, account, t) : shortAddress(account)} />;
}

export function identityOf(d: DashboardData, account: Address, t: Dict): string {
  const a = account.toLowerCase();
  const community = d.settings.name || t.communities.unnamed;
  if (d.isMember) return `${d.member.label || shortAddress(account)} · ${community}`;
  if (d.manager.toLowerCase() === a) return `${t.header.manager} · ${community}`;
  if (d.meterReader.toLowerCase() === a) return `${t.header.reader} · ${community}`;
  return shortAddress(account);
}

function Identity({ t, account, name }: { t: Dict; account: Address; name: string }) {
  return (
    <details className="account-menu" data-testid="account-menu">
      <summary title={account} data-testid="account-identity">
        <span className="visually-hidden">{t.account}: </span>
        {name}
      </summary>
      <div className="account-panel">
        <span>{t.header.walletAddress}</span>{' '}
        <span data-testid="account-address" className="address-full">
          {account}
        </span>
      </div>
    </details>
  );
}
