import type { ReactNode } from 'react';
import { formatCycle, formatKwh, formatPpm } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { DashboardData } from '../../lib/dashboard.ts';

export function MemberInfo({ d, children }: { d: DashboardData; children?: ReactNode }) {
  const { t, lang } = useI18n();
  const m = d.member;
  return (
    <section className="card highlight" aria-label={t.dashboard.member}>
      <dl className="facts big">
        <div>
          <dt>{t.dashboard.member}</dt>
          <dd data-testid="member-label">{m.label}</dd>
        </div>
        <div>
          <dt>{t.dashboard.share}</dt>
          <dd data-testid="share-pct">{formatPpm(m.sharePpm, lang)}</dd>
        </div>
        <div>
          <dt>{t.dashboard.balance}</dt>
          <dd data-testid="balance-kwh">{formatKwh(m.balanceWh, lang)}</dd>
        </div>
      </dl>
      {m.pendingShareCycle !== 0 && (
        <p data-testid="pending-share">{t.dashboard.pendingShare(formatPpm(m.pendingSharePpm, lang), formatCycle(m.pendingShareCycle))}</p>
      )}
      {!m.active && <p className="muted">{t.dashboard.inactive}</p>}
      {children}
    </section>
  );
}
