// One view of the market page as the screen sees it: loading, loaded, or failed on its own. The
// book, my orders and my proceeds are read apart, so one view that fails (e.g. a view whose cost
// grew past the node's gas cap, issue #13 item 6) never blanks the others.
import type { TokenMeta } from '../../lib/money.ts';
import { isUnreachable } from '../../lib/rpc/health.ts';

export type Read<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: Error };

/** What the screen needs of a query: its last data, its last error. */
export interface QueryLike<T> {
  data: T | undefined;
  error: Error | null;
}

/**
 * A query's state as a Read. A failed read shows no figure, with one exception: when the node did
 * not answer at all (an outage) the figure already on screen stays, marked stale by the outage
 * banner, as every other screen does; a node that answers with an error is a failed read.
 */
export function readOf<T>(q: QueryLike<T>): Read<T> {
  if (q.error && !(q.data !== undefined && isUnreachable(q.error))) return { status: 'error', error: q.error };
  if (q.data !== undefined) return { status: 'ok', data: q.data };
  return { status: 'loading' };
}

/** Both reads' data, or the first failure (then loading); a figure needs both (e.g. proceeds and the token's decimals). */
export function both<A, B>(a: Read<A>, b: Read<B>): Read<[A, B]> {
  if (a.status === 'error') return a;
  if (b.status === 'error') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'ok', data: [a.data, b.data] };
}

/** A Read's data mapped (the state is kept). */
export function mapRead<T, U>(r: Read<T>, f: (t: T) => U): Read<U> {
  return r.status === 'ok' ? { status: 'ok', data: f(r.data) } : r;
}

/** The data if loaded, else undefined. */
export function dataOf<T>(r: Read<T>): T | undefined {
  return r.status === 'ok' ? r.data : undefined;
}

/**
 * The payment token as figures need it. The book reports its decimals; when the book failed, the
 * token's own decimals() stand in (the book's are that same call), so proceeds and my orders still
 * show. No token set and no book: nothing to format with, the book's failure is the reason.
 */
export function moneyOf(book: Read<{ tokenDecimals: number }>, token: Read<readonly [bigint, string, number]> | undefined): Read<TokenMeta> {
  const symbol = token?.status === 'ok' ? token.data[1] : '';
  if (book.status !== 'error') return mapRead(book, (b) => ({ symbol, decimals: b.tokenDecimals }));
  return token ? mapRead(token, ([, sym, decimals]) => ({ symbol: sym, decimals })) : book;
}
