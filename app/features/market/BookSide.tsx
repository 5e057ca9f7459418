import type { Address } from 'viem';
import { describeError } from '../../lib/errors.ts';
import { formatCycle, formatKwh, groupInt, type Lang } from '../../lib/format.ts';
import { formatPriceNumber, formatPricePerKwh, isReaisToken, priceUnit, type TokenMeta } from '../../lib/money.ts';
import { monthYear, type LevelLike } from './book.ts';
import { useRecentTrades, type BookData, type View } from './data.ts';
import { useTradeT } from '../../lib/trade-dict.ts';
import { ViewUnavailable } from './ViewUnavailable.tsx';

type D = ReturnType<typeof useTradeT>['d'];

export function BookSide(props: {
  title: string;
  levels: readonly (LevelLike & { soonestExpiryCycle: number })[];
  testId: string;
  d: D;
  lang: Lang;
  price: (p: bigint) => string;
  /** The price column's unit: "R$/kWh". */
  unit: string;
  asks?: boolean;
}) {
  const { d, lang } = props;
  return (
    <table className="book-side">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">{d.market.price(props.unit)}</th>
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

/** The last price and the top of the book; if the book could not be read, that sentence instead (no price, no empty side). */
export function BookCard({ book, symbol }: { book: View<BookData>; symbol: string }) {
  const { d, lang } = useTradeT();
  const r = book.read;
  const tok: TokenMeta = { symbol, decimals: r.status === 'ok' ? r.data.tokenDecimals : 0 };
  const perKwh = (p: bigint) => formatPricePerKwh(p, tok, lang);
  const price = (p: bigint) => formatPriceNumber(p, tok, lang);
  return (
    <section className="card" aria-labelledby="book-h">
      {r.status === 'ok' ? (
        <h2 id="book-h">
          {d.market.lastPrice}: <span data-testid="last-price">{r.data.lastPriceTokenPerKwh > 0n ? perKwh(r.data.lastPriceTokenPerKwh) : d.market.none}</span>
        </h2>
      ) : (
        <h2 id="book-h">{d.market.bookTitle}</h2>
      )}
      {symbol && (
        <p className="muted" data-testid="token-note">
          {d.market.tokenNote(symbol, isReaisToken(symbol))}
        </p>
      )}
      {r.status === 'error' && <ViewUnavailable view="book" error={r.error} retry={book.retry} retrying={book.retrying} />}
      {r.status === 'ok' && r.data.truncated && (
        <p className="notice" role="status" data-testid="book-truncated">
          {d.market.bookTruncated}
        </p>
      )}
      {r.status === 'ok' && (
        <div className="book">
          <BookSide title={d.market.bids} levels={r.data.bids} testId="book-bid" d={d} lang={lang} price={price} unit={priceUnit(tok)} />
          <BookSide title={d.market.asks} levels={r.data.asks} testId="book-ask" d={d} lang={lang} price={price} unit={priceUnit(tok)} asks />
        </div>
      )}
    </section>
  );
}

export function Trades({ chainId, market, price }: { chainId: number; market: Address; price: (p: bigint) => string }) {
  const { d, lang } = useTradeT();
  const trades = useRecentTrades(chainId, market);
  return (
    <section className="card" aria-labelledby="trades-h">
      <h2 id="trades-h">{d.market.trades}</h2>
      {trades.error && <p className="error-text">{describeError(trades.error, lang)}</p>}
      {trades.data?.trades.length === 0 && !trades.data.olderNotLoaded && <p className="muted">{d.market.noTrades}</p>}
      {trades.data?.olderNotLoaded && (
        <p className="muted" data-testid="trades-older-not-loaded">
          {(trades.data.trades.length === 0 ? d.market.noRecentTrades : d.market.olderTradesNotLoaded)(groupInt(trades.data.blocksRead, lang))}
        </p>
      )}
      <ul className="trades">
        {trades.data?.trades.map((t) => (
          <li key={t.key} data-testid="trade-row">
            {d.market.tradeRow(formatKwh(t.amountWh, lang), price(t.priceTokenPerKwh), formatCycle(t.cycle))}
          </li>
        ))}
      </ul>
    </section>
  );
}
