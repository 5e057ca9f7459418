import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCycle } from '../../lib/format.ts';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
  bars?: boolean;
  /** The table's cells, formatted from the integers (when given; otherwise `format` of the values). */
  text?: string[];
}

/** Pixels a y-axis needs for its widest label (uPlot cuts what does not fit). ~7 px per character at 12 px. */
function axisWidth(labels: readonly string[] | null | undefined): number {
  const longest = Math.max(1, ...(labels ?? []).map((l) => l.length));
  return Math.ceil(longest * 7.5) + 18;
}

/** One uPlot chart over cycles (x = index, labelled MM/YYYY), with a <table> equivalent. */
export function Chart({
  title,
  cycles,
  series,
  format,
  tableLabels,
  fromZero = false,
  testId,
}: {
  title: string;
  cycles: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  tableLabels: { x: string; show: string; hide: string };
  /** The y axis starts at 0 (amounts: bars must start at zero to be compared). */
  fromZero?: boolean;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);

  useEffect(() => {
    const node = el.current;
    if (!node || cycles.length === 0) return;
    const xs = cycles.map((_, i) => i);
    const bars = uPlot.paths.bars?.({ size: [0.6, 40] });
    const plot = new uPlot(
      {
        width: Math.max(280, node.clientWidth),
        height: 220,
        scales: {
          x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
          ...(fromZero ? { y: { range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] } } : {}),
        },
        axes: [
          // "10/2026" is ~50 px wide: at least 64 px between ticks so labels never overlap on a phone.
          { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) && cycles[t] !== undefined ? formatCycle(cycles[t]!) : '')), space: 64 },
          { values: (_u, ticks) => ticks.map((t) => format(t)), size: (_u, values) => axisWidth(values) },
        ],
        hooks: {
          // The drawn y range, for tests and for anyone inspecting the page.
          draw: [
            (u) => {
              node.dataset.yMin = String(u.scales.y?.min ?? '');
              node.dataset.yMax = String(u.scales.y?.max ?? '');
            },
          ],
        },
        series: [
          { label: tableLabels.x, value: (_u, v) => (v === null || cycles[v] === undefined ? '' : formatCycle(cycles[v]!)) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: s.bars ? s.color + '99' : undefined,
            width: 2,
            paths: s.bars ? bars : undefined,
            value: (_u: uPlot, v: number | null) => (v === null ? '' : format(v)),
          })),
        ],
      },
      [xs, ...series.map((s) => s.values)],
      node,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, node.clientWidth), height: 220 }));
    ro.observe(node);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [cycles, series, format, tableLabels.x, fromZero]);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>{' '}
        <button type="button" className="link-button no-print" aria-expanded={showTable} onClick={() => setShowTable((v) => !v)}>
          {showTable ? tableLabels.hide : tableLabels.show}
        </button>
      </figcaption>
      <div ref={el} aria-hidden="true" data-testid="chart-plot" />
      {/* The data as a table: hidden but read by screen readers, or shown in a scrollable region.
          The wrapper, not the table, is hidden: a table ignores the 1 px box and widened the page. */}
      <div {...(showTable ? { className: 'table-scroll', role: 'region', 'aria-label': title, tabIndex: 0 } : { className: 'visually-hidden' })}>
        <table className="lots" data-testid="chart-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{tableLabels.x}</th>
              {series.map((s) => (
                <th scope="col" key={s.label} className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cycles.map((c, i) => (
              <tr key={c}>
                <th scope="row">{formatCycle(c)}</th>
                {series.map((s) => (
                  <td key={s.label} className="num">
                    {s.text?.[i] ?? format(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
