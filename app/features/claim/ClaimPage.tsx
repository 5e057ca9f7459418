import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { zeroAddress } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock, readContract } from 'wagmi/actions';
import { Link, useLocation } from 'wouter';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { CommunityRoute, type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';
import { WriteError } from '../../components/FormOutcome.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { chains } from '../../lib/chains.ts';
import { describeError } from '../../lib/errors.ts';
import { shortAddress } from '../../lib/format.ts';
import { sendCommunityTx } from '../../lib/tx/send.ts';
import { bothLangs } from '../../lib/tx/store.ts';
import { claimDicts, useClaimT } from './dict.ts';
import { invitationKeyAddress, invitationStatus, parseInvitation, signClaim, type Invitation } from '../../lib/invitation.ts';

type Params = { chainId?: string; address?: string; memberId?: string; key?: string };

/**
 * The invitation link's page (`#/c/<chainId>/<community>/claim/<memberId>/<key>`): shows the
 * community and the unit, and lets whatever wallet is connected (any wagmi connector; the usual
 * connect screen when none is) claim it. The page signs the claim with the invitation key from the
 * fragment and the wallet sends `claim`; then the dashboard opens.
 */
export default function ClaimPage({ params }: { params: Params }) {
  const { c } = useClaimT();
  const inv = parseInvitation(params);
  if (!inv) return <ErrorBox title={c.title} message={c.bad} />;
  const route = <CommunityRoute params={params}>{(ctx) => <Claim ctx={ctx} inv={inv} />}</CommunityRoute>;
  // A network this release does not know: the route says so.
  if (!chains.some((ch) => ch.id === inv.chainId)) return route;
  return <InvitationCheck inv={inv}>{route}</InvitationCheck>;
}

/**
 * Reads the invitation's record before any wallet or passkey is asked for: a used, expired, revoked
 * or replaced link says so at once (the resident creates no passkey for nothing), a failed read says
 * it could not check. Only an open invitation goes on to the connect screen and the claim.
 */
function InvitationCheck({ inv, children }: { inv: Invitation; children: ReactNode }) {
  const { c, lang } = useClaimT();
  const config = useConfig();
  const check = useQuery({
    queryKey: ['invitation', inv.chainId, inv.community, inv.memberId, inv.key],
    queryFn: async () => {
      const [[key, expiresAt, used], block] = await Promise.all([
        readContract(config, { chainId: inv.chainId, address: inv.community, abi: communityAbi, functionName: 'invitation', args: [inv.memberId] }),
        getBlock(config, { chainId: inv.chainId }),
      ]);
      const wall = BigInt(Math.floor(Date.now() / 1000));
      return invitationStatus({ key, expiresAt, used }, invitationKeyAddress(inv.key), block.timestamp > wall ? block.timestamp : wall);
    },
    // Checked once per visit: after a claim the record says "used", and the page moves on by itself.
    staleTime: Infinity,
  });
  if (check.isPending) return <Loading text={c.loading} />;
  if (check.error) return <ErrorBox title={c.readFailed} message={describeError(check.error, lang)} onRetry={() => void check.refetch()} />;
  if (check.data === 'open') return children;
  return (
    <section className="card notice" role="alert" aria-labelledby="claim-heading" data-testid="claim-unusable" data-status={check.data}>
      <h1 id="claim-heading">{c.title}</h1>
      <p>{c.unusable[check.data]}</p>
      <p>
        <Link href={`/c/${inv.chainId}/${inv.community}`}>{c.openDashboard} →</Link>
      </p>
    </section>
  );
}

function Claim({ ctx, inv }: { ctx: CommunityRouteCtx; inv: Invitation }) {
  const { c, lang } = useClaimT();
  const config = useConfig();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const info = useQuery({
    queryKey: ['claim', ctx.chainId, ctx.community, inv.memberId],
    queryFn: async () => {
      const [settings, member] = await Promise.all([
        readContract(config, { chainId: ctx.chainId, address: ctx.community, abi: communityAbi, functionName: 'settings' }),
        readContract(config, { chainId: ctx.chainId, address: ctx.community, abi: communityAbi, functionName: 'member', args: [inv.memberId] }),
      ]);
      return { name: settings.name, label: member.label, wallet: member.wallet };
    },
  });
  if (info.isPending) return <Loading text={c.loading} />;
  if (info.error) return <ErrorBox title={c.readFailed} message={describeError(info.error, lang)} onRetry={() => void info.refetch()} />;
  const { name, label, wallet } = info.data;
  const dashboard = `/c/${ctx.chainId}/${ctx.community}`;
  const isAlready = wallet.toLowerCase() === ctx.account.toLowerCase();

  async function claim() {
    setBusy(true);
    setError('');
    const signature = await signClaim(inv, ctx.account);
    const r = await sendCommunityTx(
      config,
      {
        chainId: ctx.chainId,
        address: ctx.community,
        functionName: 'claim',
        args: [inv.memberId, signature],
        label: bothLangs((l) => claimDicts[l].tx(label)),
      },
      lang,
    );
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    // Everything read before is stale now, except this link's check: it would turn to "used" under the page.
    await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'invitation' });
    navigate(dashboard);
  }

  return (
    <section className="card" aria-labelledby="claim-heading" data-testid="claim-page">
      <h1 id="claim-heading">{c.title}</h1>
      <dl className="facts">
        <dt>{c.community}</dt>
        <dd data-testid="claim-community">{name}</dd>
        <dt>{c.unit}</dt>
        <dd data-testid="claim-unit">{label}</dd>
        <dt>{c.wallet}</dt>
        <dd title={ctx.account}>{shortAddress(ctx.account)}</dd>
      </dl>
      {isAlready ? (
        <p role="status" data-testid="claim-already">
          {c.already}
        </p>
      ) : (
        <>
          <p>{c.intro}</p>
          {wallet !== zeroAddress && (
            <p className="notice" data-testid="claim-moves">
              {c.moves}
            </p>
          )}
          <WriteError error={error} testId="claim-error" />
          <ActionButton type="button" data-testid="claim-send" unavailable={busy} onClick={() => void claim()}>
            {busy ? c.claiming : c.claim}
          </ActionButton>
        </>
      )}
      <p>
        <Link href={dashboard}>{c.openDashboard} →</Link>
      </p>
    </section>
  );
}
