import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { Link } from 'wouter';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { checkTokenCost, checkWithinBalance, formatTokenAmount, parseKwhToWh, parsePricePerKwh } from '../../lib/amounts.ts';
import { describeError } from '../../lib/errors.ts';
import { formatCycle, formatKwh, type Lang } from '../../lib/format.ts';
import { TxStatusList } from '../../lib/tx/TxStatusList.tsx';
import { useDashboard } from '../../lib/dashboard.ts';
import { communityMarketAbi, paymentTokenAbi } from './abi.ts';
import {
  BUY,
  SELL,
  buyBudget,
  expiryFromDate,
  hintPrice,
  monthYear,
  previewOrder,
  type LevelLike,
  type OwnOrderLike,
  type Preview,
  type Side,
} from './book.ts';
import { BOOK_DEPTH, MAX_FILLS, useMarketAddress, useMarketState, useRecentTrades, useTokenState } from './data.ts';
import { problemText, useTradeT } from '../../lib/trade-dict.ts';
import { BackToDashboard, CommunityRoute, type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';

type PageCtx = CommunityRouteCtx;
import { decodeMarketError, sendAnyTx, signPermit } from './send.ts';
import { Status, TradingPolicy } from '../../../contracts-abi/abis.ts';
import { invalidateContracts } from '../../lib/queries.ts';
import { ActionButton } from '../../components/ActionButton.tsx';

type D = ReturnType<typeof useTradeT>['d'];
const LEGAL_KEY = 'compartilha.market.legal-notice-seen';

export default function MarketPage({ params }: { params: { chainId?: string; address?: string } }) {
  const { d } = useTradeT();
  return (
    <CommunityRoute params={params} className="stack trade" requireMember header={(c) => <BackToDashboard {...c} label={d.back} />}>
      {({ d: _member, ...ctx }) => <Market {...ctx} />}
    </CommunityRoute>
  );
}

function Market(ctx: PageCtx) {
  const { chainId, community, account } = ctx;
  const { d, lang } = useTradeT();
  const dash = useDashboard(chainId, community, account);
  const { market, error: marketError, refetch: refetchMarket } = useMarketAddress(chainId, community);
  if (dash.error && !dash.data) return <ErrorBox title={d.market.loadError} message={describeError(dash.error, lang)} onRetry={() => void dash.refetch()} />;
  if (!dash.data) return <Loading />;
  const data = dash.data;
  const donateLink = (
    <Link href={`/c/${chainId}/${community}/donate`} data-testid="go-donate">
      {d.market.goDonate} →
    </Link>
  );
  if (data.settings.tradingPolicy !== TradingPolicy.PricedOrders) {
    return (
      <>
        <h1>{d.market.title}</h1>
        <div className="card notice" data-testid="donations-only">
          <p>{d.market.donationsOnly}</p>
          {donateLink}
        </div>
        {/* An order that was pending when the manager turned priced orders off shows why it failed. */}
        <TxStatusList decode={decodeMarketError} />
      </>
    );
  }
  // Unreadable is not "no market": say why (e.g. the node is down) instead.
  if (marketError && !market) return <ErrorBox title={d.market.loadError} message={describeError(marketError, lang)} onRetry={() => void refetchMarket()} />;
  if (market === undefined) return <Loading />;
  if (!market) {
    return (
      <>
        <h1>{d.market.title}</h1>
        <div className="card notice" data-testid="no-market">
          <p>{d.market.noMarket}</p>
          {donateLink}
        </div>
      </>
    );
  }
  return <MarketBody ctx={ctx} market={market} balanceWh={data.member.balanceWh} />;
}

function MarketBody({ ctx, market, balanceWh }: { ctx: PageCtx; market: Address; balanceWh: bigint }) {
  const { chainId, account } = ctx;
  const { d, lang } = useTradeT();
  const state = useMarketState(chainId, market, account);
  const book = state.data?.[0];
  const token = useTokenState(chainId, book?.paymentToken, account);
  if (state.error && !state.data)
    return <ErrorBox title={d.market.loadError} message={describeError(state.error, lang)} onRetry={() => void state.refetch()} />;
  if (!state.data || !book) return <Loading />;
  const [, orders, proceeds] = state.data;
  const open = orders.filter((o) => o.status === Status.Open);
  const decimals = book.tokenDecimals;
  const symbol = token.data?.[1] ?? '';
  const price = (p: bigint) => formatTokenAmount(p, decimals, lang);
  return (
    <>
      <h1 id="market-h" tabIndex={-1}>
        {d.market.title}
      </h1>
      {book.pricedOrdersAllowed && <LegalNotice d={d} />}
      {!book.pricedOrdersAllowed && (
        <div className="card notice" data-testid="donations-only">
          <p>{d.market.donationsOnly}</p>
        </div>
      )}
      <section className="card" aria-labelledby="book-h">
        <h2 id="book-h">
          {d.market.lastPrice}:{' '}
          <span data-testid="last-price">{book.lastPriceTokenPerKwh > 0n ? `R$ ${price(book.lastPriceTokenPerKwh)}/kWh` : d.market.none}</span>
        </h2>
        <div className="book">
          <BookSide title={d.market.bids} levels={book.bids} testId="book-bid" d={d} lang={lang} price={price} />
          <BookSide title={d.market.asks} levels={book.asks} testId="book-ask" d={d} lang={lang} price={price} asks />
        </div>
      </section>
      {book.paymentToken === '0x0000000000000000000000000000000000000000' ? (
        <p className="card notice">{d.market.noToken}</p>
      ) : (
        book.pricedOrdersAllowed && (
          <OrderForm
            ctx={ctx}
            market={market}
            token={book.paymentToken}
            decimals={decimals}
            symbol={symbol}
            tokenBalance={token.data?.[0]}
            balanceWh={balanceWh}
            bids={book.bids}
            asks={book.asks}
            own={open}
          />
        )
      )}
      <MyOrders ctx={ctx} market={market} orders={open} price={price} />
      <Proceeds ctx={ctx} market={market} proceeds={proceeds} decimals={decimals} symbol={symbol} />
      <Trades chainId={chainId} market={market} price={price} />
      <TxStatusList decode={decodeMarketError} />
    </>
  );
}

function LegalNotice({ d }: { d: D }) {
  const [seen, setSeen] = useState(() => {
    try {
      return localStorage.getItem(LEGAL_KEY) === '1';
    } catch {
      return false;
    }
  });
  if (seen) return null;
  return (
    <div className="card notice legal" role="note" data-testid="legal-notice">
      <h2>{d.market.legalTitle}</h2>
      <p>{d.market.legal}</p>
      <button
        type="button"
        data-testid="legal-notice-dismiss"
        onClick={() => {
          try {
            localStorage.setItem(LEGAL_KEY, '1');
          } catch {
            /* private mode: shown again next time */
          }
          setSeen(true);
          // The button disappears: focus goes on from the page's heading, not from the top.
          document.getElementById('market-h')?.focus();
        }}
      >
        {d.market.legalDismiss}
      </button>
    </div>
  );
}

function BookSide(props: {
  title: string;
  levels: readonly (LevelLike & { soonestExpiryCycle: number })[];
  testId: string;
  d: D;
  lang: Lang;
  price: (p: bigint) => string;
  asks?: boolean;
}) {
  const { d, lang } = props;
  return (
    <table className="book-side">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">{d.market.price}</th>
          <th scope="col">{d.market.kwh}</th>
          {props.asks && <th scope="col">{d.market.expiry}</th>}
        </tr>
      </thead>
      <tbody>
        {props.levels.length === 0 && (
          <tr>
            <td colSpan={props.asks ? 3 : 2} className="muted">
              {d.market.emptySide}
            </td>
          </tr>
        )}
        {props.levels.map((l) => (
          <tr key={String(l.priceTokenPerKwh)} data-testid={props.testId}>
            <td data-testid="level-price">{props.price(l.priceTokenPerKwh)}</td>
            <td data-testid="level-kwh">{formatKwh(l.totalWh, lang).replace(' kWh', '')}</td>
            {props.asks && <td data-testid="level-expiry">{monthYear(l.soonestExpiryCycle)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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

function OrderForm(props: {
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
        const label = d.market.buyLabel(kwh, fmt(price.value));
        setDone(d.market.signPermit);
        const permit = await signPermit(config, { chainId, token: props.token, owner: account, spender: props.market, value: budget, lang });
        setDone(undefined);
        if (permit.ok) {
          const out = await sendAnyTx(
            config,
            {
              chainId,
              address: props.market,
              abi: communityMarketAbi,
              functionName: 'placeBuyWithPermit',
              args: [...common, permit.value, permit.deadline, permit.v, permit.r, permit.s],
              label,
            },
            lang,
          );
          if (!out.ok) return setError(out.message);
        } else if (!permit.noPermit) {
          return setError(permit.message);
        } else {
          // No EIP-2612 on this token: approve (if needed), then place; each simulated first.
          const allowance = await readContract(config, {
            chainId,
            address: props.token,
            abi: paymentTokenAbi,
            functionName: 'allowance',
            args: [account, props.market],
          });
          if (allowance < budget) {
            const appr = await sendAnyTx(
              config,
              {
                chainId,
                address: props.token,
                abi: paymentTokenAbi,
                functionName: 'approve',
                args: [props.market, budget],
                label: d.market.approveLabel(fmt(budget), props.symbol),
              },
              lang,
            );
            if (!appr.ok) return setError(appr.message);
          }
          const out = await sendAnyTx(
            config,
            { chainId, address: props.market, abi: communityMarketAbi, functionName: 'placeOrder', args: [BUY, ...common], label },
            lang,
          );
          if (!out.ok) return setError(out.message);
        }
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

type OrderRow = OwnOrderLike & { quantityWh: bigint; standing: boolean; expiresAt: bigint };

function MyOrders({ ctx, market, orders, price }: { ctx: PageCtx; market: Address; orders: readonly OrderRow[]; price: (p: bigint) => string }) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<bigint>();
  async function cancel(id: bigint) {
    if (busy !== undefined) return;
    setError(undefined);
    setBusy(id);
    const out = await sendAnyTx(
      config,
      { chainId: ctx.chainId, address: market, abi: communityMarketAbi, functionName: 'cancel', args: [id], label: d.market.cancelLabel(String(id)) },
      lang,
    );
    setBusy(undefined);
    if (!out.ok) return setError(out.message);
    // The cancelled order's row (and its focused button) goes away: focus the list's heading.
    document.getElementById('mine-h')?.focus();
    void invalidateContracts(qc, [ctx.community, market]);
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
              {o.side === BUY ? d.market.buy : d.market.sell} nº {String(o.id)}:{' '}
              {d.market.remaining(formatKwh(o.remainingWh, lang), formatKwh(o.quantityWh, lang))} · R$ {price(o.priceTokenPerKwh)}/kWh
              {o.standing && ` · ${d.market.standingTag}`}
            </span>{' '}
            <button type="button" className="secondary small" data-testid="cancel-order" aria-disabled={busy !== undefined} onClick={() => void cancel(o.id)}>
              {d.market.cancel}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-text" role="alert" data-testid="cancel-error">
          {error}
        </p>
      )}
    </section>
  );
}

function Proceeds({ ctx, market, proceeds, decimals, symbol }: { ctx: PageCtx; market: Address; proceeds: bigint; decimals: number; symbol: string }) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const v = formatTokenAmount(proceeds, decimals, lang);
  async function withdraw() {
    setError(undefined);
    setBusy(true);
    const out = await sendAnyTx(
      config,
      { chainId: ctx.chainId, address: market, abi: communityMarketAbi, functionName: 'withdraw', args: [], label: d.market.withdrawLabel(v, symbol) },
      lang,
    );
    setBusy(false);
    if (!out.ok) return setError(out.message);
    void invalidateContracts(qc, [ctx.community, market]);
  }
  return (
    <section className="card" aria-labelledby="proceeds-h">
      <h2 id="proceeds-h">{d.market.proceeds}</h2>
      <p>
        <strong data-testid="proceeds">
          {v} {symbol}
        </strong>{' '}
        <ActionButton type="button" data-testid="withdraw" unavailable={busy || proceeds === 0n} onClick={() => void withdraw()}>
          {d.market.withdraw}
        </ActionButton>
      </p>
      {error && (
        <p className="error-text" role="alert" data-testid="withdraw-error">
          {error}
        </p>
      )}
    </section>
  );
}

function Trades({ chainId, market, price }: { chainId: number; market: Address; price: (p: bigint) => string }) {
  const { d, lang } = useTradeT();
  const trades = useRecentTrades(chainId, market);
  return (
    <section className="card" aria-labelledby="trades-h">
      <h2 id="trades-h">{d.market.trades}</h2>
      {trades.error && <p className="error-text">{describeError(trades.error, lang)}</p>}
      {trades.data?.length === 0 && <p className="muted">{d.market.noTrades}</p>}
      <ul className="trades">
        {trades.data?.map((t) => (
          <li key={t.key} data-testid="trade-row">
            {d.market.tradeRow(formatKwh(t.amountWh, lang), price(t.priceTokenPerKwh), formatCycle(t.cycle))}
          </li>
        ))}
      </ul>
    </section>
  );
}
