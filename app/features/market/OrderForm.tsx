import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { checkTokenCost, checkWithinBalance, parseKwhToWh, parsePricePerKwh } from '../../lib/amounts.ts';
import { formatMoney, formatPricePerKwh } from '../../lib/money.ts';
import { bothLangs } from '../../lib/tx/store.ts';
import { formatKwh, type Lang } from '../../lib/format.ts';
import { communityMarketAbi } from './abi.ts';
import { BUY, SELL, buyBudget, expiryFromDate, hintPrice, previewOrder, type LevelLike, type OwnOrderLike, type Preview, type Side } from './book.ts';
import { BOOK_DEPTH, MAX_FILLS } from './data.ts';
import { problemText, tradeDicts, useTradeT } from '../../lib/trade-dict.ts';
import { type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';

import { sendAnyTx } from './send.ts';
import { placeBuyOrder } from './buyFlow.ts';
import { invalidateContracts } from '../../lib/queries.ts';
import { useWrite, type WriteOutcome } from '../../lib/tx/useWrite.ts';
import { TextField } from '../../components/TextField.tsx';

type OrderField = 'price' | 'amount' | 'expiry';

type PageCtx = CommunityRouteCtx;
type D = ReturnType<typeof useTradeT>['d'];

function previewText(d: D, lang: Lang, p: Preview, priceText: string, fmt: (v: bigint) => string, side: Side, budget: bigint): string[] {
  const lines: string[] = [];
  if (p.selfTrade !== undefined) lines.push(d.market.preview.self(String(p.selfTrade)));
  lines.push(p.filledWh > 0n ? d.market.preview.fills(formatKwh(p.filledWh, lang), fmt(p.filledToken), p.fills.length) : d.market.preview.noFill);
  lines.push(p.restWh > 0n ? d.market.preview.rests(formatKwh(p.restWh, lang), priceText) : d.market.preview.noRest);
  if (p.boundedByMaxFills) lines.push(d.market.preview.bounded);
  if (p.beyondDepth) lines.push(d.market.preview.beyond);
  if (side === BUY) lines.push(d.market.preview.budget(fmt(budget)));
  return lines;
}

export function OrderForm(props: {
  ctx: PageCtx;
  market: Address;
  token: Address;
  decimals: number;
  symbol: string;
  tokenBalance: bigint | undefined;
  balanceWh: bigint;
  bids: readonly LevelLike[];
  asks: readonly LevelLike[];
  own: readonly OwnOrderLike[];
}) {
  const { chainId, account } = props.ctx;
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const [side, setSide] = useState<Side>(BUY);
  const [priceText, setPriceText] = useState('');
  const [amountText, setAmountText] = useState('');
  const [expiry, setExpiry] = useState('');
  const [standing, setStanding] = useState(false);
  const write = useWrite(() => invalidateContracts(qc, [props.ctx.community, props.market, props.token]));
  // A field's own error is tied to it (aria-invalid + aria-describedby) so a screen reader reads both;
  // a problem of the whole order (no field) is said the same way, below the form.
  const [problem, setProblem] = useState<{ field?: OrderField; message: string }>();
  const [done, setDone] = useState<string>();
  const tok = { symbol: props.symbol, decimals: props.decimals };
  const fmt = (v: bigint) => formatMoney(v, tok, lang);
  const perKwh = (v: bigint, l: Lang = lang) => formatPricePerKwh(v, tok, l);
  const fail = (field: OrderField | undefined, message: string) => setProblem({ field, message });
  const invalid = (field: OrderField) => problem?.field === field;

  const price = parsePricePerKwh(priceText, props.decimals, lang);
  const amount = parseKwhToWh(amountText, lang);
  const preview =
    price.ok && amount.ok
      ? previewOrder({
          side,
          priceTokenPerKwh: price.value,
          quantityWh: amount.value,
          opposite: side === BUY ? props.asks : props.bids,
          maxFills: MAX_FILLS,
          depth: BOOK_DEPTH,
          ownOrders: props.own,
        })
      : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (write.busy) return;
    write.setError('');
    setProblem(undefined);
    setDone(undefined);
    if (!price.ok) return fail('price', `${d.market.orderPrice}: ${problemText(d, price)}`);
    if (!amount.ok) return fail('amount', `${d.market.orderAmount}: ${problemText(d, amount)}`);
    const exp = expiryFromDate(expiry);
    if (!exp.ok) return fail('expiry', d.market.badExpiry);
    const p = preview!;
    if (p.selfTrade !== undefined) return fail(undefined, d.market.preview.self(String(p.selfTrade)));
    const sameSide = side === BUY ? props.bids : props.asks;
    const hint = p.restWh > 0n ? hintPrice(side, price.value, sameSide) : 0n;
    const common = [price.value, amount.value, exp.value, standing, hint, MAX_FILLS] as const;
    let send: () => Promise<WriteOutcome>;
    if (side === SELL) {
      const ok = checkWithinBalance(amount.value, props.balanceWh);
      if (!ok.ok) return fail('amount', `${problemText(d, ok)} (${d.balance}: ${formatKwh(props.balanceWh, lang)})`);
      const tx = {
        chainId,
        address: props.market,
        abi: communityMarketAbi,
        functionName: 'placeOrder',
        args: [SELL, ...common],
        label: bothLangs((l) => tradeDicts[l].market.sellLabel(formatKwh(amount.value, l), perKwh(price.value, l))),
      } as const;
      send = () => sendAnyTx(config, tx, lang);
    } else {
      const budget = buyBudget(price.value, amount.value);
      const ok = checkTokenCost(budget, props.tokenBalance ?? 0n);
      if (!ok.ok) return fail(undefined, `${problemText(d, ok)} (${d.market.tokenBalance(fmt(props.tokenBalance ?? 0n))})`);
      const order = {
        chainId,
        market: props.market,
        token: props.token,
        account,
        priceTokenPerKwh: price.value,
        quantityWh: amount.value,
        expiresAt: exp.value,
        standing,
        hintPrice: hint,
        maxFills: MAX_FILLS,
        budget,
        labels: {
          place: bothLangs((l) => tradeDicts[l].market.buyLabel(formatKwh(amount.value, l), perKwh(price.value, l))),
          approve: bothLangs((l) => tradeDicts[l].market.approveLabel(formatMoney(budget, tok, l))),
        },
      };
      send = () => placeBuyOrder(config, order, lang, (step) => setDone(step === 'permit' ? d.market.signPermit : undefined));
    }
    const ok = await write.run(send);
    setDone(ok ? d.market.placed(formatKwh(p.filledWh, lang)) : undefined);
    if (!ok) return;
    setPriceText('');
    setAmountText('');
    setExpiry('');
    setStanding(false);
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="order-h">
      <h2 id="order-h">{d.market.place}</h2>
      <div className="field">
        <label htmlFor="order-side">{d.market.side}</label>
        <select
          id="order-side"
          data-testid="order-side"
          value={side === BUY ? 'buy' : 'sell'}
          onChange={(e) => setSide(e.target.value === 'sell' ? SELL : BUY)}
        >
          <option value="buy">{d.market.buy}</option>
          <option value="sell">{d.market.sell}</option>
        </select>
      </div>
      <p className="muted" data-testid="order-balance">
        {side === SELL ? `${d.balance}: ${formatKwh(props.balanceWh, lang)}` : d.market.tokenBalance(fmt(props.tokenBalance ?? 0n))}
      </p>
      <TextField
        id="order-price"
        data-testid="order-price"
        label={d.market.orderPrice}
        inputMode="decimal"
        value={priceText}
        onChange={setPriceText}
        invalid={invalid('price')}
        errorId="order-error"
      />
      <TextField
        id="order-amount"
        data-testid="order-amount"
        label={d.market.orderAmount}
        inputMode="decimal"
        value={amountText}
        onChange={setAmountText}
        invalid={invalid('amount')}
        errorId="order-error"
      />
      <TextField
        id="order-expiry"
        data-testid="order-expiry"
        label={d.market.orderExpiry}
        type="date"
        value={expiry}
        onChange={setExpiry}
        invalid={invalid('expiry')}
        errorId="order-error"
      />
      <div className="field inline">
        <input id="order-standing" data-testid="order-standing" type="checkbox" checked={standing} onChange={(e) => setStanding(e.target.checked)} />
        <label htmlFor="order-standing">{d.market.standing}</label>
      </div>
      {preview && price.ok && (
        <div className="preview" data-testid="order-preview" aria-live="polite">
          {previewText(d, lang, preview, perKwh(price.value), fmt, side, buyBudget(price.value, amount.ok ? amount.value : 0n)).map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
      )}
      <FormOutcome name="order" error={problem?.message ?? write.error} done={done} busy={write.busy} submit={d.market.submit} sending={d.market.sending} />
    </form>
  );
}
