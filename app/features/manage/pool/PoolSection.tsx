import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { getBlockNumber, getContractEvents } from 'viem/actions';
import { useConfig, useReadContract } from 'wagmi';
import { getClient } from 'wagmi/actions';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { ReviewStep, useReviewedWrite } from '../../../components/ReviewStep.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { fieldProblem } from '../../../lib/a11y.ts';
import { deploymentOf, logsRangeOf } from '../../../lib/chains.ts';
import { getLogsCapped } from '../../../lib/logs/capped.ts';
import { formatCycle, formatKwh } from '../../../lib/format.ts';
import { POOL_REASONS, poolReasonHash, poolReasonLabel, poolReasonOf, poolReasonPhrase } from '../../../lib/pool-reasons.ts';
import { problemText, useTradeT } from '../../../lib/trade-dict.ts';
import { useRefresh, type ManageCtx } from '../data.ts';
import { manageDicts, useManageT } from '../dict.ts';
import { bothLangs } from '../../../lib/tx/store.ts';
import { useSend } from '../useSend.ts';
import { checkAssign, expiresSoon, loadPoolNotes, savePoolNote, soonWh, type AssignField, type AssignProblem } from './pool.ts';

/** The pool's assignments so far, newest first (eth_getLogs from the deployment on, in ranges that fit the chain's cap). */
function usePoolAssignments(ctx: ManageCtx) {
  const config = useConfig();
  return useQuery({
    queryKey: ['manage', 'pool-assigned', ctx.chainId, ctx.community],
    queryFn: async () => {
      const client = getClient(config, { chainId: ctx.chainId });
      if (!client) throw new Error('no client');
      const fromBlock = BigInt(deploymentOf(ctx.chainId)?.registryBlock ?? 0);
      const toBlock = await getBlockNumber(client, { cacheTime: 0 });
      const logs = await getLogsCapped({ from: fromBlock, to: toBlock }, logsRangeOf(ctx.chainId), (r) =>
        getContractEvents(client, { address: ctx.community, abi: communityAbi, eventName: 'PoolAssigned', fromBlock: r.from, toBlock: r.to, strict: true }),
      );
      return logs.reverse().map((l) => ({
        id: `${l.transactionHash}:${l.logIndex}`,
        txHash: l.transactionHash.toLowerCase(),
        memberId: l.args.toMemberId,
        cycle: l.args.cycle,
        amountWh: l.args.amountWh,
        reason: poolReasonOf(l.args.reasonHash),
      }));
    },
  });
}

/** The solidarity pool: its balance and lots, and giving from it to a member, with a reason of a fixed list. */
export function PoolSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const { d: td } = useTradeT();
  const p = m.pool;
  const refresh = useRefresh();
  const send = useSend();
  const lots = useReadContract({ address: ctx.community, abi: communityAbi, functionName: 'poolLots', chainId: ctx.chainId });
  const assigned = usePoolAssignments(ctx);
  const write = useReviewedWrite(refresh);
  const [memberId, setMemberId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ field: AssignField; message: string }>();
  const [done, setDone] = useState('');
  const [notes, setNotes] = useState(() => loadPoolNotes(ctx.chainId, ctx.community));
  const submitRef = useRef<HTMLButtonElement>(null);
  const wasReviewing = useRef(false);
  // Back from the review (or after sending): focus returns to the form's button.
  useEffect(() => {
    if (wasReviewing.current && !write.review) submitRef.current?.focus();
    wasReviewing.current = write.review !== null;
  }, [write.review]);

  const poolWh = ctx.d.poolWh;
  const open = ctx.d.openCycle;
  const active = ctx.members.filter((x) => x.active);
  const byId = new Map(ctx.members.map((x) => [x.id, x]));
  const invalid = (f: AssignField) => problem?.field === f;
  const say = (r: { problem: AssignProblem; max?: number }) =>
    r.problem === 'overPool'
      ? p.overPool(formatKwh(poolWh, lang))
      : r.problem === 'chooseMember'
        ? p.chooseMember
        : r.problem === 'chooseReason'
          ? p.chooseReason
          : problemText(td, { problem: r.problem, ...(r.max !== undefined ? { max: r.max } : {}) });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (write.busy) return;
    write.setError('');
    setProblem(undefined);
    setDone('');
    const r = checkAssign({ memberId, amount, reason }, ctx.members, poolWh, lang);
    if (!r.ok) return setProblem({ field: r.field, message: say(r) });
    const kwh = formatKwh(r.amountWh, lang);
    const why = poolReasonPhrase(r.reason, lang);
    const text = note.trim();
    write.ask({
      summary: p.summary(kwh, r.member.label, why),
      facts: [
        [p.balanceNow, formatKwh(poolWh, lang)],
        [p.balanceAfter, formatKwh(poolWh - r.amountWh, lang)],
        [p.onChain, p.onChainText],
        ...(text ? ([[p.noteFact, text]] as const) : []),
      ],
      send: async () => {
        const out = await send({
          chainId: ctx.chainId,
          address: ctx.community,
          functionName: 'assignFromPool',
          args: [r.member.id, r.amountWh, poolReasonHash(r.reason)],
          label: bothLangs((l) => manageDicts[l].pool.tx(formatKwh(r.amountWh, l), r.member.label)),
        });
        if (out.ok) {
          savePoolNote(ctx.chainId, ctx.community, out.hash, text);
          setNotes(loadPoolNotes(ctx.chainId, ctx.community));
          setAmount('');
          setNote('');
          setDone(p.done(kwh, r.member.label, why));
          void assigned.refetch();
          void lots.refetch();
        }
        return out;
      },
    });
  }

  const list = lots.data ?? [];
  return (
    <section className="card" aria-labelledby="pool-heading" id="pool">
      <h2 id="pool-heading">{p.heading}</h2>
      <p>{p.intro}</p>
      <dl className="facts">
        <div>
          <dt>{p.balance}</dt>
          <dd data-testid="pool-section-balance">{formatKwh(poolWh, lang)}</dd>
        </div>
        <div>
          <dt>{p.soon}</dt>
          <dd data-testid="pool-section-soon">{formatKwh(soonWh(list, open), lang)}</dd>
        </div>
      </dl>
      <h3 id="pool-lots-heading">{p.lotsHeading}</h3>
      {lots.data && list.length === 0 ? (
        <p data-testid="pool-no-lots">{p.empty}</p>
      ) : (
        <table className="lots" aria-labelledby="pool-lots-heading" data-testid="pool-lots">
          <thead>
            <tr>
              <th scope="col">{p.lotOrigin}</th>
              <th scope="col">{p.lotExpiry}</th>
              <th scope="col" className="num">
                {p.lotAmount}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((lot, i) => {
              const soon = expiresSoon(lot, open);
              return (
                <tr key={`${lot.originCycle}-${i}`} data-testid="pool-lot" data-soon={soon}>
                  <td>{formatCycle(lot.originCycle)}</td>
                  <td>
                    {formatCycle(lot.expiryCycle)}
                    {soon && (
                      <>
                        {' '}
                        <strong className="error-text" data-testid="pool-lot-soon">
                          {p.soonFlag}
                        </strong>
                      </>
                    )}
                  </td>
                  <td className="num">{formatKwh(lot.amountWh, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h3 id="pool-assign-heading">{p.assignHeading}</h3>
      {write.review ? (
        <ReviewStep name="pool" review={write.review} busy={write.busy} error={write.error} onConfirm={() => void write.confirm()} onBack={write.back} />
      ) : (
        <form aria-labelledby="pool-assign-heading" onSubmit={submit} noValidate data-testid="pool-form">
          <div className="field">
            <label htmlFor="pool-member">{p.member}</label>
            <select
              id="pool-member"
              data-testid="pool-member"
              value={memberId}
              onChange={(e) => setMemberId(e.target.value)}
              {...fieldProblem(invalid('member'), 'pool-problem')}
            >
              <option value="">{p.choose}</option>
              {active.map((x) => (
                <option key={x.id} value={String(x.id)}>
                  {x.label}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="pool-amount"
            data-testid="pool-amount"
            label={p.amount}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
            invalid={invalid('amount')}
            errorId="pool-problem"
          />
          <div className="field">
            <label htmlFor="pool-reason">{p.reason}</label>
            <select
              id="pool-reason"
              data-testid="pool-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              {...fieldProblem(invalid('reason'), 'pool-problem', 'pool-reason-hint')}
            >
              <option value="">{p.choose}</option>
              {POOL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {poolReasonLabel(r, lang)}
                </option>
              ))}
            </select>
            <p className="muted" id="pool-reason-hint">
              {p.reasonHint}
            </p>
          </div>
          <TextField id="pool-note" data-testid="pool-note" label={p.note} hint={p.noteHint} spellCheck maxLength={200} value={note} onChange={setNote} />
          {problem && (
            <p className="error-text" role="alert" id="pool-problem" data-testid="pool-problem">
              {problem.message}
            </p>
          )}
          {write.error && (
            <p className="error-text" role="alert" data-testid="pool-error">
              {write.error}
            </p>
          )}
          {done && (
            <p className="ok-text" role="status" data-testid="pool-done">
              {done}
            </p>
          )}
          <button type="submit" ref={submitRef} data-testid="pool-submit" aria-disabled={write.busy}>
            {p.submit}
          </button>
        </form>
      )}

      {assigned.error && (
        <p className="error-text" role="alert" data-testid="pool-assignments-failed">
          {p.pastFailed}
        </p>
      )}
      {!assigned.error && assigned.data && assigned.data.length > 0 && (
        <>
          <h3>{p.pastHeading}</h3>
          <ul className="orders" data-testid="pool-assignments">
            {assigned.data.slice(0, 20).map((a) => (
              <li key={a.id} data-testid="pool-assignment">
                {p.pastLine(
                  formatCycle(a.cycle),
                  byId.get(a.memberId)?.label ?? `#${a.memberId}`,
                  formatKwh(a.amountWh, lang),
                  poolReasonPhrase(a.reason, lang),
                )}
                {notes[a.txHash] && <span className="muted"> — {p.yourNote(notes[a.txHash]!)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
