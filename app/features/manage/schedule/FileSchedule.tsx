import { bothLangs } from '../../../lib/tx/store.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { useMemo, useState, type ChangeEvent } from 'react';
import { useReadContract } from 'wagmi';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { formatCycle, formatFiledOn, formatPpm } from '../../../lib/format.ts';
import { ConsoleReview, useConsoleWrite } from '../ConsoleReview.tsx';
import { type ManageCtx } from '../data.ts';
import { manageDicts, useManageT } from '../dict.ts';
import { download } from '../members/directory.ts';
import { useSend } from '../useSend.ts';
import { documentHash, effectiveCycleChoices, filedOnFromInput, scheduleLists, todayInBrasilia } from './schedule.ts';

/** The community's latest share schedule (Community.shareSchedule), read with the console's other reads. */
export function useShareSchedule(ctx: ManageCtx) {
  return useReadContract({ address: ctx.community, abi: communityAbi, functionName: 'shareSchedule', chainId: ctx.chainId });
}

const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;

/**
 * Filing a new allocation table: the table is downloaded (the document the distributor gets), then the
 * filing date, the cycle it applies from and the document's hash are recorded with `scheduleShares`.
 * Nothing is signed while the table is invalid or another schedule waits for its cycle.
 */
export function FileSchedule(props: {
  ctx: ManageCtx;
  proposed: ReadonlyMap<number, number>;
  /** The document: the table as the distributor receives it. */
  csv: string;
  name: string;
  /** False when the section has its own download button for the same csv. */
  withDownload?: boolean;
  /** True when the table lacks some unit's UC (this browser's directory): the review says so before the table's hash is filed. */
  lacksUcs?: boolean;
}) {
  const { ctx, proposed, csv, name, withDownload = true, lacksUcs = false } = props;
  const { m, lang } = useManageT();
  const send = useSend();
  const schedule = useShareSchedule(ctx);
  const write = useConsoleWrite();
  const choices = effectiveCycleChoices(ctx.d.openCycle);
  const [effective, setEffective] = useState(choices[0]!);
  const [filed, setFiled] = useState(() => todayInBrasilia(new Date()));
  const [file, setFile] = useState<{ name: string; hash: `0x${string}` }>();
  // The date is checked from the first submit on, and again at each change (a corrected date drops its error).
  const [dateChecked, setDateChecked] = useState(false);
  const dateProblem = dateChecked && filedOnFromInput(filed) === undefined;
  const [done, setDone] = useState('');
  const tableHash = useMemo(() => documentHash(new TextEncoder().encode(csv)), [csv]);
  const lists = scheduleLists(ctx.members, proposed);
  const byId = new Map(ctx.members.map((x) => [x.id, x]));
  const problem = lists.ok
    ? ''
    : lists.problem.code === 'sum'
      ? m.schedule.problem.sum(formatPpm(lists.problem.sumPpm, lang))
      : lists.problem.code === 'inactive'
        ? m.schedule.problem.inactive(byId.get(lists.problem.memberId)?.label ?? `nº ${lists.problem.memberId}`)
        : m.schedule.problem[lists.problem.code];

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f) setFile({ name: f.name, hash: documentHash(new Uint8Array(await f.arrayBuffer())) });
  }

  function submit() {
    setDone('');
    const filedOn = filedOnFromInput(filed);
    setDateChecked(true);
    if (filedOn === undefined || !lists.ok) return;
    const c = formatCycle(effective);
    const { memberIds, sharesPpm } = lists;
    const cycle = effective;
    const hash = file?.hash ?? tableHash;
    const changes = memberIds.flatMap((id, i) => {
      const x = byId.get(id);
      const to = sharesPpm[i] ?? 0;
      return x && x.sharePpm !== to ? [[x.label, `${formatPpm(x.sharePpm, lang)} → ${formatPpm(to, lang)}`] as const] : [];
    });
    write.ask({
      summary: m.review.schedule(formatFiledOn(filedOn), c),
      facts: [
        ...changes,
        [m.schedule.document, file ? m.schedule.documentFile(file.name, short(hash)) : m.schedule.documentTable(short(hash))],
        ...(lacksUcs && !file ? ([[m.schedule.attention, m.schedule.tableWithoutUcs]] as const) : []),
      ],
      send: async () => {
        const r = await send({
          chainId: ctx.chainId,
          address: ctx.community,
          functionName: 'scheduleShares',
          args: [memberIds, sharesPpm, cycle, filedOn, hash],
          label: bothLangs((l) => manageDicts[l].schedule.tx(c)),
        });
        if (r.ok) setDone(m.schedule.done(c));
        return r;
      },
    });
  }

  const pending = schedule.data?.pending ? schedule.data : undefined;
  return (
    <form
      className="subcard"
      data-testid="file-schedule"
      aria-labelledby={`${name}-schedule-h`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id={`${name}-schedule-h`}>{m.schedule.heading}</h3>
      <div className="review-form" hidden={!!write.review}>
        <p className="muted">{m.schedule.intro}</p>
        {withDownload && (
          <ActionButton
            type="button"
            className="secondary"
            data-testid="schedule-download"
            onClick={() => download(`rateio-${name}.csv`, csv, 'text/csv;charset=utf-8')}
          >
            {m.schedule.download}
          </ActionButton>
        )}
        {done && (
          <p className="ok-text" role="status" data-testid="schedule-done">
            {done}
          </p>
        )}
        {pending ? (
          <p className="notice" data-testid="schedule-blocked">
            {m.schedule.pendingBlocks(formatCycle(pending.effectiveCycle))}
          </p>
        ) : (
          <>
            <TextField
              id={`${name}-filed-on`}
              data-testid="schedule-filed-on"
              label={m.schedule.filedOn}
              type="date"
              value={filed}
              onChange={(v) => {
                setFiled(v);
                write.setError('');
              }}
              invalid={dateProblem}
              error={m.schedule.badDate}
            />
            <div className="field">
              <label htmlFor={`${name}-effective`}>{m.schedule.effective}</label>
              <select
                id={`${name}-effective`}
                data-testid="schedule-effective"
                value={effective}
                onChange={(e) => {
                  setEffective(Number(e.target.value));
                  write.setError('');
                }}
              >
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {formatCycle(c)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${name}-document`}>{m.schedule.chooseFile}</label>
              <input
                id={`${name}-document`}
                type="file"
                data-testid="schedule-document"
                onChange={(e) => void onFile(e)}
                aria-describedby={`${name}-document-hint`}
              />
              <p className="muted" id={`${name}-document-hint`} data-testid="schedule-document-hash">
                {m.schedule.document}: {file ? m.schedule.documentFile(file.name, short(file.hash)) : m.schedule.documentTable(short(tableHash))}.{' '}
                {m.schedule.documentHint}
              </p>
            </div>
            {problem && (
              <p className="error-text" id={`${name}-schedule-why`} data-testid="schedule-problem">
                {problem}
              </p>
            )}
            <WriteError error={write.error} testId="schedule-error" />
            <ActionButton
              type="submit"
              data-testid="schedule-submit"
              unavailable={write.busy || !lists.ok}
              aria-describedby={problem ? `${name}-schedule-why` : undefined}
            >
              {write.busy ? m.sending : m.schedule.submit}
            </ActionButton>
          </>
        )}
      </div>
      <ConsoleReview name="schedule" w={write} />
    </form>
  );
}

/** The schedule waiting for its cycle: what changes for whom, and a way back if the distributor refused it. */
export function PendingSchedule({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const send = useSend();
  const schedule = useShareSchedule(ctx);
  const write = useConsoleWrite();
  const s = schedule.data;
  if (!s?.pending) return null;
  const c = formatCycle(s.effectiveCycle);
  const changes = ctx.members.filter((x) => x.pendingShareCycle === s.effectiveCycle);
  return (
    <div className="subcard notice" data-testid="pending-schedule" aria-labelledby="pending-schedule-h">
      <h3 id="pending-schedule-h">{m.schedule.pendingHeading}</h3>
      <p>{m.schedule.pending(formatFiledOn(s.filedOn), c)}</p>
      <ul>
        {changes.map((x) => (
          <li key={x.id} data-testid="pending-line">
            {m.schedule.pendingLine(x.label, formatPpm(x.sharePpm, lang), formatPpm(x.pendingSharePpm, lang))}
          </li>
        ))}
      </ul>
      <WriteError error={write.error} />
      <ActionButton
        type="button"
        className="secondary"
        data-testid="schedule-cancel"
        hidden={!!write.review}
        unavailable={write.busy}
        onClick={() =>
          write.ask({
            summary: m.review.scheduleCancel(c),
            send: () =>
              send({
                chainId: ctx.chainId,
                address: ctx.community,
                functionName: 'cancelShareSchedule',
                args: [],
                label: bothLangs((l) => manageDicts[l].schedule.txCancel(c)),
              }),
          })
        }
      >
        {m.schedule.cancel}
      </ActionButton>
      <ConsoleReview name="schedule-cancel" w={write} />
    </div>
  );
}
