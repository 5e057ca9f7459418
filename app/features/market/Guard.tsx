import type { ReactNode } from 'react';
import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { chains } from '../../lib/chains.ts';
import { useI18n } from '../../lib/i18n.ts';
import { ConnectScreen } from '../connect/ConnectScreen.tsx';
import { NetworkBanner } from '../connect/NetworkBanner.tsx';
import { useTradeT } from './dict.ts';

export interface PageCtx {
  chainId: number;
  community: Address;
  account: Address;
}

/** Connect, a known chain and a community address first (as the dashboard and the console do). */
export function Guard({ params, children }: { params: { chainId?: string; address?: string }; children: (ctx: PageCtx) => ReactNode }) {
  const { t } = useI18n();
  const { d } = useTradeT();
  const { status, address } = useConnection();
  const chainId = Number(params.chainId);
  const community = params.address ?? '';
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen />;
  if (!chains.some((c) => c.id === chainId) || !isAddress(community, { strict: false })) {
    return <ErrorBox title={t.dashboard.error} message={`${t.communities.invalid} (${params.chainId}/${community})`} />;
  }
  return (
    <div className="stack trade">
      <NetworkBanner expectedChainId={chainId} />
      <nav>
        <Link href={`/c/${chainId}/${community}`} className="back-link">
          ← {d.back}
        </Link>
      </nav>
      <div key={`${chainId}/${community}/${address}`} className="stack">
        {children({ chainId, community: community as Address, account: address })}
      </div>
    </div>
  );
}
