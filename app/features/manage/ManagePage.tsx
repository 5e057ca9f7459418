import type { Address } from 'viem';
import { useReadContract } from 'wagmi';
import { Link } from 'wouter';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { CommunityRoute } from '../../components/CommunityRoute.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatCycle } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { TxStatusList } from '../../lib/tx/TxStatusList.tsx';
import { useDashboard } from '../../lib/dashboard.ts';
import { AllocationSection } from './allocation/AllocationSection.tsx';
import { CloseSection } from './close/CloseSection.tsx';
import { ConsolePageError, useMembers, type ManageCtx } from './data.ts';
import { useManageT } from './dict.ts';
import { MembersSection } from './members/MembersSection.tsx';
import { PoolSection } from './pool/PoolSection.tsx';
import { ReadingsSection } from './readings/ReadingsSection.tsx';
import { ReconcileSection } from './reconcile/ReconcileSection.tsx';
import { AcceptManager, SettingsSection } from './settings/SettingsSection.tsx';

/** The manager's console (loaded on demand). */
export default function ManagePage({ params }: { params: { chainId?: string; address?: string } }) {
  return (
    <CommunityRoute params={params} className="stack manage">
      {(ctx) => <Console key={`${ctx.chainId}/${ctx.community}/${ctx.account}`} chainId={ctx.chainId} community={ctx.community} account={ctx.account} />}
    </CommunityRoute>
  );
}

function Console({ chainId, community, account }: { chainId: number; community: Address; account: Address }) {
  const { t, lang } = useI18n();
  const { m } = useManageT();
  const dash = useDashboard(chainId, community, account);
  const d = dash.data;
  const isManager = !!d && d.manager.toLowerCase() === account.toLowerCase();
  const isReader = !!d && d.meterReader.toLowerCase() === account.toLowerCase();
  const members = useMembers(chainId, community, isManager || isReader ? d?.memberCount : undefined);
  const pending = useReadContract({
    address: community,
    abi: communityAbi,
    functionName: 'pendingManager',
    chainId,
    query: { enabled: !!d && !isManager && !isReader },
  });

  if (dash.error) return <ErrorBox title={t.dashboard.error} message={describeError(dash.error, lang)} onRetry={() => void dash.refetch()} />;
  if (!d) return <Loading />;
  const back = (
    <nav>
      <Link href={`/c/${chainId}/${community}`} className="back-link">
        ← {m.back}
      </Link>
    </nav>
  );
  if (!isManager && !isReader) {
    const nominated = pending.data?.toLowerCase() === account.toLowerCase();
    return (
      <>
        {back}
        <div className="card notice" role="alert" data-testid="manage-forbidden">
          <h1>{m.forbiddenTitle}</h1>
          <p>{m.forbiddenText(account)}</p>
        </div>
        {nominated && <AcceptManager chainId={chainId} community={community} name={d.settings.name} />}
        <TxStatusList />
      </>
    );
  }
  if (members.error) {
    const e = members.error;
    const title = e instanceof ConsolePageError ? m.loadFailed(e.page, e.pages) : t.dashboard.error;
    return <ErrorBox title={title} message={describeError(e instanceof ConsolePageError ? e.cause : e, lang)} onRetry={() => void members.refetch()} />;
  }
  if (!members.data) return <Loading />;
  const ctx: ManageCtx = { chainId, community, account, d, isManager, members: members.data };
  return (
    <>
      {back}
      <h1 data-testid="manage-title">
        {m.title}: {d.settings.name}
      </h1>
      {!isManager && <p className="muted">{m.readerNote}</p>}
      <nav aria-label={m.steps} className="steps">
        <ol>
          {isManager && (
            <li>
              <a href="#members" onClick={(e) => jump(e, 'members')}>
                {m.members.heading}
              </a>
            </li>
          )}
          <li>
            <a href="#readings" onClick={(e) => jump(e, 'readings')}>
              {m.readings.heading(formatCycle(d.openCycle))}
            </a>
          </li>
          <li>
            <a href="#close" onClick={(e) => jump(e, 'close')}>
              {m.close.heading(formatCycle(d.openCycle))}
            </a>
          </li>
          {isManager && (
            <>
              <li>
                <a href="#reconcile" onClick={(e) => jump(e, 'reconcile')}>
                  {d.lastClosed.cycle ? m.reconcile.heading(formatCycle(d.lastClosed.cycle)) : m.review.reconcileNav}
                </a>
              </li>
              <li>
                <a href="#allocation" onClick={(e) => jump(e, 'allocation')}>
                  {m.allocation.heading}
                </a>
              </li>
              <li>
                <a href="#pool" onClick={(e) => jump(e, 'pool')}>
                  {m.pool.heading}
                </a>
              </li>
              <li>
                <a href="#settings" onClick={(e) => jump(e, 'settings')}>
                  {m.settings.heading}
                </a>
              </li>
            </>
          )}
        </ol>
      </nav>
      <TxStatusList />
      {isManager && <MembersSection key={`m-${d.memberCount}`} ctx={ctx} />}
      <ReadingsSection key={`r-${d.openCycle}`} ctx={ctx} />
      <CloseSection ctx={ctx} />
      {isManager && (
        <>
          <ReconcileSection key={`rc-${d.lastClosed.cycle}`} ctx={ctx} />
          <AllocationSection ctx={ctx} />
          <PoolSection ctx={ctx} />
          <SettingsSection ctx={ctx} />
        </>
      )}
    </>
  );
}

/** In-page links without touching the hash route. */
function jump(e: React.MouseEvent, id: string) {
  e.preventDefault();
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
