import { useState, type ReactNode } from 'react';
import { isAddress, type Address } from 'viem';
import { useConnection } from 'wagmi';
import { Link } from 'wouter';
import { chains } from '../lib/chains.ts';
import { useDashboard, type DashboardData } from '../lib/dashboard.ts';
import { describeError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { ConnectScreen } from '../wallet/ConnectScreen.tsx';
import { NetworkBanner } from '../wallet/NetworkBanner.tsx';
import { ErrorBox, Loading } from './Status.tsx';
import { Qr } from './Qr.tsx';

export interface CommunityRouteCtx {
  chainId: number;
  community: Address;
  account: Address;
}

/** A member's screen also gets the member's dashboardOf (the dashboard's cached query: no extra call after it). */
export interface MemberRouteCtx extends CommunityRouteCtx {
  d: DashboardData;
}

interface RouteProps {
  params: { chainId?: string; address?: string };
  className?: string;
  header?: (ctx: { chainId: number; community: Address }) => ReactNode;
}

/**
 * The one guard of every screen under `#/c/:chainId/:address/…`, in one order: a chain this release
 * knows (said before any wallet is asked for), a community address, a connected wallet; then the
 * wrong-network banner, the header and the screen. With `requireMember`, the wallet must be a member
 * of the community: otherwise one explanation, the same on every screen (the manager and the meter
 * reader are told who they are instead). The screen is keyed by chain, community and account, so
 * switching any of them starts it afresh.
 */
export function CommunityRoute(props: RouteProps & { requireMember: true; children: (ctx: MemberRouteCtx) => ReactNode }): ReactNode;
export function CommunityRoute(props: RouteProps & { requireMember?: false; children: (ctx: CommunityRouteCtx) => ReactNode }): ReactNode;
export function CommunityRoute({
  params,
  className = 'stack',
  header,
  requireMember,
  children,
}: RouteProps & { requireMember?: boolean; children: ((ctx: MemberRouteCtx) => ReactNode) | ((ctx: CommunityRouteCtx) => ReactNode) }) {
  const { t } = useI18n();
  const { status, address } = useConnection();
  const chainId = Number(params.chainId);
  const community = params.address ?? '';

  // A link to a network this release does not list: say so before asking for a wallet.
  if (!chains.some((c) => c.id === chainId)) {
    return (
      <div className="stack">
        <div className="card notice" role="alert" data-testid="unknown-chain">
          <h1>{t.dashboard.unknownChainTitle}</h1>
          <p>{t.dashboard.unknownChain(params.chainId ?? '')}</p>
        </div>
        <Link href="/">{t.dashboard.back}</Link>
      </div>
    );
  }
  if (!isAddress(community, { strict: false })) {
    return (
      <div className="stack">
        <ErrorBox title={t.dashboard.error} message={`${t.communities.invalid} (${params.chainId}/${community})`} />
        <Link href="/">{t.dashboard.back}</Link>
      </div>
    );
  }
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen chainId={chainId} />;
  const ctx: CommunityRouteCtx = { chainId, community: community as Address, account: address };
  const key = `${chainId}/${community}/${address}`;
  return (
    <div className={className}>
      <NetworkBanner expectedChainId={chainId} />
      {header?.(ctx)}
      {requireMember ? (
        <MemberOnly key={key} ctx={ctx}>
          {children as (ctx: MemberRouteCtx) => ReactNode}
        </MemberOnly>
      ) : (
        <div key={key} className="stack">
          {(children as (ctx: CommunityRouteCtx) => ReactNode)(ctx)}
        </div>
      )}
    </div>
  );
}

function MemberOnly({ ctx, children }: { ctx: CommunityRouteCtx; children: (ctx: MemberRouteCtx) => ReactNode }) {
  const { t, lang } = useI18n();
  const { data, error, isPending, refetch } = useDashboard(ctx.chainId, ctx.community, ctx.account);
  // Figures already on screen stay while the node is down (the banner says they are not current).
  if (error && !data) return <ErrorBox title={t.dashboard.error} message={describeError(error, lang)} onRetry={() => void refetch()} />;
  if (isPending || !data) return <Loading text={t.dashboard.loading} />;
  if (!data.isMember) return <NotMember d={data} {...ctx} />;
  return <>{children({ ...ctx, d: data })}</>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A wallet that is not a unit of the community, said once for every screen: the manager and the
 * meter reader are told who they are and led to the console; anyone else what to do.
 */
export function NotMember({ d, chainId, community, account }: CommunityRouteCtx & { d: DashboardData }) {
  const { t } = useI18n();
  const manages = same(d.manager, account);
  if (manages || same(d.meterReader, account)) {
    return (
      <div className="card" data-testid="manager-not-member">
        <h2>{manages ? t.dashboard.managerTitle : t.dashboard.readerTitle}</h2>
        <p>{manages ? t.dashboard.managerText : t.dashboard.readerText}</p>
        <Link href={`/c/${chainId}/${community}/manage`} className="button-link" data-testid="open-console">
          {t.dashboard.openConsole} →
        </Link>
      </div>
    );
  }
  return (
    <div className="card notice" role="alert" data-testid="not-member">
      <h2>{t.dashboard.notMemberTitle}</h2>
      <p>{t.dashboard.notMemberText(account)}</p>
      <p>{t.dashboard.askInvitation}</p>
      <AddressToShare account={account} />
    </div>
  );
}

/** The wallet's address, to hand to the manager: a copy button and a QR code (the QR encoder loads on demand). */
function AddressToShare({ account }: { account: Address }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="stack address-share" data-testid="address-to-share">
      <div className="row wrap">
        <code data-testid="my-address">{account}</code>
        <button
          type="button"
          className="secondary small"
          data-testid="copy-address"
          onClick={() =>
            navigator.clipboard.writeText(account).then(
              () => setState('copied'),
              () => setState('failed'),
            )
          }
        >
          {t.dashboard.copyAddress}
        </button>
      </div>
      {state === 'copied' && <p role="status">{t.dashboard.addressCopied}</p>}
      {state === 'failed' && <p role="status">{t.dashboard.addressCopyFailed}</p>}
      <Qr text={account} label={t.dashboard.addressQr} testId="address-qr" />
    </div>
  );
}

/** "← Voltar ao painel": the way back from a community's inner screens. */
export function BackToDashboard({ chainId, community, label }: { chainId: number; community: Address; label?: string }) {
  const { t } = useI18n();
  return (
    <nav className="no-print">
      <Link href={`/c/${chainId}/${community}`} className="back-link">
        ← {label ?? t.dashboard.backToDashboard}
      </Link>
    </nav>
  );
}
