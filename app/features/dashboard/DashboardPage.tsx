import { Link } from 'wouter';
import { CommunityRoute } from '../../components/CommunityRoute.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { Dashboard } from './Dashboard.tsx';
import { ShareLink } from './ShareLink.tsx';

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
      {(ctx) => <Dashboard chainId={ctx.chainId} community={ctx.community} account={ctx.account} />}
    </CommunityRoute>
  );
}
