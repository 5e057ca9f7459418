import { zeroAddress, type Address } from 'viem';
import { Link } from 'wouter';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { formatPricePerKwh } from '../../lib/money.ts';
import { describeError } from '../../lib/errors.ts';
import { TxStatusList } from '../../lib/tx/TxStatusList.tsx';
import { useMarketAddress, useMarketState, useTokenState, type View } from './data.ts';
import { both, dataOf, mapRead, moneyOf, readOf } from './reads.ts';
import type { DashboardData } from '../../lib/dashboard.ts';
import { useTradeT } from '../../lib/trade-dict.ts';
import { BackToDashboard, CommunityRoute, type CommunityRouteCtx, type MemberRouteCtx } from '../../components/CommunityRoute.tsx';

import { decodeMarketError } from './send.ts';
import { Status, TradingPolicy } from '../../../contracts-abi/abis.ts';
import { LegalNotice } from './LegalNotice.tsx';
import { BookCard, Trades } from './BookSide.tsx';
import { OrderForm, OrderFormUnavailable } from './OrderForm.tsx';
import { MyOrders, Proceeds, type MyOrdersData, type ProceedsData } from './MyOrders.tsx';

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
  return <MarketBody ctx={ctx} market={market} member={data} />;
}

/** The title, and the legal notice (priced orders) or the donations-only note. */
function MarketHeading({ priced }: { priced: boolean }) {
  const { d } = useTradeT();
  return (
    <>
      <h1 id="market-h" tabIndex={-1}>
        {d.market.title}
      </h1>
      {priced ? (
        <LegalNotice d={d} />
      ) : (
        <div className="card notice" data-testid="donations-only">
          <p>{d.market.donationsOnly}</p>
        </div>
      )}
    </>
  );
}

function MarketBody({ ctx, market, member }: { ctx: PageCtx; market: Address; member: DashboardData }) {
  const { chainId, account } = ctx;
  const { d, lang } = useTradeT();
  const { book, orders, proceeds } = useMarketState(chainId, market, account);
  const paymentToken = member.settings.paymentToken;
  const tokenQ = useTokenState(chainId, paymentToken, account);
  const token = paymentToken === zeroAddress ? undefined : readOf(tokenQ);
  const money = moneyOf(book.read, token);
  // One wait until every view has answered (loaded or failed), as before; then each part on its own.
  if ([book.read, orders.read, proceeds.read, money].some((r) => r.status === 'loading')) return <Loading />;
  const b = dataOf(book.read);
  const tok = dataOf(money);
  const openOrders = mapRead(orders.read, (all) => all.filter((o) => o.status === Status.Open));
  const myOrders: View<MyOrdersData> = { ...orders, read: mapRead(both(openOrders, money), ([rows, t]) => ({ rows, tok: t })) };
  const myProceeds: View<ProceedsData> = { ...proceeds, read: mapRead(both(proceeds.read, money), ([units, t]) => ({ units, tok: t })) };
  const symbol = tok?.symbol ?? '';
  const noToken = (b ? b.paymentToken : paymentToken) === zeroAddress;
  return (
    <>
      {/* Market already checked the community's settings say priced orders: that holds while the book is unread. */}
      <MarketHeading priced={b ? b.pricedOrdersAllowed : true} />
      <BookCard book={book} symbol={symbol} />
      {noToken ? (
        <p className="card notice">{d.market.noToken}</p>
      ) : !b ? (
        <OrderFormUnavailable />
      ) : (
        b.pricedOrdersAllowed && (
          <OrderForm
            ctx={ctx}
            market={market}
            token={b.paymentToken}
            decimals={b.tokenDecimals}
            symbol={symbol}
            tokenBalance={token && dataOf(token)?.[0]}
            balanceWh={member.member.balanceWh}
            bids={b.bids}
            asks={b.asks}
            own={dataOf(openOrders)}
            minOrderWh={b.minOrderWh}
          />
        )
      )}
      <MyOrders ctx={ctx} market={market} orders={myOrders} />
      <Proceeds ctx={ctx} market={market} proceeds={myProceeds} />
      {tok && <Trades chainId={chainId} market={market} price={(p) => formatPricePerKwh(p, tok, lang)} />}
      <TxStatusList decode={decodeMarketError} />
    </>
  );
}
