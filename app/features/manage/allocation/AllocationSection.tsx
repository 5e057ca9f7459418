import { useMemo } from 'react';
import { addCycles } from '../../../lib/cycles.ts';
import { formatCycle, formatKwh, formatPpm } from '../../../lib/format.ts';
import { useNetTransfers, type ManageCtx } from '../data.ts';
import { useManageT } from '../dict.ts';
import { download, loadDirectory, ucOf } from '../members/directory.ts';
import { allocationCsv, allocationTable } from './allocationTable.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { FileSchedule } from '../schedule/FileSchedule.tsx';

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
  const transfers = useNetTransfers(ctx.chainId, ctx.community, last.cycle);
  const rows = useMemo(() => {
    if (last.cycle === 0) return [];
    return allocationTable({
      members: ctx.members.map((x) => ({ id: x.id, sharePpm: x.sharePpm, active: x.active })),
      expectedGenerationWh: last.generatedWh,
      netWh: transfers.data ?? new Map(),
      carryInWh: loadCarry(ctx.chainId, ctx.community, addCycles(last.cycle, -1)),
    });
  }, [ctx.members, ctx.chainId, ctx.community, last.cycle, last.generatedWh, transfers.data]);
  const byId = useMemo(() => new Map(ctx.members.map((x) => [x.id, x])), [ctx.members]);

  // The document the distributor receives (and whose hash a filing records): rebuilt when the table changes, not on every render.
  const csv = useMemo(() => {
    const dir = loadDirectory(ctx.chainId, ctx.community);
    return allocationCsv(
      rows.map((r) => {
        const x = byId.get(r.memberId);
        return { uc: x ? (ucOf(dir, x.wallet, x.ucCommitment) ?? '') : '', label: x?.label ?? String(r.memberId), ppm: r.ppm };
      }),
    );
  }, [rows, byId, ctx.chainId, ctx.community]);

  function onExport() {
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
      ) : (
        <>
          <p className="muted">
            {m.allocation.expected(formatKwh(last.generatedWh, lang))} ({formatCycle(last.cycle)})
          </p>
          <div className="table-scroll" role="region" aria-label={m.tableScroll(m.allocation.heading)} tabIndex={0}>
            <table className="lots manage-table" data-testid="allocation-table">
              <thead>
                <tr>
                  <th scope="col">{m.members.label}</th>
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
                    {m.allocation.pct}
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
                    <td className="num">{formatKwh(r.baseWh, lang)}</td>
                    <td className="num">{signed(r.netWh)}</td>
                    <td className="num">{signed(r.carryInWh)}</td>
                    <td className="num">{formatKwh(r.targetWh, lang)}</td>
                    <td className="num" data-testid="allocation-pct">
                      {formatPpm(r.ppm, lang)}
                    </td>
                    <td className="num">{signed(r.carryOutWh)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ActionButton type="button" data-testid="allocation-export" onClick={onExport} unavailable={transfers.isPending}>
            {m.allocation.export}
          </ActionButton>
          {/* The table the distributor receives is the one filed: filing it schedules it. */}
          {transfers.data && (
            <FileSchedule
              ctx={ctx}
              proposed={new Map(rows.map((r) => [r.memberId, r.ppm]))}
              csv={csv}
              name={`rateio-${ctx.d.openCycle}`}
              withDownload={false}
            />
          )}
        </>
      )}
    </section>
  );
}
