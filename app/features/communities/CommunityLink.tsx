import type { Address } from 'viem';
import { Link } from 'wouter';
import { shortAddress } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useCommunitySettings } from './useCommunities.ts';

export function CommunityLink({ chainId, address }: { chainId: number; address: Address }) {
  const { t } = useI18n();
  const { data } = useCommunitySettings(chainId, address);
  return (
    <Link href={`/c/${chainId}/${address}`} className="community-link" data-testid="community-link">
      <span className="community-name">{data?.name || t.communities.unnamed}</span>
      <span className="muted address-small">{shortAddress(address)}</span>
    </Link>
  );
}
