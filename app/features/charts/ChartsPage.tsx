import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { describeError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useHistoryDict } from '../../lib/history-dict.ts';
import { BackToDashboard, CommunityRoute, type MemberRouteCtx as MemberContext } from '../../components/CommunityRoute.tsx';
import { useMemberHistory } from '../../lib/logs/useMemberHistory.ts';
import { energySeries, expirySeries, priceSeries } from './chartData.ts';
import { formatPriceNumber, priceUnit } from '../../lib/money.ts';
import { useTokenMeta } from '../../lib/useTokenMeta.ts';

/** uPlot (and its CSS) load only here, on the charts view. */
const Chart = lazy(() => import('./Chart.tsx').then((m) => ({ default: m.Chart })));

export default function ChartsPage({ params }: { params: { chainId?: string; address?: string } }) {
  return (
    <CommunityRoute params={params} requireMember>
      {(m) => <Charts {...m} />}
    </CommunityRoute>
  );
}

function Charts({ chainId, community, account, d }: MemberContext) {
  const { lang } = useI18n();
  const h = useHistoryDict();
  const c = h.charts;
  const { rows, done, error, retry, progress } = useMemberHistory(chainId, community, d.member.id, account);
  const energy = useMemo(() => energySeries(rows, 24), [rows]);
  const expiry = useMemo(() => expirySeries(d.lots), [d.lots]);
  // The token is read only when the member has fills to plot.
  const token = useTokenMeta(chainId, rows.some((r) => r.kind === 'order-filled') ? d.settings.paymentToken : undefined);
  const price = useMemo(() => priceSeries(rows, token?.decimals ?? 0), [rows, token]);
  const locale = lang === 'en' ? 'en-US' : 'pt-BR';
  const nf = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }), [locale]);
  const format = useCallback((v: number) => nf.format(v), [nf]);
  // Price ticks as money reads: two decimals at least ("0,45"), the unit in the series' name.
  const pf = useMemo(() => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 }), [locale]);
  const formatPrice = useCallback((v: number) => pf.format(v), [pf]);
  const labels = useMemo(() => ({ x: c.cycle, show: c.showTable, hide: c.hideTable }), [c]);
  const energySet = useMemo(
    () => [
      { label: c.allocated, values: energy.allocatedKwh, color: '#e0a800', bars: true },
      { label: c.consumed, values: energy.consumedKwh, color: '#1565c0' },
      { label: c.balance, values: energy.balanceKwh, color: '#2e7d32' },
    ],
    [energy, c],
  );
  const expirySet = useMemo(() => [{ label: c.amount, values: expiry.kwh, color: '#6a1b9a', bars: true }], [expiry, c]);
  const priceSet = useMemo(
    () =>
      token
        ? [{ label: c.price1(priceUnit(token)), values: price.price, text: price.units.map((u) => formatPriceNumber(u, token, lang)), color: '#c62828' }]
        : [],
    [price, c, token, lang],
  );

  return (
    <div className="stack">
      <BackToDashboard chainId={chainId} community={community} />
      <section className="card">
        <h1>{c.title}</h1>
        <Link href={`/c/${chainId}/${community}/history`}>{h.title}</Link>
        {error !== null && <ErrorBox title={h.error} message={describeError(error, lang)} onRetry={retry} />}
        {!done && (
          <p role="status" data-testid="history-progress">
            {progress ? h.progress(String(progress.doneBlocks), String(progress.totalBlocks)) : c.loading}
          </p>
        )}
        {done && (
          <Suspense fallback={<Loading text={c.loading} />}>
            {energy.cycles.length === 0 ? (
              <p>{c.none}</p>
            ) : (
              <Chart title={c.energy} cycles={energy.cycles} series={energySet} format={format} tableLabels={labels} fromZero testId="chart-energy" />
            )}
            {expiry.cycles.length > 0 && (
              <Chart
                title={c.expiry}
                cycles={expiry.cycles}
                series={expirySet}
                format={format}
                tableLabels={{ ...labels, x: c.expiryMonth }}
                fromZero
                testId="chart-expiry"
              />
            )}
            {price.cycles.length > 0 && priceSet.length > 0 && (
              <Chart title={c.price} cycles={price.cycles} series={priceSet} format={formatPrice} tableLabels={labels} testId="chart-price" />
            )}
          </Suspense>
        )}
      </section>
    </div>
  );
}
