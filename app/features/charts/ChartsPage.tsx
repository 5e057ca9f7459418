import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { describeError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useHistoryDict } from '../../lib/history-dict.ts';
import { BackToDashboard, CommunityRoute, type MemberRouteCtx as MemberContext } from '../../components/CommunityRoute.tsx';
import { useMemberHistory } from '../../lib/logs/useMemberHistory.ts';
import { energySeries, expirySeries, priceSeries } from './chartData.ts';

/** uPlot (and its CSS) load only here, on the charts view. */
const Chart = lazy(() => import('./Chart.tsx').then((m) => ({ default: m.Chart })));

export default function ChartsPage({ params }: { params: { chainId?: string; address?: string } }) {
  return (
    <CommunityRoute params={params} requireMember>
      {(m) => <Charts {...m} />}
    </CommunityRoute>
  );
}

function Charts({ chainId, community, d }: MemberContext) {
  const { lang } = useI18n();
  const h = useHistoryDict();
  const c = h.charts;
  const { rows, done, error, retry, progress } = useMemberHistory(chainId, community, d.member.id);
  const energy = useMemo(() => energySeries(rows, 24), [rows]);
  const expiry = useMemo(() => expirySeries(d.lots), [d.lots]);
  const price = useMemo(() => priceSeries(rows), [rows]);
  const nf = useMemo(() => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'pt-BR', { maximumFractionDigits: 3 }), [lang]);
  const format = useCallback((v: number) => nf.format(v), [nf]);
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
  const priceSet = useMemo(() => [{ label: c.price1, values: price.price, color: '#c62828' }], [price, c]);

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
              <Chart title={c.energy} cycles={energy.cycles} series={energySet} format={format} tableLabels={labels} />
            )}
            {expiry.cycles.length > 0 && (
              <Chart title={c.expiry} cycles={expiry.cycles} series={expirySet} format={format} tableLabels={{ ...labels, x: c.expiryMonth }} />
            )}
            {price.cycles.length > 0 && <Chart title={c.price} cycles={price.cycles} series={priceSet} format={format} tableLabels={labels} />}
          </Suspense>
        )}
      </section>
    </div>
  );
}
