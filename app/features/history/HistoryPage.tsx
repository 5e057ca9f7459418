import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ErrorBox } from '../../components/Status.tsx';
import { explorerOf } from '../../lib/chains.ts';
import { describeError } from '../../lib/errors.ts';
import { formatCycle, formatKwh, formatPpm, groupInt, type Lang } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { historyCsv } from '../../lib/logs/csv.ts';
import { filterRows, HISTORY_KINDS, replacedReadings, type HistoryKind, type HistoryRow } from '../../lib/logs/rows.ts';
import { ledgerWords } from '../../lib/logs/ledger-words.ts';
import { useHistoryDict, type HistoryDict } from '../../lib/history-dict.ts';
import { BackToDashboard, CommunityRoute, type MemberRouteCtx as MemberContext } from '../../components/CommunityRoute.tsx';
import { useMemberHistory } from '../../lib/logs/useMemberHistory.ts';
import { poolReasonPhrase } from '../../lib/pool-reasons.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatMoney, formatPricePerKwh, isReaisToken, type TokenMeta } from '../../lib/money.ts';
import { useTokenMeta } from '../../lib/useTokenMeta.ts';
import { useMemberLabels } from '../../lib/useMemberLabels.ts';

export default function HistoryPage({ params }: { params: { chainId?: string; address?: string } }) {
  return (
    <CommunityRoute params={params} requireMember>
      {(m) => <History {...m} />}
    </CommunityRoute>
  );
}

function signedKwh(wh: string, lang: Lang): string {
  const v = BigInt(wh);
  return `${v > 0n ? '+' : v < 0n ? '−' : ''}${formatKwh(v < 0n ? -v : v, lang)}`;
}

function History({ chainId, community, account, d }: MemberContext) {
  const { lang } = useI18n();
  const h = useHistoryDict();
  const { rows, progress, done, fromCache, lastBlock, error, retry } = useMemberHistory(chainId, community, d.member.id, account);
  // Read only when a row needs them: a history without market rows or donations costs no extra call.
  const needsMoney = rows.some((r) => r.tokenAmount !== undefined || r.priceTokenPerKwh !== undefined);
  const token = useTokenMeta(chainId, needsMoney ? d.settings.paymentToken : undefined);
  const labels = useMemberLabels(
    chainId,
    community,
    rows.some((r) => r.counterpartyId !== undefined),
  );
  const who = (id: number) => labels.get(id) ?? h.member(id);
  const [kind, setKind] = useState<HistoryKind | 'all'>('all');
  const shown = useMemo(() => filterRows(rows, kind), [rows, kind]);
  const replaced = useMemo(() => replacedReadings(rows), [rows]);
  const explorer = explorerOf(chainId);

  const exportCsv = () => {
    const csv = historyCsv(shown, lang, {
      header: h.csvHeader(!token || isReaisToken(token.symbol) ? 'R$' : token.symbol),
      kind: (k) => h.kinds[k],
      counterparty: who,
      order: h.order,
      tokenDecimals: token?.decimals,
    });
    const url = URL.createObjectURL(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `compartilha-historico-${d.member.id}-${kind}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  return (
    <div className="stack">
      <BackToDashboard chainId={chainId} community={community} />
      <section className="card" aria-labelledby="history-heading">
        <h1 id="history-heading">
          {h.title} — {d.member.label}
        </h1>
        <p className="status" role="status" aria-live="polite" data-testid="history-progress" data-done={done ? 'true' : 'false'}>
          {done && lastBlock !== null
            ? h.progressDone(groupInt(lastBlock, lang))
            : progress
              ? h.progress(groupInt(progress.doneBlocks, lang), groupInt(progress.totalBlocks, lang))
              : h.progress('0', '…')}
          {done && fromCache ? ` ${h.fromCache}` : ''}
        </p>
        {progress && !done && <progress max={Number(progress.totalBlocks) || 1} value={Number(progress.doneBlocks)} />}
        {error !== null && <ErrorBox title={h.error} message={describeError(error, lang)} onRetry={retry} />}
        <div className="history-tools no-print">
          <label>
            {h.filter}{' '}
            <select data-testid="history-filter" value={kind} onChange={(e) => setKind(e.target.value as HistoryKind | 'all')}>
              <option value="all">{h.all}</option>
              {HISTORY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {h.kinds[k]}
                </option>
              ))}
            </select>
          </label>
          <ActionButton type="button" onClick={exportCsv} unavailable={!done} data-testid="history-export">
            {h.export}
          </ActionButton>
          <Link href={`/c/${chainId}/${community}/charts`} data-testid="charts-link">
            {h.charts.title}
          </Link>
        </div>
        <p className="muted" data-testid="history-count">
          {h.count(shown.length)}
        </p>
        {done && shown.length === 0 ? (
          <p>{h.empty}</p>
        ) : (
          <ol className="history">
            {shown.map((r) => (
              <Row key={r.id} r={r} h={h} lang={lang} explorer={explorer} base={`/c/${chainId}/${community}`} token={token} who={who} replaced={replaced} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** A market row's words: the other member by name, the side, the money (once the token is known). */
function marketDetail(r: HistoryRow, h: HistoryDict, lang: Lang, token: TokenMeta | undefined, who: (id: number) => string): string {
  const money = (v: string | undefined) => (token && v !== undefined ? formatMoney(BigInt(v), token, lang) : '');
  const price = (v: string | undefined) => (token && v !== undefined ? formatPricePerKwh(BigInt(v), token, lang) : '');
  switch (r.kind) {
    case 'order-filled':
      return r.side && r.counterpartyId !== undefined
        ? `${h.filled(r.side, who(r.counterpartyId), money(r.tokenAmount), price(r.priceTokenPerKwh))} · ${h.order(r.side, r.orderId ?? '')}`
        : '';
    case 'order-placed':
      return `${h.order(r.side, r.orderId ?? '')} ${token ? h.placedAt(price(r.priceTokenPerKwh)) : ''}`.trim();
    case 'order-cancelled':
    case 'order-expired':
      return `${h.order(undefined, r.orderId ?? '')}${token && r.tokenAmount && r.tokenAmount !== '0' ? ` · ${h.returned(money(r.tokenAmount))}` : ''}`;
    case 'withdrawn':
      return token ? h.withdrawn(money(r.tokenAmount)) : '';
    case 'donation-out':
      return r.counterpartyId !== undefined ? h.donationTo(who(r.counterpartyId)) : '';
    case 'donation-in':
      return r.counterpartyId !== undefined ? h.donationFrom(who(r.counterpartyId)) : '';
    default:
      return '';
  }
}

function Row({
  r,
  h,
  lang,
  explorer,
  base,
  token,
  who,
  replaced,
}: {
  r: HistoryRow;
  h: HistoryDict;
  lang: Lang;
  explorer: string | null;
  base: string;
  token: TokenMeta | undefined;
  who: (id: number) => string;
  replaced: ReadonlySet<string>;
}) {
  const s = r.settlement;
  const words = marketDetail(r, h, lang, token, who);
  const ledger = ledgerWords(r, h, lang, replaced);
  return (
    <li
      className="history-row"
      data-testid="history-row"
      data-kind={r.kind}
      data-cycle={r.cycle ?? ''}
      data-amount-wh={r.amountWh ?? ''}
      data-token-amount={r.tokenAmount ?? ''}
    >
      <div className="history-head">
        <strong>
          {h.kinds[r.kind]}
          {r.kind === 'pool-assigned' && <span data-testid="history-reason">{` — ${poolReasonPhrase(r.reason ?? 'unknown', lang)}`}</span>}
          {ledger.reason && <span data-testid="history-reason">{` — ${ledger.reason}`}</span>}
        </strong>
        {r.cycle ? <span data-testid="history-cycle">{formatCycle(r.cycle)}</span> : null}
        {r.amountWh !== undefined && r.kind !== 'settled' && (
          <span className="num" data-testid="history-amount">
            {r.kind === 'reading' || r.kind === 'order-placed' ? formatKwh(BigInt(r.amountWh), lang) : signedKwh(r.amountWh, lang)}
          </span>
        )}
        {r.kind === 'withdrawn' && token && r.tokenAmount !== undefined && (
          <span className="num" data-testid="history-money">
            {formatMoney(BigInt(r.tokenAmount), token, lang)}
          </span>
        )}
      </div>
      <div className="muted small">
        {s &&
          h.settledDetail(
            formatKwh(BigInt(s.createdWh), lang),
            formatKwh(BigInt(s.usedFromLotsWh), lang),
            formatKwh(BigInt(s.expiredWh), lang),
            formatKwh(BigInt(s.balanceWh), lang),
          )}
        {r.sharePpm !== undefined && r.oldSharePpm !== undefined && h.shareDetail(formatPpm(r.oldSharePpm, lang), formatPpm(r.sharePpm, lang))}
        {r.effectiveCycle !== undefined && ` ${h.scheduledDetail(formatCycle(r.effectiveCycle))}`}
        {words && <span data-testid="history-detail">{words}</span>}
        {r.label !== undefined && ` ${r.label}`}
        {r.balanceWh !== undefined && !s && ` → ${formatKwh(BigInt(r.balanceWh), lang)}`}
        {ledger.detail && <span data-testid="history-detail">{`${r.balanceWh !== undefined ? ' · ' : ''}${ledger.detail}`}</span>} · {h.block}{' '}
        {groupInt(BigInt(r.block), lang)}
        {explorer && (
          <>
            {' · '}
            <a href={`${explorer.replace(/\/$/, '')}/tx/${r.txHash}`} target="_blank" rel="noreferrer noopener">
              {h.explorer}
            </a>
          </>
        )}
        {r.kind === 'settled' && r.cycle ? (
          <>
            {' · '}
            <Link href={`${base}/statement/${r.cycle}`} data-testid="history-statement-link">
              {h.statement}
            </Link>
          </>
        ) : null}
      </div>
    </li>
  );
}
