import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { Link, useRoute } from 'wouter';
import { useI18n } from '../../lib/i18n.ts';
import { useDashboard } from '../../lib/dashboard.ts';

/**
 * In the first-load bundle: the console link, only for the manager or the meter reader. It reuses the
 * dashboard's cached dashboardOf query (same key), so it costs no JSON-RPC call.
 */
export function ManageNavLink() {
  const [match, params] = useRoute('/c/:chainId/:address');
  const { address } = useConnection();
  if (!match || !address || !isAddress(params.address, { strict: false })) return null;
  return <RoleLink chainId={Number(params.chainId)} community={params.address as Address} account={address} />;
}

function RoleLink({ chainId, community, account }: { chainId: number; community: Address; account: Address }) {
  const { t } = useI18n();
  const { data } = useDashboard(chainId, community, account);
  const a = account.toLowerCase();
  if (!data || (data.manager.toLowerCase() !== a && data.meterReader.toLowerCase() !== a)) return null;
  return (
    <nav className="manage-nav" aria-label={t.manageLink}>
      <Link href={`/c/${chainId}/${community}/manage`} data-testid="manage-link" className="manage-link">
        {t.manageLink} →
      </Link>
    </nav>
  );
}
