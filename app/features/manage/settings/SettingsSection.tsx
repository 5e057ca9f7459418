import { TextField } from '../../../components/TextField.tsx';
import { bothLangs } from '../../../lib/tx/store.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { useState, type ReactNode } from 'react';
import { isAddress, zeroAddress, type Address } from 'viem';
import { useReadContract } from 'wagmi';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { type ManageCtx } from '../data.ts';
import { manageDicts, useManageT } from '../dict.ts';
import { parseSharePercent } from '../members/shares.ts';
import { useSend } from '../useSend.ts';
import { ConsoleReview, useConsoleWrite, type ConsoleWrite } from '../ConsoleReview.tsx';
import { formatPpm, formatTariff } from '../../../lib/format.ts';
import { formatFixed, parseFixed } from './fixed.ts';
import { MAX_YEAR, MIN_YEAR } from '../../../lib/cycles.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';

/** A settings form: its fields (hidden while its review is shown), its review, and its send's error. */
function Reviewed({ name, w, children }: { name: string; w: ConsoleWrite; children: ReactNode }) {
  return (
    <>
      <div className="review-form" hidden={!!w.review}>
        {children}
      </div>
      <ConsoleReview name={name} w={w} />
      {!w.review && <WriteError error={w.error} testId={`${name}-error`} />}
    </>
  );
}

export function SettingsSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const s = ctx.d.settings;
  const send = useSend();
  const ws = useConsoleWrite();
  const wf = useConsoleWrite();
  const wm = useConsoleWrite();
  const wr = useConsoleWrite();
  const [full, setFull] = useState(formatFixed(s.fullTariffMicroBrlPerKwh, 6, lang));
  const [fioB, setFioB] = useState(formatFixed(s.fioBMicroBrlPerKwh, 6, lang));
  const [policy, setPolicy] = useState<number>(s.tradingPolicy);
  const [below, setBelow] = useState<number>(s.gd2BelowMinimum);
  const [minOrder, setMinOrder] = useState(formatFixed(BigInt(s.minOrderWh), 3, lang));
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [pct, setPct] = useState('');
  const [newManager, setNewManager] = useState('');
  const [reader, setReader] = useState(ctx.d.meterReader === zeroAddress ? '' : ctx.d.meterReader);
  const [touched, setTouched] = useState('');
  const pending = useReadContract({ address: ctx.community, abi: communityAbi, functionName: 'pendingManager', chainId: ctx.chainId });

  const fullV = parseFixed(full, 6);
  const fioBV = parseFixed(fioB, 6);
  const minOrderV = parseFixed(minOrder, 3);
  const minOrderOk = minOrderV !== null && minOrderV <= 4_294_967_295n;
  const tariffsOk = fullV !== null && fullV > 0n && fioBV !== null && fioBV <= fullV && minOrderOk;
  const yearV = Number(year);
  const yearOk = Number.isInteger(yearV) && yearV >= MIN_YEAR && yearV <= MAX_YEAR;
  const pctV = parseSharePercent(pct);
  const managerOk = isAddress(newManager.trim(), { strict: false }) && newManager.trim() !== zeroAddress;
  const readerOk = reader.trim() === '' || isAddress(reader.trim(), { strict: false });
  const base = { chainId: ctx.chainId, address: ctx.community } as const;

  return (
    <section className="card" aria-labelledby="settings-heading" id="settings">
      <h2 id="settings-heading">{m.settings.heading}</h2>
      <form
        className="subcard"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched('tariffs');
          if (!tariffsOk || fullV === null || fioBV === null || minOrderV === null) return;
          const minWh = Number(minOrderV);
          const policyName = (p: number) => m.settings.policies[p] ?? String(p);
          const belowName = (b: number) => m.settings.belowMinimum.options[b]?.title ?? String(b);
          const fact = (label: string, now: string, before: string) =>
            [label, now === before ? `${now} ${m.review.same}` : `${now} ${m.review.was(before)}`] as const;
          ws.ask({
            summary: m.review.settings(formatTariff(fullV, lang), formatTariff(fioBV, lang), policyName(policy), belowName(below)),
            facts: [
              fact(m.settings.fullTariff, formatTariff(fullV, lang), formatTariff(s.fullTariffMicroBrlPerKwh, lang)),
              fact(m.settings.fioB, formatTariff(fioBV, lang), formatTariff(s.fioBMicroBrlPerKwh, lang)),
              fact(m.settings.trading, policyName(policy), policyName(s.tradingPolicy)),
              fact(m.settings.belowMinimum.legend, belowName(below), belowName(s.gd2BelowMinimum)),
              fact(m.settings.minOrder, formatFixed(minOrderV, 3, lang), formatFixed(BigInt(s.minOrderWh), 3, lang)),
            ],
            send: () =>
              send({
                ...base,
                functionName: 'updateSettings',
                args: [{ ...s, fullTariffMicroBrlPerKwh: fullV, fioBMicroBrlPerKwh: fioBV, tradingPolicy: policy, gd2BelowMinimum: below, minOrderWh: minWh }],
                label: bothLangs((l) => manageDicts[l].settings.txSettings),
              }),
          });
        }}
      >
        <Reviewed name="settings" w={ws}>
          <TextField
            id="set-full"
            label={m.settings.fullTariff}
            inputMode="decimal"
            value={full}
            onChange={(v) => {
              setFull(v);
              ws.setError('');
            }}
            invalid={touched === 'tariffs' && !tariffsOk}
            errorId="set-tariffs-error"
          />
          <TextField
            id="set-fiob"
            label={m.settings.fioB}
            inputMode="decimal"
            value={fioB}
            onChange={(v) => {
              setFioB(v);
              ws.setError('');
            }}
            invalid={touched === 'tariffs' && !tariffsOk}
            errorId="set-tariffs-error"
          />
          {touched === 'tariffs' && !tariffsOk && (
            <p className="error-text" role="alert" id="set-tariffs-error">
              {m.settings.tariffProblem}
            </p>
          )}
          <div className="field">
            <label htmlFor="set-policy">{m.settings.trading}</label>
            <select
              id="set-policy"
              value={policy}
              onChange={(e) => {
                setPolicy(Number(e.target.value));
                ws.setError('');
              }}
            >
              {m.settings.policies.map((p, i) => (
                <option key={i} value={i}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="set-min-order"
            label={m.settings.minOrder}
            hint={m.settings.minOrderHint}
            inputMode="decimal"
            value={minOrder}
            onChange={(v) => {
              setMinOrder(v);
              ws.setError('');
            }}
            invalid={touched === 'tariffs' && !minOrderOk}
            errorId="set-min-order-error"
          />
          {touched === 'tariffs' && !minOrderOk && (
            <p className="error-text" role="alert" id="set-min-order-error">
              {m.settings.minOrderProblem}
            </p>
          )}
          <fieldset className="choices" data-testid="set-below-minimum">
            <legend>{m.settings.belowMinimum.legend}</legend>
            <p className="muted">{m.settings.belowMinimum.intro}</p>
            {m.settings.belowMinimum.options.map((o, i) => (
              <label key={i} className="choice">
                <input
                  type="radio"
                  name="below-minimum"
                  value={i}
                  checked={below === i}
                  onChange={() => {
                    setBelow(i);
                    ws.setError('');
                  }}
                />
                <span>
                  <strong>{o.title}</strong>
                  <br />
                  <span className="muted">{o.text}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <ActionButton type="submit" unavailable={ws.busy}>
            {m.settings.saveSettings}
          </ActionButton>
        </Reviewed>
      </form>

      <form
        className="subcard"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched('fiob');
          if (!yearOk || !pctV.ok) return;
          const ppm = pctV.ppm;
          wf.ask({
            summary: m.review.fioB(yearV, formatPpm(ppm, lang)),
            send: () => send({ ...base, functionName: 'setFioBStep', args: [yearV, ppm], label: bothLangs((l) => manageDicts[l].settings.txFioB(yearV)) }),
          });
        }}
      >
        <h3>{m.settings.fioBHeading}</h3>
        <Reviewed name="fiob" w={wf}>
          <div className="row wrap">
            <TextField
              id="fiob-year"
              label={m.settings.year}
              inputMode="numeric"
              value={year}
              onChange={(v) => {
                setYear(v);
                wf.setError('');
              }}
              invalid={touched === 'fiob' && !yearOk}
              errorId="fiob-year-error"
            />
            <TextField
              id="fiob-pct"
              label={m.settings.pct}
              inputMode="decimal"
              value={pct}
              onChange={(v) => {
                setPct(v);
                wf.setError('');
              }}
              invalid={touched === 'fiob' && !pctV.ok}
              errorId="fiob-pct-error"
            />
          </div>
          {touched === 'fiob' && !yearOk && (
            <p className="error-text" role="alert" id="fiob-year-error">
              {m.settings.yearProblem}
            </p>
          )}
          {touched === 'fiob' && !pctV.ok && (
            <p className="error-text" role="alert" id="fiob-pct-error">
              {m.settings.pctProblem}
            </p>
          )}
          <ActionButton type="submit" unavailable={wf.busy}>
            {m.settings.setStep}
          </ActionButton>
        </Reviewed>
      </form>

      <form
        className="subcard"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched('manager');
          if (!managerOk) return;
          const to = newManager.trim() as Address;
          wm.ask({
            summary: m.review.propose(to),
            send: () => send({ ...base, functionName: 'transferManager', args: [to], label: bothLangs((l) => manageDicts[l].settings.txPropose) }),
          });
        }}
      >
        <h3>{m.settings.handoverHeading}</h3>
        <Reviewed name="handover" w={wm}>
          <p className="muted">{m.settings.handoverIntro}</p>
          <TextField
            id="new-manager"
            label={m.settings.newManager}
            value={newManager}
            onChange={(v) => {
              setNewManager(v);
              wm.setError('');
            }}
            invalid={touched === 'manager' && !managerOk}
            errorId="new-manager-error"
          />
          {touched === 'manager' && !managerOk && (
            <p className="error-text" role="alert" id="new-manager-error">
              {m.settings.addressProblem}
            </p>
          )}
          {pending.data && pending.data !== zeroAddress && <p className="muted">{m.settings.pending(pending.data)}</p>}
          <ActionButton type="submit" unavailable={wm.busy}>
            {m.settings.propose}
          </ActionButton>
        </Reviewed>
      </form>

      <form
        className="subcard"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched('reader');
          if (!readerOk) return;
          const r = (reader.trim() === '' ? zeroAddress : reader.trim()) as Address;
          wr.ask({
            summary: r === zeroAddress ? m.review.readerNone : m.review.reader(r),
            send: () => send({ ...base, functionName: 'setMeterReader', args: [r], label: bothLangs((l) => manageDicts[l].settings.txReader) }),
          });
        }}
      >
        <h3>{m.settings.readerHeading}</h3>
        <Reviewed name="reader" w={wr}>
          <TextField
            id="meter-reader"
            label={m.settings.reader}
            value={reader}
            onChange={(v) => {
              setReader(v);
              wr.setError('');
            }}
            invalid={touched === 'reader' && !readerOk}
            errorId="meter-reader-error"
          />
          {touched === 'reader' && !readerOk && (
            <p className="error-text" role="alert" id="meter-reader-error">
              {m.settings.addressProblem}
            </p>
          )}
          <ActionButton type="submit" unavailable={wr.busy}>
            {m.settings.setReader}
          </ActionButton>
        </Reviewed>
      </form>
    </section>
  );
}

/** Step two of the handover: shown to the nominated wallet. */
export function AcceptManager({ chainId, community, name }: { chainId: number; community: Address; name: string }) {
  const { m } = useManageT();
  const send = useSend();
  const w = useConsoleWrite();
  return (
    <div className="card">
      <Reviewed name="accept" w={w}>
        <ActionButton
          type="button"
          data-testid="accept-manager"
          unavailable={w.busy}
          onClick={() =>
            w.ask({
              summary: m.review.accept(name),
              send: () =>
                send({ chainId, address: community, functionName: 'acceptManager', args: [], label: bothLangs((l) => manageDicts[l].settings.txAccept) }),
            })
          }
        >
          {m.settings.accept}
        </ActionButton>
      </Reviewed>
    </div>
  );
}
