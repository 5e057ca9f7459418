import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { checkTokenCost, checkWithinBalance, formatTokenAmount, parseKwhToWh, parsePricePerKwh } from '../../lib/amounts.ts';
import { describeError } from '../../lib/errors.ts';
import { formatKwh, type Lang } from '../../lib/format.ts';
import { communityMarketAbi } from './abi.ts';
import { BUY, SELL, buyBudget, expiryFromDate, hintPrice, previewOrder, type LevelLike, type OwnOrderLike, type Preview, type Side } from './book.ts';
import { BOOK_DEPTH, MAX_FILLS } from './data.ts';
import { problemText, useTradeT } from '../../lib/trade-dict.ts';
import { type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';

import { sendAnyTx } from './send.ts';
import { placeBuyOrder } from './buyFlow.ts';
import { invalidateContracts } from '../../lib/queries.ts';

type PageCtx = CommunityRouteCtx;
type D = ReturnType<typeof useTradeT>['d'];

function previewText(d: D, lang: Lang, p: Preview, priceText: string, fmt: (v: bigint) => string, symbol: string, side: Side, budget: bigint): string[] {
  const lines: string[] = [];
  if (p.selfTrade !== undefined) lines.push(d.market.preview.self(String(p.selfTrade)));
  lines.push(p.filledWh > 0n ? d.market.preview.fills(formatKwh(p.filledWh, lang), fmt(p.filledToken), symbol, p.fills.length) : d.market.preview.noFill);
  lines.push(p.restWh > 0n ? d.market.preview.rests(formatKwh(p.restWh, lang), priceText) : d.market.preview.noRest);
  if (p.boundedByMaxFills) lines.push(d.market.preview.bounded);
  if (p.beyondDepth) lines.push(d.market.preview.beyond);
  if (side === BUY) lines.push(d.market.preview.budget(fmt(budget), symbol));
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
  const [error, setError] = useState<string>();
  const [errorField, setErrorField] = useState<'price' | 'amount' | 'expiry'>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fmt = (v: bigint) => formatTokenAmount(v, props.decimals, lang);
  // A field's own error is tied to it (aria-invalid + aria-describedby) so a screen reader reads both.
  const fail = (field: 'price' | 'amount' | 'expiry', message: string) => {
    setErrorField(field);
    setError(message);
  };
  const invalidProps = (field: 'price' | 'amount' | 'expiry') =>
    errorField === field ? { 'aria-invalid': true, 'aria-describedby': 'order-error' } : { 'aria-invalid': false };

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
    if (busy) return;
    setError(undefined);
    setErrorField(undefined);
    setDone(undefined);
    if (!price.ok) return fail('price', `${d.market.orderPrice}: ${problemText(d, price)}`);
    if (!amount.ok) return fail('amount', `${d.market.orderAmount}: ${problemText(d, amount)}`);
    const exp = expiryFromDate(expiry);
    if (!exp.ok) return fail('expiry', d.market.badExpiry);
    const p = preview!;
    if (p.selfTrade !== undefined) return setError(d.market.preview.self(String(p.selfTrade)));
    const sameSide = side === BUY ? props.bids : props.asks;
    const hint = p.restWh > 0n ? hintPrice(side, price.value, sameSide) : 0n;
    const kwh = formatKwh(amount.value, lang);
    const common = [price.value, amount.value, exp.value, standing, hint, MAX_FILLS] as const;
    setBusy(true);
    try {
      if (side === SELL) {
        const ok = checkWithinBalance(amount.value, props.balanceWh);
        if (!ok.ok) return fail('amount', `${problemText(d, ok)} (${d.balance}: ${formatKwh(props.balanceWh, lang)})`);
        const out = await sendAnyTx(
          config,
          {
            chainId,
            address: props.market,
            abi: communityMarketAbi,
            functionName: 'placeOrder',
            args: [SELL, ...common],
            label: d.market.sellLabel(kwh, fmt(price.value)),
          },
          lang,
        );
        if (!out.ok) return setError(out.message);
      } else {
        const budget = buyBudget(price.value, amount.value);
        const ok = checkTokenCost(budget, props.tokenBalance ?? 0n);
        if (!ok.ok) return setError(`${problemText(d, ok)} (${d.market.tokenBalance(fmt(props.tokenBalance ?? 0n), props.symbol)})`);
        const out = await placeBuyOrder(
          config,
          {
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
            labels: { place: d.market.buyLabel(kwh, fmt(price.value)), approve: d.market.approveLabel(fmt(budget), props.symbol) },
          },
          lang,
          (step) => setDone(step === 'permit' ? d.market.signPermit : undefined),
        );
        if (!out.ok) return setError(out.message);
      }
      setDone(d.market.placed(formatKwh(p.filledWh, lang)));
      setPriceText('');
      setAmountText('');
      setExpiry('');
      setStanding(false);
      void invalidateContracts(qc, [props.ctx.community, props.market, props.token]);
    } catch (err) {
      setError(describeError(err, lang));
    } finally {
      setBusy(false);
    }
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
        {side === SELL ? `${d.balance}: ${formatKwh(props.balanceWh, lang)}` : d.market.tokenBalance(fmt(props.tokenBalance ?? 0n), props.symbol)}
      </p>
      <div className="field">
        <label htmlFor="order-price">{d.market.orderPrice}</label>
        <input
          id="order-price"
          data-testid="order-price"
          inputMode="decimal"
          autoComplete="off"
          value={priceText}
          onChange={(e) => setPriceText(e.target.value)}
          {...invalidProps('price')}
        />
      </div>
      <div className="field">
        <label htmlFor="order-amount">{d.market.orderAmount}</label>
        <input
          id="order-amount"
          data-testid="order-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          {...invalidProps('amount')}
        />
      </div>
      <div className="field">
        <label htmlFor="order-expiry">{d.market.orderExpiry}</label>
        <input
          id="order-expiry"
          data-testid="order-expiry"
          type="date"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          {...invalidProps('expiry')}
        />
      </div>
      <div className="field inline">
        <input id="order-standing" data-testid="order-standing" type="checkbox" checked={standing} onChange={(e) => setStanding(e.target.checked)} />
        <label htmlFor="order-standing">{d.market.standing}</label>
      </div>
      {preview && price.ok && (
        <div className="preview" data-testid="order-preview" aria-live="polite">
          {previewText(d, lang, preview, fmt(price.value), fmt, props.symbol, side, buyBudget(price.value, amount.ok ? amount.value : 0n)).map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
      )}
      <FormOutcome name="order" error={error} done={done} busy={busy} submit={d.market.submit} sending={d.market.sending} />
    </form>
  );
}
