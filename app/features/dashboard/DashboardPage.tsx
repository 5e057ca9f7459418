import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import { CommunityRoute } from '../../components/CommunityRoute.tsx';
import { Loading } from '../../components/Status.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { ShareLink } from './ShareLink.tsx';

/**
 * The dashboard's code loads after the first screen's bundle. Its figures do not wait for it: the
 * header already asks for the same dashboardOf (one query, shared), so the call and the chunk
 * travel together.
 */
const Dashboard = lazy(() => import('./Dashboard.tsx').then((m) => ({ default: m.Dashboard })));

export function DashboardPage({ params }: { params: { chainId?: string; address?: string } }) {
  const { t } = useI18n();
  return (
    <CommunityRoute
      params={params}
      header={() => (
        <nav>
          <Link href="/" className="back-link">
            ← {t.dashboard.back}
          </Link>{' '}
          <ShareLink />
        </nav>
      )}
    >
      {(ctx) => (
        <Suspense fallback={<Loading text={t.dashboard.loading} />}>
          <Dashboard chainId={ctx.chainId} community={ctx.community} account={ctx.account} />
        </Suspense>
      )}
    </CommunityRoute>
  );
}
