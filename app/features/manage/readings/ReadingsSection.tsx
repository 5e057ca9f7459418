import { bothLangs } from '../../../lib/tx/store.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { useState, type ChangeEvent } from 'react';
import { useConfig } from 'wagmi';
import { formatCycle, formatKwh } from '../../../lib/format.ts';
import { fetchOpenCycleReadings, useOpenCycleReadings, useRefresh, type ManageCtx } from '../data.ts';
import { manageDicts, useManageT } from '../dict.ts';
import { loadDirectory, ucOf } from '../members/directory.ts';
import { batchSize, useSend } from '../useSend.ts';
import { parseReadingKwh, parseReadingsCsv, readingFieldText, type MemberRef, type ReadingError } from './parseReadings.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import type { WriteOutcome } from '../../../lib/tx/useWrite.ts';
import { ConsoleReview, useConsoleWrite } from '../ConsoleReview.tsx';

export function ReadingsSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const config = useConfig();
  const send = useSend();
  const refresh = useRefresh();
  const cycle = ctx.d.openCycle;
  const onchain = useOpenCycleReadings(ctx);
  const active = ctx.members.filter((x) => x.active);

  const [gen, setGen] = useState('');
  const [fields, setFields] = useState<Record<number, string>>({});
  const [csvErrors, setCsvErrors] = useState<ReadingError[]>([]);
  const [csvNote, setCsvNote] = useState('');
  const write = useConsoleWrite();
  const [sent, setSent] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0, already: 0 });
  // sending, stopped half-way (the button resumes without posting twice), done, or nothing yet
  const phase = write.busy ? 'sending' : write.error ? 'interrupted' : sent ? 'done' : 'idle';

  const genParsed = parseReadingKwh(gen, lang);
  const parsed = active.map((x) => ({ id: x.id, label: x.label, r: parseReadingKwh(fields[x.id] ?? '', lang) }));
  const formOk = genParsed.ok && parsed.every((p) => p.r.ok);
  const canSend = formOk && csvErrors.length === 0 && phase !== 'sending' && !ctx.d.closing && active.length > 0;

  async function onCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setSent(false);
    write.setError('');
    const dir = loadDirectory(ctx.chainId, ctx.community);
    const refs: MemberRef[] = ctx.members.map((x) => ({ id: x.id, label: x.label, active: x.active, uc: ucOf(dir, x.wallet, x.ucCommitment) }));
    const r = await parseReadingsCsv(await file.text(), refs);
    const errors = [...(r.ok ? [] : r.errors)];
    if (r.generationWh === null && !parseReadingKwh(gen, lang).ok) errors.push({ line: null, code: 'missingPlant', key: '' });
    setCsvErrors(errors);
    if (errors.length > 0) {
      setCsvNote('');
      return;
    }
    // All good: the form shows exactly what will be sent.
    if (r.generationWh !== null) setGen(readingFieldText(r.generationWh, lang));
    setFields(Object.fromEntries(r.readings.map((x) => [x.memberId, readingFieldText(x.wh, lang)])));
    setCsvNote(m.readings.loaded(r.readings.length));
  }

  function onSend() {
    if (!genParsed.ok || !formOk) return;
    const generationWh = genParsed.wh;
    const total = parsed.reduce((a, p) => a + (p.r.ok ? p.r.wh : 0n), 0n);
    write.ask({
      summary: m.review.readings(parsed.length, formatCycle(cycle), formatKwh(generationWh, lang), formatKwh(total, lang)),
      facts: [
        [m.readings.generation, formatKwh(generationWh, lang)],
        [m.close.consumption, formatKwh(total, lang)],
        [m.review.signatures, String(1 + Math.ceil(parsed.length / batchSize()))],
      ],
      send: async () => {
        setSent(false);
        const r = await postAll(generationWh);
        if (r.ok) setSent(true);
        return r;
      },
    });
  }

  /** Posts the generation and the readings in batches; a read that fails throws (said by useWrite). */
  async function postAll(generationWh: bigint): Promise<WriteOutcome> {
    const plan = parsed.map((p) => ({ id: p.id, wh: p.r.ok ? p.r.wh : 0n }));
    const state = await fetchOpenCycleReadings(config, ctx.chainId, ctx.community, cycle);
    // Resume without posting twice: skip members whose reading for this cycle already has this value.
    const todo = plan.filter((p) => state.readings.get(p.id) !== p.wh);
    const already = plan.length - todo.length;
    let done = already;
    setProgress({ done, total: plan.length, already });
    if (state.generationWh !== generationWh) {
      const r = await send({
        chainId: ctx.chainId,
        address: ctx.community,
        functionName: 'postGeneration',
        args: [cycle, generationWh],
        label: bothLangs((l) => manageDicts[l].readings.txGeneration(formatCycle(cycle))),
      });
      if (!r.ok) return r;
    }
    const size = batchSize();
    for (let i = 0; i < todo.length; i += size) {
      const batch = todo.slice(i, i + size);
      const r = await send({
        chainId: ctx.chainId,
        address: ctx.community,
        functionName: 'postReadings',
        args: [cycle, batch.map((b) => b.id), batch.map((b) => b.wh)],
        label: bothLangs((l) => manageDicts[l].readings.txBatch(already + i + 1, already + i + batch.length, plan.length)),
      });
      if (!r.ok) {
        void refresh(); // the batches that landed show as posted
        return r;
      }
      done += batch.length;
      setProgress({ done, total: plan.length, already });
    }
    return { ok: true };
  }

  const recorded = onchain.data?.readings;
  return (
    <section className="card" aria-labelledby="readings-heading" id="readings">
      <h2 id="readings-heading">{m.readings.heading(formatCycle(cycle))}</h2>
      <div className="review-form" hidden={!!write.review}>
        <p>{m.readings.intro}</p>
        <div className="field">
          <label htmlFor="readings-csv">{m.readings.csv}</label>
          <input id="readings-csv" type="file" accept=".csv,text/csv,text/plain" data-testid="readings-csv-input" onChange={(e) => void onCsv(e)} />
          <p className="muted">{m.readings.csvHint}</p>
        </div>
        {csvErrors.length > 0 && (
          <div className="error-box" role="alert">
            <p className="error-title">{m.readings.errorsHeading(csvErrors.length)}</p>
            <ul data-testid="readings-errors">
              {csvErrors.map((e, i) => (
                <li key={i} data-testid="readings-error">
                  {m.readings.lineError(e.line, e.key, e.code)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {csvNote && <p role="status">{csvNote}</p>}
        <div className="field">
          <label htmlFor="gen-input">{m.readings.generation}</label>
          <input
            id="gen-input"
            inputMode="decimal"
            value={gen}
            data-testid="readings-generation"
            onChange={(e) => {
              setCsvErrors([]);
              setGen(e.target.value);
            }}
            aria-invalid={gen !== '' && !genParsed.ok}
            aria-describedby={gen !== '' && !genParsed.ok ? 'gen-error' : undefined}
          />
          {gen !== '' && !genParsed.ok && (
            <p className="error-text" id="gen-error">
              {m.readings.fieldError(genParsed.problem)}
            </p>
          )}
          {onchain.data && onchain.data.generationWh > 0n && (
            <p className="muted">
              {m.readings.current}: {formatKwh(onchain.data.generationWh, lang)}
            </p>
          )}
        </div>
        <table className="lots manage-table">
          <thead>
            <tr>
              <th scope="col">{m.members.label}</th>
              <th scope="col">kWh</th>
              <th scope="col" className="num">
                {m.readings.current}
              </th>
            </tr>
          </thead>
          <tbody>
            {parsed.map((p) => (
              <tr key={p.id}>
                <td>
                  <label htmlFor={`reading-${p.id}`}>{p.label}</label>
                </td>
                <td>
                  <input
                    id={`reading-${p.id}`}
                    inputMode="decimal"
                    value={fields[p.id] ?? ''}
                    data-testid={`reading-input-${p.id}`}
                    aria-invalid={(fields[p.id] ?? '') !== '' && !p.r.ok}
                    aria-describedby={(fields[p.id] ?? '') !== '' && !p.r.ok ? `reading-${p.id}-error` : undefined}
                    onChange={(e) => {
                      setCsvErrors([]);
                      setFields({ ...fields, [p.id]: e.target.value });
                    }}
                  />
                  {(fields[p.id] ?? '') !== '' && !p.r.ok && (
                    <span className="error-text" id={`reading-${p.id}-error`}>
                      {m.readings.fieldError(p.r.problem)}
                    </span>
                  )}
                </td>
                <td className="num">{recorded?.has(p.id) ? formatKwh(recorded.get(p.id) ?? 0n, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <WriteError error={write.error} testId="readings-send-error" />
        {!formOk && phase === 'idle' && Object.keys(fields).length > 0 && (
          <p className="muted">{genParsed.ok ? m.readings.fixFields : m.readings.noGeneration}</p>
        )}
        <ActionButton type="button" data-testid="readings-send" unavailable={!canSend} onClick={onSend}>
          {phase === 'sending' ? m.sending : phase === 'interrupted' ? m.readings.resume : m.readings.send}
        </ActionButton>
      </div>
      <ConsoleReview name="readings" w={write} />
      {phase !== 'idle' && progress.total > 0 && (
        <div className="progress-block">
          <label htmlFor="readings-progress">{m.readings.progress}</label>
          <progress
            id="readings-progress"
            data-testid="readings-progress"
            max={progress.total}
            value={progress.done}
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
          />
          <p className="muted" data-testid="readings-already">
            {m.readings.already(progress.done, progress.total)}
          </p>
        </div>
      )}
      {phase === 'done' && (
        <p role="status" className="success" data-testid="readings-done">
          {m.readings.done}
        </p>
      )}
    </section>
  );
}
