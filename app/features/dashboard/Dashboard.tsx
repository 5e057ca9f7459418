import type { Address } from 'viem';
import { Link } from 'wouter';
import { NotMember } from '../../components/CommunityRoute.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { decodeError, describeError } from '../../lib/errors.ts';
import { formatCycle } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { CommunityInfo } from './CommunityInfo.tsx';
import { Credits } from './Credits.tsx';
import { ForSale } from './ForSale.tsx';
import { LastCycle } from './LastCycle.tsx';
import { MemberInfo } from './MemberInfo.tsx';
import { useDashboard } from '../../lib/dashboard.ts';
import ListMembership from './ListMembership.tsx';

export function Dashboard({ chainId, community, account }: { chainId: number; community: Address; account: Address }) {
  const { t, lang } = useI18n();
  const { data, error, refetch } = useDashboard(chainId, community, account);

  // Figures already on screen stay (dimmed under the app-wide outage banner) when a refetch fails.
  if (error && !data) {
    // The RPC is down or unreachable: same box (error + retry), titled and marked as such.
    const down = decodeError(error).kind === 'network';
    const box = <ErrorBox title={down ? t.dashboard.rpcDown : t.dashboard.error} message={describeError(error, lang)} onRetry={() => void refetch()} />;
    return down ? <div data-testid="rpc-unreachable">{box}</div> : box;
  }
  if (!data) return <Loading text={t.dashboard.loading} />;

  return (
    <div className="stack">
      <CommunityInfo d={data} />
      {!data.isMember ? (
        <NotMember d={data} chainId={chainId} community={community} account={account} />
      ) : (
        <>
          <MemberInfo d={data}>
            <ForSale chainId={chainId} community={community} account={account} d={data} />
          </MemberInfo>
          <nav className="trade-links" aria-label={t.tradeLinks.label}>
            <Link href={`/c/${chainId}/${community}/market`} data-testid="market-link" className="button-link">
              {t.tradeLinks.market} →
            </Link>{' '}
            <Link href={`/c/${chainId}/${community}/donate`} data-testid="donate-link" className="button-link">
              {t.tradeLinks.donate} →
            </Link>
          </nav>
          <Credits d={data} community={community} />
          <LastCycle chainId={chainId} community={community} d={data} />
          <nav className="member-nav" aria-label={t.memberNav.label}>
            {data.lastClosed.cycle !== 0 && (
              <Link href={`/c/${chainId}/${community}/statement/${data.lastClosed.cycle}`} data-testid="statement-link">
                {t.memberNav.statement(formatCycle(data.lastClosed.cycle))}
              </Link>
            )}
            <Link href={`/c/${chainId}/${community}/history`} data-testid="history-link">
              {t.memberNav.history}
            </Link>
            <Link href={`/c/${chainId}/${community}/charts`} data-testid="charts-link">
              {t.memberNav.charts}
            </Link>
          </nav>
          <ListMembership chainId={chainId} community={community} account={account} />
        </>
      )}
    </div>
  );
}
