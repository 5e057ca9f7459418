import type { Address } from 'viem';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { decodeError, describeError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n.ts';
import { CommunityInfo } from './CommunityInfo.tsx';
import { Credits } from './Credits.tsx';
import { LastCycle } from './LastCycle.tsx';
import { MemberInfo } from './MemberInfo.tsx';
import { useDashboard } from './useDashboard.ts';

export function Dashboard({ chainId, community, account }: { chainId: number; community: Address; account: Address }) {
  const { t, lang } = useI18n();
  const { data, error, isPending, refetch } = useDashboard(chainId, community, account);

  if (error) {
    // The RPC is down or unreachable: same box (error + retry), titled and marked as such.
    const down = decodeError(error).kind === 'network';
    const box = <ErrorBox title={down ? t.dashboard.rpcDown : t.dashboard.error} message={describeError(error, lang)} onRetry={() => void refetch()} />;
    return down ? <div data-testid="rpc-unreachable">{box}</div> : box;
  }
  if (isPending) return <Loading text={t.dashboard.loading} />;

  return (
    <div className="stack">
      <CommunityInfo d={data} />
      {!data.isMember ? (
        <div className="card notice" role="alert" data-testid="not-member">
          <h2>{t.dashboard.notMemberTitle}</h2>
          <p>{t.dashboard.notMemberText(account)}</p>
        </div>
      ) : (
        <>
          <MemberInfo d={data} />
          <Credits d={data} />
          <LastCycle chainId={chainId} community={community} d={data} />
        </>
      )}
    </div>
  );
}
