import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { CommunityRoute, type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';
import { useTradeT } from './dict.ts';

export type PageCtx = CommunityRouteCtx;

/** The market's and donate's frame: the shared community-route checks, then a way back. */
export function Guard({ params, children }: { params: { chainId?: string; address?: string }; children: (ctx: PageCtx) => ReactNode }) {
  const { d } = useTradeT();
  return (
    <CommunityRoute
      params={params}
      className="stack trade"
      header={({ chainId, community }) => (
        <nav>
          <Link href={`/c/${chainId}/${community}`} className="back-link">
            ← {d.back}
          </Link>
        </nav>
      )}
    >
      {(ctx) => (
        <div key={`${ctx.chainId}/${ctx.community}/${ctx.account}`} className="stack">
          {children(ctx)}
        </div>
      )}
    </CommunityRoute>
  );
}
