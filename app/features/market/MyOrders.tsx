import { WriteError } from '../../components/FormOutcome.tsx';
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
import { useWrite } from '../../lib/tx/useWrite.ts';
import { ActionButton } from '../../components/ActionButton.tsx';

type PageCtx = CommunityRouteCtx;

export type OrderRow = OwnOrderLike & { quantityWh: bigint; standing: boolean; expiresAt: bigint };

export function MyOrders({ ctx, market, orders, price }: { ctx: PageCtx; market: Address; orders: readonly OrderRow[]; price: (p: bigint) => string }) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const { run, busy, error } = useWrite(() => invalidateContracts(qc, [ctx.community, market]));
  async function cancel(id: bigint) {
    const tx = {
      chainId: ctx.chainId,
      address: market,
      abi: communityMarketAbi,
      functionName: 'cancel',
      args: [id],
      label: bothLangs((l) => tradeDicts[l].market.cancelLabel(String(id))),
    } as const;
    // The cancelled order's row (and its focused button) goes away: focus the list's heading.
    if (await run(() => sendAnyTx(config, tx, lang))) document.getElementById('mine-h')?.focus();
  }
  return (
    <section className="card" aria-labelledby="mine-h">
      <h2 id="mine-h" tabIndex={-1}>
        {d.market.myOrders}
      </h2>
      {orders.length === 0 && <p className="muted">{d.market.noOrders}</p>}
      <ul className="orders">
        {orders.map((o) => (
          <li key={String(o.id)} data-testid="my-order" data-order-id={String(o.id)} data-side={o.side === BUY ? 'buy' : 'sell'}>
            <span>
              {d.market.orderName(o.side !== BUY, String(o.id))}: {d.market.remaining(formatKwh(o.remainingWh, lang), formatKwh(o.quantityWh, lang))} ·{' '}
              {price(o.priceTokenPerKwh)}
              {o.standing && ` · ${d.market.standingTag}`}
            </span>{' '}
            <button type="button" className="secondary small" data-testid="cancel-order" aria-disabled={busy} onClick={() => void cancel(o.id)}>
              {d.market.cancel}
            </button>
          </li>
        ))}
      </ul>
      <WriteError error={error} testId="cancel-error" />
    </section>
  );
}

export function Proceeds({ ctx, market, proceeds, decimals, symbol }: { ctx: PageCtx; market: Address; proceeds: bigint; decimals: number; symbol: string }) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const { run, busy, error } = useWrite(() => invalidateContracts(qc, [ctx.community, market]));
  const tok = { symbol, decimals };
  const v = formatMoney(proceeds, tok, lang);
  const withdraw = () =>
    run(() =>
      sendAnyTx(
        config,
        {
          chainId: ctx.chainId,
          address: market,
          abi: communityMarketAbi,
          functionName: 'withdraw',
          args: [],
          label: bothLangs((l) => tradeDicts[l].market.withdrawLabel(formatMoney(proceeds, tok, l))),
        },
        lang,
      ),
    );
  return (
    <section className="card" aria-labelledby="proceeds-h">
      <h2 id="proceeds-h">{d.market.proceeds}</h2>
      <p>
        <strong data-testid="proceeds">{v}</strong>{' '}
        <ActionButton type="button" data-testid="withdraw" unavailable={busy || proceeds === 0n} onClick={() => void withdraw()}>
          {d.market.withdraw}
        </ActionButton>
      </p>
      <WriteError error={error} testId="withdraw-error" />
    </section>
  );
}
