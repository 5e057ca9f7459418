import { formatCycle, formatKwh } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { Address } from 'viem';
import { nextExpiry, type DashboardData } from '../../lib/dashboard.ts';
import { Reminder } from './Reminder.tsx';

export function Credits({ d, community }: { d: DashboardData; community: Address }) {
  const { t, lang } = useI18n();
  const next = nextExpiry(d.lots);
  return (
    <>
      <section className="card" aria-labelledby="expiring-heading">
        <h2 id="expiring-heading">{t.dashboard.expiringHeading}</h2>
        {/* The next expiry first, in words: when and how much (every lot of that month added up). */}
        {next ? (
          <>
            <p className="strong-line" data-testid="next-expiry">
              {t.dashboard.nextExpiry(formatKwh(next.wh, lang), formatCycle(next.cycle))}
            </p>
            <Reminder community={community} memberId={d.member.id} communityName={d.settings.name} cycle={next.cycle} wh={next.wh} />
          </>
        ) : (
          <p data-testid="next-expiry">{t.dashboard.noExpiry}</p>
        )}
        <dl className="facts">
          <div>
            <dt>{t.dashboard.expiring1}</dt>
            <dd data-testid="expiring-1">{formatKwh(d.expiringWithin1Wh, lang)}</dd>
          </div>
          <div>
            <dt>{t.dashboard.expiring3}</dt>
            <dd data-testid="expiring-3">{formatKwh(d.expiringWithin3Wh, lang)}</dd>
          </div>
          <div>
            <dt>{t.dashboard.expiring12}</dt>
            <dd data-testid="expiring-12">{formatKwh(d.expiringWithin12Wh, lang)}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="lots-heading">
        <h2 id="lots-heading">{t.dashboard.lotsHeading}</h2>
        {d.lots.length === 0 ? (
          <p data-testid="no-lots">{t.dashboard.noLots}</p>
        ) : (
          <table className="lots">
            <thead>
              <tr>
                <th scope="col">{t.dashboard.lotOrigin}</th>
                <th scope="col">{t.dashboard.lotExpiry}</th>
                <th scope="col" className="num">
                  {t.dashboard.lotAmount}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.lots.map((lot, i) => (
                <tr key={`${lot.originCycle}-${i}`} data-testid="lot-row">
                  <td data-testid="lot-origin">{formatCycle(lot.originCycle)}</td>
                  <td data-testid="lot-expiry">{formatCycle(lot.expiryCycle)}</td>
                  <td data-testid="lot-amount" className="num">
                    {formatKwh(lot.amountWh, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
