import { formatCycle, formatKwp } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { DashboardData } from '../../lib/dashboard.ts';
import { Term } from '../../components/Term.tsx';

export function CommunityInfo({ d }: { d: DashboardData }) {
  const { t, lang } = useI18n();
  const s = d.settings;
  return (
    <section className="card" aria-labelledby="community-name">
      <h1 id="community-name" data-testid="community-name">
        {s.name}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t.dashboard.distributor}</dt>
          <dd data-testid="distributor">{s.distributor}</dd>
        </div>
        <div>
          <dt>{t.dashboard.regime}</dt>
          <dd data-testid="regime">
            {s.regime === 0 || s.regime === 1 ? <Term id={s.regime === 0 ? 'gd1' : 'gd2'}>{t.dashboard.regimes[s.regime]}</Term> : String(s.regime)}
          </dd>
        </div>
        <div>
          <dt>{t.dashboard.plant}</dt>
          <dd data-testid="plant-kwp">
            <Term id="kwp">{formatKwp(s.plantCapacityW, lang)}</Term>
          </dd>
        </div>
        {d.openCycle !== 0 && (
          <div>
            {/* The term is read once, from the dt; the dd shows it again for the eye only. */}
            <dt className="visually-hidden">{t.dashboard.openCycle('').trim()}</dt>
            <dd className="muted" data-testid="open-cycle">
              <span aria-hidden="true">{t.dashboard.openCycle('')}</span>
              {formatCycle(d.openCycle)}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
