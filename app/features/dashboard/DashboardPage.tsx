import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { chains } from '../../lib/chains.ts';
import { useI18n } from '../../lib/i18n.ts';
import { ConnectScreen } from '../connect/ConnectScreen.tsx';
import { NetworkBanner } from '../connect/NetworkBanner.tsx';
import { Dashboard } from './Dashboard.tsx';

export function DashboardPage({ params }: { params: { chainId?: string; address?: string } }) {
  const { t } = useI18n();
  const { status, address } = useConnection();
  const chainId = Number(params.chainId);
  const community = params.address ?? '';

  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen />;

  const known = chains.some((c) => c.id === chainId);
  if (!known || !isAddress(community, { strict: false })) {
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
        </Link>
      </nav>
      <Dashboard key={`${chainId}/${community}/${address}`} chainId={chainId} community={community as Address} account={address} />
    </div>
  );
}
