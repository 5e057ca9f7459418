import { bothLangs } from '../../../lib/tx/store.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { useState } from 'react';
import { formatCycle, formatKwh } from '../../../lib/format.ts';
import { useSettlements, type ManageCtx, type MemberView } from '../data.ts';
import { ConsoleReview, useConsoleWrite } from '../ConsoleReview.tsx';
import { manageDicts, useManageT } from '../dict.ts';
import { parseReadingKwh } from '../readings/parseReadings.ts';
import { useSend } from '../useSend.ts';
import { fieldProblem } from '../../../lib/a11y.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { ADJUST_REASONS, adjustReasonHash, adjustReasonLabel, type AdjustReason } from '../../../lib/adjust-reasons.ts';

const INT64_MAX = 2n ** 63n - 1n;

export function ReconcileSection({ ctx }: { ctx: ManageCtx }) {
  const { m } = useManageT();
  const last = ctx.d.lastClosed;
  const settled = useSettlements(ctx.chainId, ctx.community, last);
  return (
    <section className="card" aria-labelledby="reconcile-heading" id="reconcile">
      <h2 id="reconcile-heading">{m.reconcile.heading(last.cycle ? formatCycle(last.cycle) : '')}</h2>
      {last.cycle === 0 ? (
        <p>{m.reconcile.none}</p>
      ) : (
        <>
          <p>{m.reconcile.intro}</p>
          {ctx.members.map((x) => {
            const s = settled.data?.get(x.id);
            return s ? <ReconcileRow key={x.id} ctx={ctx} member={x} ledgerCompWh={s.compensatedWh} ledgerBalanceWh={s.balanceWh} /> : null;
          })}
        </>
      )}
    </section>
  );
}

function ReconcileRow({ ctx, member, ledgerCompWh, ledgerBalanceWh }: { ctx: ManageCtx; member: MemberView; ledgerCompWh: bigint; ledgerBalanceWh: bigint }) {
  const { m, lang } = useManageT();
  const send = useSend();
  const w = useConsoleWrite();
  const [comp, setComp] = useState('');
  const [bal, setBal] = useState('');
  const [reason, setReason] = useState<AdjustReason | ''>('');
  const id = `rc-${member.id}`;
  const compP = parseReadingKwh(comp, lang);
  const balP = parseReadingKwh(bal, lang);
  const delta = balP.ok ? balP.wh - ledgerBalanceWh : 0n;
  const compDiff = compP.ok ? compP.wh - ledgerCompWh : 0n;
  const signed = (v: bigint) => (v > 0n ? '+' : v < 0n ? '−' : '') + formatKwh(v < 0n ? -v : v, lang);
  const valid = balP.ok && delta !== 0n && reason !== '' && delta <= INT64_MAX && delta >= -INT64_MAX;

  function apply() {
    if (!valid || !balP.ok) return;
    const d = delta;
    const why = reason;
    w.ask({
      summary: m.review.adjust(member.label, signed(d), formatKwh(ledgerBalanceWh, lang), formatKwh(balP.wh, lang)),
      facts: [[m.reconcile.reason, adjustReasonLabel(why, lang)]],
      send: async () => {
        const r = await send({
          chainId: ctx.chainId,
          address: ctx.community,
          functionName: 'adjustCredits',
          args: [member.id, d, adjustReasonHash(why)],
          label: bothLangs((l) => manageDicts[l].reconcile.txAdjust(member.label)),
        });
        if (r.ok) {
          setBal('');
          setReason('');
        }
        return r;
      },
    });
  }

  return (
    <fieldset className="subcard" data-testid="reconcile-row">
      <legend>{member.label}</legend>
      <dl className="facts">
        <div>
          <dt>{m.reconcile.ledgerComp}</dt>
          <dd>{formatKwh(ledgerCompWh, lang)}</dd>
        </div>
        <div>
          <dt>{m.reconcile.ledgerBalance}</dt>
          <dd>{formatKwh(ledgerBalanceWh, lang)}</dd>
        </div>
      </dl>
      <div className="review-form" hidden={!!w.review}>
        <div className="row wrap">
          <div className="field">
            <label htmlFor={`${id}-comp`}>{m.reconcile.billComp} (kWh)</label>
            <input
              id={`${id}-comp`}
              inputMode="decimal"
              value={comp}
              onChange={(e) => setComp(e.target.value)}
              {...fieldProblem(comp !== '' && !compP.ok, `${id}-comp-msg`, comp !== '' && compP.ok ? `${id}-comp-msg` : undefined)}
            />
            {comp !== '' &&
              (compP.ok ? (
                <span className="muted" id={`${id}-comp-msg`}>
                  {m.reconcile.diff}: {signed(compDiff)}
                </span>
              ) : (
                <span className="error-text" id={`${id}-comp-msg`}>
                  {m.readings.fieldError(compP.problem)}
                </span>
              ))}
          </div>
          <div className="field">
            <label htmlFor={`${id}-bal`}>{m.reconcile.billBalance} (kWh)</label>
            <input
              id={`${id}-bal`}
              inputMode="decimal"
              value={bal}
              onChange={(e) => {
                setBal(e.target.value);
                w.setError('');
              }}
              {...fieldProblem(bal !== '' && !balP.ok, `${id}-bal-msg`, bal !== '' && balP.ok ? `${id}-bal-msg` : undefined)}
            />
            {bal !== '' &&
              (balP.ok ? (
                <span className="muted" id={`${id}-bal-msg`}>
                  {m.reconcile.diff}: {signed(delta)}
                </span>
              ) : (
                <span className="error-text" id={`${id}-bal-msg`}>
                  {m.readings.fieldError(balP.problem)}
                </span>
              ))}
          </div>
        </div>
        {balP.ok && delta !== 0n && (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{m.reconcile.reason}</label>
            <select
              id={`${id}-reason`}
              value={reason}
              aria-describedby={`${id}-reason-hint`}
              onChange={(e) => {
                setReason(e.target.value as AdjustReason | '');
                w.setError('');
              }}
            >
              <option value="">{m.reconcile.choose}</option>
              {ADJUST_REASONS.map((r) => (
                <option key={r} value={r}>
                  {adjustReasonLabel(r, lang)}
                </option>
              ))}
            </select>
            <span className="muted" id={`${id}-reason-hint`}>
              {reason === '' ? `${m.reconcile.reasonRequired} ` : ''}
              {m.reconcile.reasonHint}
            </span>
          </div>
        )}
        <ActionButton type="button" className="secondary" unavailable={!valid || w.busy} onClick={apply}>
          {m.reconcile.adjust}
        </ActionButton>
        <WriteError error={w.error} />
      </div>
      <ConsoleReview name={`reconcile-${member.id}`} w={w} />
    </fieldset>
  );
}
