import { useEffect, useMemo, useRef, useState } from 'react';
import { addCycles } from '../../../lib/cycles.ts';
import { formatCycle, formatKwh, formatPpm } from '../../../lib/format.ts';
import { useNetTransfers, type ManageCtx } from '../data.ts';
import { useManageT } from '../dict.ts';
import { DIRECTORY_CHANGED, download, loadDirectory, ucOf } from '../members/directory.ts';
import { allocationCsv, allocationTable, ucProblem, type UcProblem } from './allocationTable.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { FileSchedule } from '../schedule/FileSchedule.tsx';
import { ErrorBox, Loading } from '../../../components/Status.tsx';
import { describeError } from '../../../lib/errors.ts';

const carryKey = (chainId: number, community: string, cycle: number) => `compartilha.carry.${chainId}.${community.toLowerCase()}.${cycle}`;

function loadCarry(chainId: number, community: string, cycle: number): Map<number, bigint> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(carryKey(chainId, community, cycle)) ?? '{}');
    if (typeof raw !== 'object' || raw === null) return new Map();
    return new Map(
      Object.entries(raw)
        .filter(([, v]) => typeof v === 'string' && /^-?\d+$/.test(v))
        .map(([k, v]) => [Number(k), BigInt(v as string)]),
    );
  } catch {
    return new Map();
  }
}

export function AllocationSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const last = ctx.d.lastClosed;
  const transfers = useNetTransfers(ctx.chainId, ctx.community, last);
  // Only a complete read of the cycle's transfers makes a table: a failed (or failed-again) read shows none.
  const net = transfers.error ? undefined : transfers.data;
  const rows = useMemo(() => {
    if (last.cycle === 0 || !net) return [];
    return allocationTable({
      members: ctx.members.map((x) => ({ id: x.id, sharePpm: x.sharePpm, active: x.active })),
      expectedGenerationWh: last.generatedWh,
      netWh: net,
      carryInWh: loadCarry(ctx.chainId, ctx.community, addCycles(last.cycle, -1)),
    });
  }, [ctx.members, ctx.chainId, ctx.community, last.cycle, last.generatedWh, net]);
  const byId = useMemo(() => new Map(ctx.members.map((x) => [x.id, x])), [ctx.members]);

  // The directory is read again when the members section imports or edits it (same tab) or another tab does.
  const [dirVersion, setDirVersion] = useState(0);
  useEffect(() => {
    const bump = () => setDirVersion((v) => v + 1);
    window.addEventListener(DIRECTORY_CHANGED, bump);
    window.addEventListener('storage', bump);
    return () => {
      window.removeEventListener(DIRECTORY_CHANGED, bump);
      window.removeEventListener('storage', bump);
    };
  }, []);
  // The document the distributor receives (and whose hash a filing records): rebuilt when the table changes, not on every render.
  const { csv, problem } = useMemo(() => {
    void dirVersion;
    const dir = loadDirectory(ctx.chainId, ctx.community);
    const lines = rows.map((r) => {
      const x = byId.get(r.memberId);
      return { uc: x ? (ucOf(dir, x.wallet, x.ucCommitment) ?? '') : '', label: x?.label ?? String(r.memberId), ppm: r.ppm };
    });
    return { csv: allocationCsv(lines), problem: ucProblem(lines, Object.keys(dir).length) };
  }, [rows, byId, ctx.chainId, ctx.community, dirVersion]);
  // A file without UCs is not downloaded on a single tap: the manager confirms it knowing it is for checking only.
  const [confirming, setConfirming] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  const scroll = useRef<HTMLDivElement>(null);
  const overflows = useOverflows(scroll, rows.length);

  function onExportClick() {
    if (problem) setConfirming(true);
    else onExport();
  }

  function onExport() {
    setConfirming(false);
    try {
      localStorage.setItem(
        carryKey(ctx.chainId, ctx.community, last.cycle),
        JSON.stringify(Object.fromEntries(rows.map((r) => [r.memberId, r.carryOutWh.toString()]))),
      );
    } catch {
      /* the carry is then recomputed from scratch next month */
    }
    download(`rateio-${addCycles(ctx.d.openCycle, 0)}.csv`, csv, 'text/csv;charset=utf-8');
  }

  const signed = (v: bigint) => (v < 0n ? '−' : v > 0n ? '+' : '') + formatKwh(v < 0n ? -v : v, lang);
  return (
    <section className="card" aria-labelledby="allocation-heading" id="allocation">
      <h2 id="allocation-heading">{m.allocation.heading}</h2>
      <p>{m.allocation.rule}</p>
      {last.cycle === 0 ? (
        <p>{m.allocation.none}</p>
      ) : transfers.error ? (
        <div data-testid="allocation-read-failed">
          <ErrorBox
            title={m.allocation.readFailedTitle}
            message={`${m.allocation.readFailed} (${describeError(transfers.error, lang)})`}
            onRetry={() => void transfers.refetch()}
          />
        </div>
      ) : !net ? (
        <Loading text={m.allocation.loading} />
      ) : (
        <>
          <p className="muted">
            {m.allocation.expected(formatKwh(last.generatedWh, lang))} ({formatCycle(last.cycle)})
          </p>
          {overflows && (
            <p className="muted scroll-hint" id="allocation-scroll-hint" data-testid="allocation-scroll-hint">
              {m.allocation.scrollHint}
            </p>
          )}
          <div
            className="table-scroll"
            role="region"
            aria-label={m.tableScroll(m.allocation.heading)}
            aria-describedby={overflows ? 'allocation-scroll-hint' : undefined}
            tabIndex={0}
            ref={scroll}
          >
            <table className="lots manage-table" data-testid="allocation-table">
              <thead>
                <tr>
                  <th scope="col">{m.members.label}</th>
                  <th scope="col" className="num">
                    {m.allocation.pct}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.base}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.net}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.carryIn}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.target}
                  </th>
                  <th scope="col" className="num">
                    {m.allocation.carryOut}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.memberId} data-testid="allocation-row">
                    <td>{byId.get(r.memberId)?.label}</td>
                    <td className="num" data-testid="allocation-pct">
                      <strong>{formatPpm(r.ppm, lang)}</strong>
                    </td>
                    <td className="num">{formatKwh(r.baseWh, lang)}</td>
                    <td className="num">{signed(r.netWh)}</td>
                    <td className="num">{signed(r.carryInWh)}</td>
                    <td className="num">{formatKwh(r.targetWh, lang)}</td>
                    <td className="num">{signed(r.carryOutWh)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {problem && <UcWarning problem={problem} />}
          {confirming && problem ? (
            <div className="confirm" role="group" aria-labelledby="allocation-confirm-title" data-testid="allocation-confirm">
              <h3 id="allocation-confirm-title" ref={confirmHeading} tabIndex={-1}>
                {m.allocation.confirmTitle}
              </h3>
              <p>{m.allocation.confirmText}</p>
              <div className="row wrap">
                <ActionButton type="button" className="secondary" data-testid="allocation-export-anyway" onClick={onExport}>
                  {m.allocation.exportAnyway}
                </ActionButton>
                <ActionButton type="button" data-testid="allocation-export-cancel" onClick={() => setConfirming(false)}>
                  {m.cancel}
                </ActionButton>
              </div>
            </div>
          ) : (
            <ActionButton type="button" data-testid="allocation-export" onClick={onExportClick}>
              {m.allocation.export}
            </ActionButton>
          )}
          {/* The table the distributor receives is the one filed: filing it schedules it. */}
          {net && (
            <FileSchedule
              ctx={ctx}
              proposed={new Map(rows.map((r) => [r.memberId, r.ppm]))}
              csv={csv}
              name={`rateio-${ctx.d.openCycle}`}
              withDownload={false}
              lacksUcs={problem !== null}
            />
          )}
        </>
      )}
    </section>
  );
}

/** What is wrong with the CSV and what to do about it, before anything is downloaded. */
function UcWarning({ problem }: { problem: UcProblem }) {
  const { m } = useManageT();
  return (
    <div className="banner warning" data-testid="allocation-uc-warning">
      <p>
        <strong>{m.allocation.ucWarningTitle}</strong>
      </p>
      <p>{problem.kind === 'noDirectory' ? m.allocation.ucNoDirectory : m.allocation.ucMissing(problem.labels.join(', '))}</p>
      <p>
        <a
          href="#dir-import"
          onClick={(e) => {
            e.preventDefault();
            const input = document.getElementById('dir-import');
            input?.scrollIntoView({ behavior: 'smooth', block: 'center' });
            input?.focus();
          }}
        >
          {m.allocation.ucGoToDirectory}
        </a>
      </p>
    </div>
  );
}

/** Whether a scroll box is wider inside than on screen (then a visible hint says to drag it). */
function useOverflows(ref: React.RefObject<HTMLElement | null>, dep: unknown): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const ro = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(check);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [ref, dep]);
  return overflows;
}
