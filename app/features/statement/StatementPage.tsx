import { useQuery } from '@tanstack/react-query';
import { getContractEvents } from 'viem/actions';
import { useClient, useReadContract } from 'wagmi';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { describeError } from '../../lib/errors.ts';
import { logsRangeOf } from '../../lib/chains.ts';
import { getLogsCapped } from '../../lib/logs/capped.ts';
import { formatCycle } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useHistoryDict } from '../../lib/history-dict.ts';
import { BackToDashboard, CommunityRoute, type MemberRouteCtx as MemberContext } from '../../components/CommunityRoute.tsx';
import { statementLines } from './statementText.ts';
import { Term } from '../../components/Term.tsx';
import { Glossary, TermLink } from '../../components/Glossary.tsx';
import type { TermId } from '../../lib/glossary.ts';

/** The terms each step of the statement uses: explained in place and linked to the glossary below. */
const STEP_TERMS: Partial<Record<string, readonly TermId[]>> = {
  compensated: ['compensated'],
  minimum: ['minimum'],
  fiob: ['fioB'],
};

export default function StatementPage({ params }: { params: { chainId?: string; address?: string; cycle?: string } }) {
  const cycle = Number(params.cycle);
  return (
    <CommunityRoute params={params} requireMember>
      {(m) => <Statement {...m} cycle={cycle} />}
    </CommunityRoute>
  );
}

/** dashboardOf (cached) + cycleInfo + fioBSharePpm(year) + one eth_getLogs per cap-sized range of the close. */
function Statement({ chainId, community, d, cycle }: MemberContext & { cycle: number }) {
  const { t, lang } = useI18n();
  const h = useHistoryDict().statementPage;
  const client = useClient({ chainId });
  const valid = Number.isInteger(cycle) && cycle > 190001 && cycle % 100 >= 1 && cycle % 100 <= 12;
  const info = useReadContract({
    address: community,
    abi: communityAbi,
    functionName: 'cycleInfo',
    args: [cycle],
    chainId,
    query: { enabled: valid, staleTime: Infinity },
  });
  const year = Math.floor(cycle / 100);
  const fioB = useReadContract({
    address: community,
    abi: communityAbi,
    functionName: 'fioBSharePpm',
    args: [year],
    chainId,
    query: { enabled: valid, staleTime: Infinity },
  });
  const ci = info.data;
  const memberId = d.member.id;
  const settled = useQuery({
    queryKey: ['memberSettled', chainId, community, cycle, memberId, String(ci?.closeStartBlock), String(ci?.closeEndBlock)],
    enabled: !!client && !!ci?.closed,
    staleTime: Infinity,
    queryFn: async () => {
      if (!client || !ci) return null;
      // The close's blocks, in ranges that fit the chain's cap (a batched close may span more).
      const logs = await getLogsCapped({ from: ci.closeStartBlock, to: ci.closeEndBlock }, logsRangeOf(chainId), (r) =>
        getContractEvents(client, {
          address: community,
          abi: communityAbi,
          eventName: 'MemberSettled',
          args: { cycle, memberId },
          fromBlock: r.from,
          toBlock: r.to,
          strict: true,
        }),
      );
      return logs.at(-1)?.args.settlement ?? null;
    },
  });

  const error = info.error ?? fioB.error ?? settled.error;
  let body;
  // Only a statement read in full can be printed: a failed or missing read prints nothing.
  let printable = false;
  if (!valid) body = <p role="alert">{h.missing}</p>;
  else if (error)
    body = (
      <ErrorBox
        title={h.readFailed}
        message={describeError(error, lang)}
        onRetry={() => void Promise.all([info.refetch(), fioB.refetch(), settled.refetch()])}
      />
    );
  else if (info.isPending || fioB.isPending) body = <Loading text={h.loading} />;
  else if (!ci?.closed) body = <p data-testid="statement-not-closed">{h.notClosed}</p>;
  else if (settled.isPending) body = <Loading text={h.loading} />;
  else if (!settled.data) body = <p data-testid="statement-missing">{h.missing}</p>;
  else {
    const lines = statementLines(
      {
        cycle,
        generatedWh: ci.generatedWh,
        s: settled.data,
        regime: d.settings.regime,
        gd2BelowMinimum: d.settings.gd2BelowMinimum,
        connection: d.member.connection,
        fullTariffMicroBrlPerKwh: d.settings.fullTariffMicroBrlPerKwh,
        fioBMicroBrlPerKwh: d.settings.fioBMicroBrlPerKwh,
        fioBSharePpm: fioB.data ?? 0,
      },
      lang,
    );
    const regimeTerm: TermId = d.settings.regime === 0 ? 'gd1' : 'gd2';
    printable = true;
    body = (
      <>
        <p data-testid="statement-regime">
          <Term id={regimeTerm}>{t.dashboard.regimes[d.settings.regime] ?? String(d.settings.regime)}</Term> <TermLink id={regimeTerm} />
        </p>
        <ol className="statement-steps">
          {lines.map((l) => (
            <li key={l.id}>
              <span data-testid={`statement-${l.id}`}>{l.text.replace(/^\d+\.\s/, '')}</span>
              {STEP_TERMS[l.id]?.map((id) => (
                <TermLink key={id} id={id} />
              ))}
            </li>
          ))}
        </ol>
        <Glossary ids={['compensated', 'minimum', 'fioB', regimeTerm, 'kwp']} />
      </>
    );
  }

  return (
    <div className="stack statement">
      <BackToDashboard chainId={chainId} community={community} />
      <article className="card" aria-labelledby="statement-heading">
        <h1 id="statement-heading">{h.title(formatCycle(cycle))}</h1>
        <p className="muted">
          {h.community}: {d.settings.name} · {h.member}: {d.member.label}
        </p>
        <p>{h.intro}</p>
        {body}
        <p className="provenance">{h.note}</p>
        {printable && (
          <button type="button" className="no-print" onClick={() => window.print()} data-testid="statement-print">
            {h.print}
          </button>
        )}
      </article>
    </div>
  );
}
