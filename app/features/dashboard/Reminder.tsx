import type { Address } from 'viem';
import { formatCycle, formatKwh } from '../../lib/format.ts';
import { useDashboardExtrasT } from '../../lib/dashboard-extras-dict.ts';

/** "Lembrar-me": a calendar file (.ics) of the next credits to expire, made here: no server. */
export function Reminder({
  community,
  memberId,
  communityName,
  cycle,
  wh,
}: {
  community: Address;
  memberId: number;
  communityName: string;
  cycle: number;
  wh: bigint;
}) {
  const { x, lang } = useDashboardExtrasT();
  async function download() {
    // The calendar file's code loads on the tap (not in the first-load bundle).
    const { expiryReminderIcs } = await import('../../lib/ics.ts');
    const kwh = formatKwh(wh, lang);
    const month = formatCycle(cycle);
    const ics = expiryReminderIcs({
      expiryCycle: cycle,
      uid: `${cycle}-${memberId}-${community.toLowerCase()}@compartilha`,
      now: new Date(),
      summary: x.remindSummary(kwh, month),
      description: x.remindDescription(kwh, month, communityName),
      url: window.location.href,
    });
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `compartilha-creditos-${cycle}.ics`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <p>
      <button type="button" className="secondary" data-testid="remind-me" aria-describedby="remind-hint" onClick={() => void download()}>
        {x.remind}
      </button>{' '}
      <span id="remind-hint" className="muted">
        {x.remindHint}
      </span>
    </p>
  );
}
