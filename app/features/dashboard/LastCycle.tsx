import type { ReactNode } from 'react';
import type { Address } from 'viem';
import { Term } from '../../components/Term.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { describeError } from '../../lib/errors.ts';
import { formatBrl, formatCycle, formatKwh, formatPpm } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useLastSettlement, type DashboardData } from '../../lib/dashboard.ts';

export function LastCycle({ chainId, community, d }: { chainId: number; community: Address; d: DashboardData }) {
  const { t, lang } = useI18n();
  const { data: s, error, isPending, refetch } = useLastSettlement(chainId, community, d);
  const cycle = d.lastClosed.cycle;

  if (cycle === 0) {
    return (
      <section className="card" aria-label={t.dashboard.lastCycle}>
        <p data-testid="no-closed-cycle">{t.dashboard.noClosed}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="last-cycle-heading">
      <h2 id="last-cycle-heading">
        {t.dashboard.lastCycle} <span data-testid="last-cycle">{formatCycle(cycle)}</span>
      </h2>
      {error ? (
        <ErrorBox title={t.dashboard.settlementError} message={describeError(error, lang)} onRetry={() => void refetch()} />
      ) : isPending ? (
        <Loading text={t.dashboard.settlementLoading} />
      ) : !s ? (
        <p data-testid="settlement-missing">{t.dashboard.settlementMissing}</p>
      ) : (
        <>
          <dl className="facts">
            <Row label={t.dashboard.allocated} id="allocated-kwh" value={formatKwh(s.allocatedWh, lang)} />
            <Row label={t.dashboard.consumed} id="consumed-kwh" value={formatKwh(s.consumedWh, lang)} />
            <Row label={<Term id="compensated">{t.dashboard.compensated}</Term>} id="compensated-kwh" value={formatKwh(s.compensatedWh, lang)} />
            <Row label={t.dashboard.billed} id="billed-kwh" value={formatKwh(s.billedWh, lang)} />
            <div>
              <dt>
                <Term id="minimum">{t.dashboard.minimum}</Term>
              </dt>
              <dd data-testid="minimum-applied" data-applied={s.minimumApplied ? 'true' : 'false'}>
                {s.minimumApplied ? t.dashboard.minimumApplied(formatKwh(s.minimumWh, lang)) : t.dashboard.minimumNotApplied(formatKwh(s.minimumWh, lang))}
              </dd>
            </div>
            <Row
              label={<Term id="fioB">{t.dashboard.fioB(formatPpm(d.fioBSharePpmLastCycle, lang))}</Term>}
              id="fiob-brl"
              value={formatBrl(s.fioBMicroBrl, lang)}
            />
            <Row label={t.dashboard.bill} id="bill-brl" value={formatBrl(s.billMicroBrl, lang)} strong />
            <Row label={t.dashboard.savings} id="savings-brl" value={formatBrl(BigInt(s.noSolarBillMicroBrl) - BigInt(s.billMicroBrl), lang)} strong />
          </dl>
          <p className="muted">{t.dashboard.savingsNote}</p>
          <p className="provenance" data-testid="provenance">
            {t.dashboard.provenance}
          </p>
        </>
      )}
    </section>
  );
}

function Row({ label, id, value, strong }: { label: ReactNode; id: string; value: string; strong?: boolean }) {
  return (
    <div className={strong ? 'strong' : undefined}>
      <dt>{label}</dt>
      <dd data-testid={id}>{value}</dd>
    </div>
  );
}
