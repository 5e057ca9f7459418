import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { checkTokenCost, checkWithinBalance, kwhAmbiguity, parseKwhToWh, parsePricePerKwh, tokenForWh, type KwhAmbiguity } from '../../lib/amounts.ts';
import { formatMoney, formatPricePerKwh } from '../../lib/money.ts';
import { bothLangs } from '../../lib/tx/store.ts';
import { formatDate, formatKwh, type Lang } from '../../lib/format.ts';
import { communityMarketAbi } from './abi.ts';
import { BUY, SELL, buyBudget, expiryFromDate, hintPrice, previewOrder, type LevelLike, type OwnOrderLike, type Preview, type Side } from './book.ts';
import { BOOK_DEPTH, MAX_FILLS } from './data.ts';
import { problemText, tradeDicts, useTradeT } from '../../lib/trade-dict.ts';
import { type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';

import { sendAnyTx } from './send.ts';
import { placeBuyOrder } from './buyFlow.ts';
import { invalidateContracts } from '../../lib/queries.ts';
import { type WriteOutcome } from '../../lib/tx/useWrite.ts';
import { useInFlight } from '../../lib/tx/useInFlight.ts';
import { txMeta, txStore } from '../../lib/tx/store.ts';
import { ReviewStep, useReviewedWrite, type Review } from '../../components/ReviewStep.tsx';
import { KwhAmountField } from '../../components/KwhQuestion.tsx';
import { useFocusAfterReview } from '../../components/useFocusAfterReview.ts';
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

interface Draft {
  side: 'buy' | 'sell';
  price: string;
  amount: string;
  expiry: string;
  standing: boolean;
}

const EMPTY: Draft = { side: 'buy', price: '', amount: '', expiry: '', standing: false };
const draftKey = (community: string, account: string) => `compartilha.order-draft:${community.toLowerCase()}:${account.toLowerCase()}`;

/** The order being typed, kept for this tab: the back button, or a visit to another screen, loses nothing. */
function loadDraft(key: string): Draft {
  try {
    const raw = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Partial<Draft> | null;
    if (!raw || typeof raw !== 'object') return EMPTY;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      side: raw.side === 'sell' ? 'sell' : 'buy',
      price: text(raw.price),
      amount: text(raw.amount),
      expiry: text(raw.expiry),
      standing: raw.standing === true,
    };
  } catch {
    return EMPTY;
  }
}

function saveDraft(key: string, draft: Draft): void {
  try {
    if (JSON.stringify(draft) === JSON.stringify(EMPTY)) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    /* private mode: the draft lives in memory only */
  }
}

/** "2026-12-31" → the date as the person reads it (the day typed, whatever the time zone). */
function expiryText(value: string, lang: Lang): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? formatDate(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), lang) : undefined;
}

/** In place of the order form while the book is unread: placing an order needs it (the preview, the hint). */
export function OrderFormUnavailable() {
  const { d } = useTradeT();
  return (
    <section className="card" aria-labelledby="order-h" data-testid="order-unavailable">
      <h2 id="order-h">{d.market.place}</h2>
      <p className="muted">{d.market.needsBook}</p>
    </section>
  );
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
  /** My open orders, for the preview's self-trade check; undefined when they could not be read. */
  own: readonly OwnOrderLike[] | undefined;
  /** The community's minimum order (Wh; 0 = none), from the book. */
  minOrderWh: number;
}) {
  const { chainId, account, community } = props.ctx;
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const key = draftKey(community, account);
  const [initial] = useState(() => loadDraft(key));
  const [side, setSide] = useState<Side>(initial.side === 'sell' ? SELL : BUY);
  const [priceText, setPriceText] = useState(initial.price);
  const [amountText, setAmountText] = useState(initial.amount);
  const [expiry, setExpiry] = useState(initial.expiry);
  const [standing, setStanding] = useState(initial.standing);
  useEffect(
    () => saveDraft(key, { side: side === SELL ? 'sell' : 'buy', price: priceText, amount: amountText, expiry, standing }),
    [key, side, priceText, amountText, expiry, standing],
  );
  const write = useReviewedWrite(() => invalidateContracts(qc, [community, props.market, props.token]));
  // An order of this account still on its way (also after a reload): no second one until it is mined.
  const inFlight = useInFlight('order', community, account);
  const busy = write.busy || inFlight !== undefined;
  // The order still pending (e.g. picked up after a reload) is mined: once confirmed, its draft is
  // done with, as after a send in this page (state from the previous render, no effect).
  const [watching, setWatching] = useState<string>();
  if (inFlight && watching !== inFlight.id) setWatching(inFlight.id);
  if (!inFlight && watching) {
    setWatching(undefined);
    if (txStore.snapshot().find((e) => e.id === watching)?.state === 'confirmed') {
      setPriceText('');
      setAmountText('');
      setExpiry('');
      setStanding(false);
    }
  }
  // A field's own error is tied to it (aria-invalid + aria-describedby) so a screen reader reads both;
  // a problem of the whole order (no field) is said the same way, below the form.
  const [problem, setProblem] = useState<{ field?: OrderField; message: string }>();
  const [question, setQuestion] = useState<KwhAmbiguity>();
  const [done, setDone] = useState<string>();
  const [step, setStep] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  // Back from the review (or after the send): focus returns to the form's button, not the page's top.
  const focusLater = useFocusAfterReview(write.review !== null);
  const refocus = () => focusLater(() => form.current?.querySelector<HTMLButtonElement>('button[type="submit"]'));
  const tok = { symbol: props.symbol, decimals: props.decimals };
  const fmt = (v: bigint) => formatMoney(v, tok, lang);
  const perKwh = (v: bigint, l: Lang = lang) => formatPricePerKwh(v, tok, l);
  const fail = (field: OrderField | undefined, message: string) => setProblem({ field, message });
  const invalid = (field: OrderField) => problem?.field === field;

  const previewOf = (text: string) => {
    const price = parsePricePerKwh(priceText, props.decimals, lang);
    const amount = parseKwhToWh(text, lang);
    const preview =
      price.ok && amount.ok && !kwhAmbiguity(text, lang)
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
    return { price, amount, preview };
  };
  const { price, amount, preview } = previewOf(amountText);

  /** Checks the order with `text` as its amount and shows the review; nothing is sent before "Confirmar". */
  function prepare(text: string) {
    if (busy) return;
    write.setError('');
    setProblem(undefined);
    setQuestion(undefined);
    setDone(undefined);
    const { price, amount, preview } = previewOf(text);
    if (!price.ok) return fail('price', `${d.market.orderPrice}: ${problemText(d, price)}`);
    const ambiguity = kwhAmbiguity(text, lang);
    if (ambiguity) return setQuestion(ambiguity);
    if (!amount.ok) return fail('amount', `${d.market.orderAmount}: ${problemText(d, amount)}`);
    if (amount.value < BigInt(props.minOrderWh))
      return fail('amount', d.market.belowMinimum(formatKwh(amount.value, lang), formatKwh(BigInt(props.minOrderWh), lang)));
    const exp = expiryFromDate(expiry);
    if (!exp.ok) return fail('expiry', d.market.badExpiry);
    const p = preview!;
    if (p.selfTrade !== undefined) return fail(undefined, d.market.preview.self(String(p.selfTrade)));
    const sameSide = side === BUY ? props.bids : props.asks;
    const hint = p.restWh > 0n ? hintPrice(side, price.value, sameSide) : 0n;
    const common = [price.value, amount.value, exp.value, standing, hint, MAX_FILLS] as const;
    const meta = txMeta('order', community, account, amount.value);
    const kwh = formatKwh(amount.value, lang);
    const priceFact: [string, string] = [d.writes.pricePerKwh, perKwh(price.value)];
    const tail: [string, string][] = [
      [d.writes.fillsNow, p.filledWh > 0n ? d.market.preview.fills(formatKwh(p.filledWh, lang), fmt(p.filledToken), p.fills.length) : d.market.preview.noFill],
      [d.writes.expires, `${expiryText(expiry, lang) ?? d.writes.neverExpires}${standing ? ` · ${d.market.standingTag}` : ''}`],
    ];
    let send: () => Promise<WriteOutcome>;
    let review: Omit<Review, 'send'>;
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
        meta,
      } as const;
      send = () => sendAnyTx(config, tx, lang);
      review = {
        summary: d.writes.sellReview(kwh, perKwh(price.value)),
        facts: [priceFact, [d.writes.totalReceive, fmt(tokenForWh(price.value, amount.value))], ...tail],
      };
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
        meta,
      };
      send = () => placeBuyOrder(config, order, lang, (s) => setStep(s === 'permit' ? d.market.signPermit : undefined));
      review = {
        summary: d.writes.buyReview(kwh, perKwh(price.value)),
        facts: [priceFact, [d.writes.totalPay, fmt(budget)], ...tail],
      };
    }
    write.ask({
      ...review,
      send: async () => {
        const out = await send();
        setStep(undefined);
        if (out.ok) {
          setDone(d.market.placed(formatKwh(p.filledWh, lang)));
          setPriceText('');
          setAmountText('');
          setExpiry('');
          setStanding(false);
        }
        return out;
      },
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    prepare(amountText);
  }

  if (write.review) {
    return (
      <section className="card" aria-labelledby="order-h">
        <h2 id="order-h">{d.market.place}</h2>
        <ReviewStep
          name="order"
          review={write.review}
          busy={write.busy}
          error={write.error}
          onConfirm={() => {
            refocus();
            void write.confirm();
          }}
          onBack={() => {
            write.back();
            refocus();
          }}
        />
        {step && (
          <p className="ok-text" role="status" data-testid="order-step">
            {step}
          </p>
        )}
      </section>
    );
  }

  return (
    <form className="card" ref={form} onSubmit={submit} noValidate aria-labelledby="order-h">
      <h2 id="order-h">{d.market.place}</h2>
      {inFlight && (
        <p className="notice" role="status" data-testid="order-pending">
          {d.writes.orderPending(inFlight.meta?.wh ? formatKwh(BigInt(inFlight.meta.wh), lang) : '')}
        </p>
      )}
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
        {inFlight && <span className="pending-tag"> ({d.writes.pendingBalance})</span>}
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
      <KwhAmountField
        id="order-amount"
        label={d.market.orderAmount}
        value={amountText}
        onChange={setAmountText}
        question={question}
        onQuestion={setQuestion}
        onChosen={prepare}
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
      {!props.own && (
        <p className="muted" data-testid="own-unchecked">
          {d.market.ownUnchecked}
        </p>
      )}
      {preview && price.ok && (
        <div className="preview" data-testid="order-preview" aria-live="polite">
          {previewText(d, lang, preview, perKwh(price.value), fmt, side, buyBudget(price.value, amount.ok ? amount.value : 0n)).map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
      )}
      <FormOutcome name="order" error={problem?.message ?? write.error} done={done} busy={busy} submit={d.market.submit} sending={d.market.sending} />
    </form>
  );
}
