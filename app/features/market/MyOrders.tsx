import { useQueryClient } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { formatMoney, formatPricePerKwh, type TokenMeta } from '../../lib/money.ts';
import { bothLangs } from '../../lib/tx/store.ts';
import { formatKwh } from '../../lib/format.ts';
import { communityMarketAbi } from './abi.ts';
import { BUY, type OwnOrderLike } from './book.ts';
import { tradeDicts, useTradeT } from '../../lib/trade-dict.ts';
import { type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';

import { sendAnyTx } from './send.ts';
import { invalidateContracts } from '../../lib/queries.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ReviewOrError, useReviewedWrite } from '../../components/ReviewStep.tsx';
import { useInFlight } from '../../lib/tx/useInFlight.ts';
import { txMeta } from '../../lib/tx/store.ts';
import { useFocusAfterReview } from '../../components/useFocusAfterReview.ts';
import { Loading } from '../../components/Status.tsx';
import type { View } from './data.ts';
import { ViewUnavailable } from './ViewUnavailable.tsx';

type PageCtx = CommunityRouteCtx;

export type OrderRow = OwnOrderLike & { quantityWh: bigint; standing: boolean; expiresAt: bigint; escrowToken: bigint; stale?: boolean };

function useRefocus(reviewing: boolean): (selector: string) => void {
  const later = useFocusAfterReview(reviewing);
  return (selector) => later(() => document.querySelector<HTMLElement>(selector) ?? document.getElementById('mine-h'));
}

/** My open orders, with the token that prices them. */
export interface MyOrdersData {
  rows: readonly OrderRow[];
  tok: TokenMeta;
}

export function MyOrders({ ctx, market, orders: view }: { ctx: PageCtx; market: Address; orders: View<MyOrdersData> }) {
  const { d, lang } = useTradeT();
  const r = view.read;
  const orders = r.status === 'ok' ? r.data.rows : [];
  const tok = r.status === 'ok' ? r.data.tok : { symbol: '', decimals: 0 };
  const price = (p: bigint) => formatPricePerKwh(p, tok, lang);
  const money = (units: bigint) => formatMoney(units, tok, lang);
  const config = useConfig();
  const qc = useQueryClient();
  const write = useReviewedWrite(() => invalidateContracts(qc, [ctx.community, market]));
  const inFlight = useInFlight('cancel', ctx.community, ctx.account);
  const busy = write.busy || inFlight !== undefined;
  const refocus = useRefocus(write.review !== null);

  function ask(o: OrderRow) {
    if (busy) return;
    const tx = {
      chainId: ctx.chainId,
      address: market,
      abi: communityMarketAbi,
      functionName: 'cancel',
      args: [o.id],
      label: bothLangs((l) => tradeDicts[l].market.cancelLabel(String(o.id))),
      meta: txMeta('cancel', ctx.community, ctx.account),
    } as const;
    const buy = o.side === BUY;
    const returns = buy ? (o.stale ? d.market.staleOrder : money(o.escrowToken)) : formatKwh(o.remainingWh, lang);
    write.ask({
      summary: d.writes.cancelReview(buy ? d.writes.buyWord : d.writes.sellWord, String(o.id), formatKwh(o.remainingWh, lang), price(o.priceTokenPerKwh)),
      facts: [[d.writes.returns, returns]],
      send: async () => {
        const out = await sendAnyTx(config, tx, lang);
        // The cancelled order's row (and its button) goes away: focus the list's heading.
        refocus(out.ok ? '#mine-h' : `[data-order-id="${String(o.id)}"] [data-testid="cancel-order"]`);
        return out;
      },
    });
  }

  return (
    <section className="card" aria-labelledby="mine-h">
      <h2 id="mine-h" tabIndex={-1}>
        {d.market.myOrders}
      </h2>
      {inFlight && (
        <p className="notice" role="status" data-testid="cancel-pending">
          {d.writes.cancelPending}
        </p>
      )}
      {r.status === 'error' && <ViewUnavailable view="orders" error={r.error} retry={view.retry} retrying={view.retrying} />}
      {r.status === 'loading' && <Loading />}
      {r.status === 'ok' && orders.length === 0 && <p className="muted">{d.market.noOrders}</p>}
      <ul className="orders">
        {orders.map((o) => (
          <li key={String(o.id)} data-testid="my-order" data-order-id={String(o.id)} data-side={o.side === BUY ? 'buy' : 'sell'}>
            <span>
              {d.market.orderName(o.side !== BUY, String(o.id))}: {d.market.remaining(formatKwh(o.remainingWh, lang), formatKwh(o.quantityWh, lang))} ·{' '}
              {o.stale ? <span data-testid="stale-order">{d.market.staleOrder}</span> : price(o.priceTokenPerKwh)}
              {o.standing && ` · ${d.market.standingTag}`}
            </span>{' '}
            <ActionButton
              type="button"
              className="secondary small"
              data-testid="cancel-order"
              unavailable={busy || write.review !== null}
              onClick={() => ask(o)}
            >
              {d.market.cancel}
            </ActionButton>
          </li>
        ))}
      </ul>
      <ReviewOrError name="cancel" w={write} afterBack={() => refocus('#mine-h')} />
    </section>
  );
}

/** What my sales have earned, with the token it is paid in. */
export interface ProceedsData {
  units: bigint;
  tok: TokenMeta;
}

export function Proceeds({ ctx, market, proceeds: view }: { ctx: PageCtx; market: Address; proceeds: View<ProceedsData> }) {
  const { d, lang } = useTradeT();
  const r = view.read;
  // Withdrawing is offered only on a figure read from the chain: none (unread) is not zero.
  const proceeds = r.status === 'ok' ? r.data.units : undefined;
  const config = useConfig();
  const qc = useQueryClient();
  const write = useReviewedWrite(() => invalidateContracts(qc, [ctx.community, market]));
  const inFlight = useInFlight('withdraw', ctx.community, ctx.account);
  const busy = write.busy || inFlight !== undefined;
  const refocus = useRefocus(write.review !== null);
  const tok = r.status === 'ok' ? r.data.tok : { symbol: '', decimals: 0 };
  const v = proceeds === undefined ? '' : formatMoney(proceeds, tok, lang);
  const ask = () => {
    if (busy || proceeds === undefined || proceeds === 0n) return;
    const tx = {
      chainId: ctx.chainId,
      address: market,
      abi: communityMarketAbi,
      functionName: 'withdraw',
      args: [],
      label: bothLangs((l) => tradeDicts[l].market.withdrawLabel(formatMoney(proceeds, tok, l))),
      meta: txMeta('withdraw', ctx.community, ctx.account),
    } as const;
    write.ask({
      summary: d.writes.withdrawReview(v),
      send: async () => {
        const out = await sendAnyTx(config, tx, lang);
        refocus('[data-testid="withdraw"]');
        return out;
      },
    });
  };
  return (
    <section className="card" aria-labelledby="proceeds-h">
      <h2 id="proceeds-h">{d.market.proceeds}</h2>
      {inFlight && (
        <p className="notice" role="status" data-testid="withdraw-pending">
          {d.writes.withdrawPending}
        </p>
      )}
      {r.status === 'error' && <ViewUnavailable view="proceeds" error={r.error} retry={view.retry} retrying={view.retrying} />}
      {r.status === 'loading' && <Loading />}
      {proceeds !== undefined ? (
        <p>
          <strong data-testid="proceeds">{v}</strong>
          {inFlight && <span className="pending-tag"> ({d.writes.pendingBalance})</span>}{' '}
          {!write.review && (
            <ActionButton type="button" data-testid="withdraw" unavailable={busy || proceeds === 0n} onClick={ask}>
              {d.market.withdraw}
            </ActionButton>
          )}
        </p>
      ) : (
        r.status === 'error' && (
          <p>
            <ActionButton type="button" data-testid="withdraw" unavailable aria-describedby="withdraw-why" onClick={ask}>
              {d.market.withdraw}
            </ActionButton>{' '}
            <span className="muted" id="withdraw-why" data-testid="withdraw-why">
              {d.market.needsProceeds}
            </span>
          </p>
        )
      )}
      <ReviewOrError name="withdraw" w={write} afterBack={() => refocus('[data-testid="withdraw"]')} />
    </section>
  );
}
