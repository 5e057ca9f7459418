import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { zeroAddress } from 'viem';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { Link, useLocation } from 'wouter';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { CommunityRoute, type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';
import { WriteError } from '../../components/FormOutcome.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { describeError } from '../../lib/errors.ts';
import { shortAddress } from '../../lib/format.ts';
import { sendCommunityTx } from '../../lib/tx/send.ts';
import { bothLangs } from '../../lib/tx/store.ts';
import { claimDicts, useClaimT } from './dict.ts';
import { parseInvitation, signClaim, type Invitation } from '../../lib/invitation.ts';

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
  return <CommunityRoute params={params}>{(ctx) => <Claim ctx={ctx} inv={inv} />}</CommunityRoute>;
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
    await queryClient.invalidateQueries();
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
