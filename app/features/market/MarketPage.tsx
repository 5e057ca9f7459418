import type { Address } from 'viem';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { formatMoney, formatPriceNumber, formatPricePerKwh, isReaisToken, priceUnit } from '../../lib/money.ts';
import { describeError } from '../../lib/errors.ts';
import { TxStatusList } from '../../lib/tx/TxStatusList.tsx';
import { useMarketAddress, useMarketState, useTokenState } from './data.ts';
import { useTradeT } from '../../lib/trade-dict.ts';
import { BackToDashboard, CommunityRoute, type CommunityRouteCtx, type MemberRouteCtx } from '../../components/CommunityRoute.tsx';

import { decodeMarketError } from './send.ts';
import { Status, TradingPolicy } from '../../../contracts-abi/abis.ts';
import { LegalNotice } from './LegalNotice.tsx';
import { BookSide, Trades } from './BookSide.tsx';
import { OrderForm } from './OrderForm.tsx';
import { MyOrders, Proceeds } from './MyOrders.tsx';

type PageCtx = CommunityRouteCtx;

export default function MarketPage({ params }: { params: { chainId?: string; address?: string } }) {
  const { d } = useTradeT();
  return (
    <CommunityRoute params={params} className="stack trade" requireMember header={(c) => <BackToDashboard {...c} label={d.back} />}>
      {(ctx) => <Market {...ctx} />}
    </CommunityRoute>
  );
}

/** The route guard has read the member's dashboard (`data`); the market's own reads start here. */
function Market({ d: data, ...ctx }: MemberRouteCtx) {
  const { chainId, community } = ctx;
  const { d, lang } = useTradeT();
  const { market, error: marketError, refetch: refetchMarket } = useMarketAddress(chainId, community);
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
  const tok = { symbol, decimals };
  const price = (p: bigint) => formatPriceNumber(p, tok, lang);
  const perKwh = (p: bigint) => formatPricePerKwh(p, tok, lang);
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
          {d.market.lastPrice}: <span data-testid="last-price">{book.lastPriceTokenPerKwh > 0n ? perKwh(book.lastPriceTokenPerKwh) : d.market.none}</span>
        </h2>
        {symbol && (
          <p className="muted" data-testid="token-note">
            {d.market.tokenNote(symbol, isReaisToken(symbol))}
          </p>
        )}
        <div className="book">
          <BookSide title={d.market.bids} levels={book.bids} testId="book-bid" d={d} lang={lang} price={price} unit={priceUnit(tok)} />
          <BookSide title={d.market.asks} levels={book.asks} testId="book-ask" d={d} lang={lang} price={price} unit={priceUnit(tok)} asks />
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
      <MyOrders ctx={ctx} market={market} orders={open} price={perKwh} money={(u) => formatMoney(u, tok, lang)} />
      <Proceeds ctx={ctx} market={market} proceeds={proceeds} decimals={decimals} symbol={symbol} />
      <Trades chainId={chainId} market={market} price={perKwh} />
      <TxStatusList decode={decodeMarketError} />
    </>
  );
}
