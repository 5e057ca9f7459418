import type { ReactNode } from 'react';
import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { chains } from '../lib/chains.ts';
import { useI18n } from '../lib/i18n.ts';
import { ConnectScreen } from '../features/connect/ConnectScreen.tsx';
import { NetworkBanner } from '../features/connect/NetworkBanner.tsx';
import { ErrorBox, Loading } from './Status.tsx';

export interface CommunityRouteCtx {
  chainId: number;
  community: Address;
  account: Address;
}

/**
 * What every screen under `#/c/:chainId/:address/…` needs first: a connected wallet, a chain this
 * release knows and a community address; then the wrong-network banner and the screen itself.
 */
export function CommunityRoute({
  params,
  className,
  header,
  children,
}: {
  params: { chainId?: string; address?: string };
  className: string;
  header?: (ctx: { chainId: number; community: Address }) => ReactNode;
  children: (ctx: CommunityRouteCtx) => ReactNode;
}) {
  const { t } = useI18n();
  const { status, address } = useConnection();
  const chainId = Number(params.chainId);
  const community = params.address ?? '';
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen />;
  if (!chains.some((c) => c.id === chainId) || !isAddress(community, { strict: false })) {
    return <ErrorBox title={t.dashboard.error} message={`${t.communities.invalid} (${params.chainId}/${community})`} />;
  }
  return (
    <div className={className}>
      <NetworkBanner expectedChainId={chainId} />
      {header?.({ chainId, community: community as Address })}
      {children({ chainId, community: community as Address, account: address })}
    </div>
  );
}
