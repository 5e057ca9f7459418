import type { ReactNode } from 'react';
import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { chains } from '../../lib/chains.ts';
import { describeError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n.ts';
import { ConnectScreen } from '../connect/ConnectScreen.tsx';
import { NetworkBanner } from '../connect/NetworkBanner.tsx';
import { useDashboard, type DashboardData } from '../dashboard/useDashboard.ts';
import { useHistoryDict } from './dict.ts';

export interface MemberContext {
  chainId: number;
  community: Address;
  account: Address;
  d: DashboardData;
}

/**
 * The member pages' common gate: a known chain, a connected wallet, a valid address, the
 * member's dashboardOf (the dashboard's cached query: no extra call when coming from it).
 */
export function MemberGate({ params, children }: { params: { chainId?: string; address?: string }; children: (m: MemberContext) => ReactNode }) {
  const { t } = useI18n();
  const { status, address } = useConnection();
  const chainId = Number(params.chainId);
  const community = params.address ?? '';
  if (!chains.some((c) => c.id === chainId) || !isAddress(community, { strict: false })) {
    return (
      <div className="stack">
        <ErrorBox title={t.dashboard.error} message={`${t.communities.invalid} (${params.chainId}/${community})`} />
        <Link href="/">{t.dashboard.back}</Link>
      </div>
    );
  }
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen />;
  return (
    <>
      <NetworkBanner expectedChainId={chainId} />
      <Member key={`${chainId}/${community}/${address}`} chainId={chainId} community={community as Address} account={address}>
        {children}
      </Member>
    </>
  );
}

function Member({ chainId, community, account, children }: { chainId: number; community: Address; account: Address; children: (m: MemberContext) => ReactNode }) {
  const { t, lang } = useI18n();
  const h = useHistoryDict();
  const { data, error, isPending, refetch } = useDashboard(chainId, community, account);
  if (error) return <ErrorBox title={t.dashboard.error} message={describeError(error, lang)} onRetry={() => void refetch()} />;
  if (isPending) return <Loading text={t.dashboard.loading} />;
  if (!data.isMember)
    return (
      <div className="card notice" role="alert" data-testid="not-member">
        <p>{h.notMember}</p>
      </div>
    );
  return <>{children({ chainId, community, account, d: data })}</>;
}

export function BackToDashboard({ chainId, community }: { chainId: number; community: Address }) {
  const h = useHistoryDict();
  return (
    <nav className="no-print">
      <Link href={`/c/${chainId}/${community}`} className="back-link">
        ← {h.back}
      </Link>
    </nav>
  );
}
