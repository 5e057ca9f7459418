import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { chains } from '../../lib/chains.ts';
import { useI18n } from '../../lib/i18n.ts';
import { ConnectScreen } from '../connect/ConnectScreen.tsx';
import { NetworkBanner } from '../connect/NetworkBanner.tsx';
import { Dashboard } from './Dashboard.tsx';
import { ShareLink } from './ShareLink.tsx';

export function DashboardPage({ params }: { params: { chainId?: string; address?: string } }) {
  const { t } = useI18n();
  const { status, address } = useConnection();
  const chainId = Number(params.chainId);
  const community = params.address ?? '';

  // A link to a network this release does not list: say so before asking for a wallet.
  if (!chains.some((c) => c.id === chainId)) {
    return (
      <div className="stack">
        <div className="card notice" role="alert" data-testid="unknown-chain">
          <h1>{t.dashboard.unknownChainTitle}</h1>
          <p>{t.dashboard.unknownChain(params.chainId ?? '')}</p>
        </div>
        <Link href="/">{t.dashboard.back}</Link>
      </div>
    );
  }
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen />;

  if (!isAddress(community, { strict: false })) {
    return (
      <div className="stack">
        <ErrorBox title={t.dashboard.error} message={`${t.communities.invalid} (${params.chainId}/${community})`} />
        <Link href="/">{t.dashboard.back}</Link>
      </div>
    );
  }
  return (
    <div className="stack">
      <NetworkBanner expectedChainId={chainId} />
      <nav>
        <Link href="/" className="back-link">
          ← {t.dashboard.back}
        </Link>{' '}
        <ShareLink />
      </nav>
      <Dashboard key={`${chainId}/${community}/${address}`} chainId={chainId} community={community as Address} account={address} />
    </div>
  );
}
