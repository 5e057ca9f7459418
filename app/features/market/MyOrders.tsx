import { useQueryClient } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { formatMoney } from '../../lib/money.ts';
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

type PageCtx = CommunityRouteCtx;

export type OrderRow = OwnOrderLike & { quantityWh: bigint; standing: boolean; expiresAt: bigint; escrowToken: bigint };

function useRefocus(reviewing: boolean): (selector: string) => void {
  const later = useFocusAfterReview(reviewing);
  return (selector) => later(() => document.querySelector<HTMLElement>(selector) ?? document.getElementById('mine-h'));
}

export function MyOrders(props: {
  ctx: PageCtx;
  market: Address;
  orders: readonly OrderRow[];
  price: (p: bigint) => string;
  money: (units: bigint) => string;
}) {
  const { ctx, market, orders, price, money } = props;
  const { d, lang } = useTradeT();
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
    const returns = buy ? money(o.escrowToken) : formatKwh(o.remainingWh, lang);
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
      {orders.length === 0 && <p className="muted">{d.market.noOrders}</p>}
      <ul className="orders">
        {orders.map((o) => (
          <li key={String(o.id)} data-testid="my-order" data-order-id={String(o.id)} data-side={o.side === BUY ? 'buy' : 'sell'}>
            <span>
              {d.market.orderName(o.side !== BUY, String(o.id))}: {d.market.remaining(formatKwh(o.remainingWh, lang), formatKwh(o.quantityWh, lang))} ·{' '}
              {price(o.priceTokenPerKwh)}
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

export function Proceeds({ ctx, market, proceeds, decimals, symbol }: { ctx: PageCtx; market: Address; proceeds: bigint; decimals: number; symbol: string }) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const write = useReviewedWrite(() => invalidateContracts(qc, [ctx.community, market]));
  const inFlight = useInFlight('withdraw', ctx.community, ctx.account);
  const busy = write.busy || inFlight !== undefined;
  const refocus = useRefocus(write.review !== null);
  const tok = { symbol, decimals };
  const v = formatMoney(proceeds, tok, lang);
  const ask = () => {
    if (busy || proceeds === 0n) return;
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
      <p>
        <strong data-testid="proceeds">{v}</strong>
        {inFlight && <span className="pending-tag"> ({d.writes.pendingBalance})</span>}{' '}
        {!write.review && (
          <ActionButton type="button" data-testid="withdraw" unavailable={busy || proceeds === 0n} onClick={ask}>
            {d.market.withdraw}
          </ActionButton>
        )}
      </p>
      <ReviewOrError name="withdraw" w={write} afterBack={() => refocus('[data-testid="withdraw"]')} />
    </section>
  );
}
