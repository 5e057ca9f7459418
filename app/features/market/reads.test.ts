import { describe, expect, it } from 'vitest';
import { ContractFunctionExecutionError, HttpRequestError, RpcRequestError, parseAbi } from 'viem';
import { both, dataOf, mapRead, moneyOf, readOf, type Read } from './reads.ts';

// The failures a view meets: the node answers with an error (e.g. out of gas at its eth_call cap),
// or the node does not answer at all (an outage: HttpRequestError, as viem's http transport throws).
const outOfGas = new ContractFunctionExecutionError(new RpcRequestError({ body: {}, error: { code: -32000, message: 'out of gas' }, url: 'http://node' }), {
  abi: parseAbi(['function book(uint8) view returns (uint256)']),
  functionName: 'book',
  args: [10],
});
const unreachable = new HttpRequestError({ url: 'http://node', details: 'Failed to fetch' });

describe('readOf', () => {
  it('no data and no error yet: loading', () => {
    expect(readOf({ data: undefined, error: null })).toEqual({ status: 'loading' });
  });

  it('data: ok, zero included (0 proceeds read from the chain is a figure)', () => {
    expect(readOf({ data: 0n, error: null })).toEqual({ status: 'ok', data: 0n });
    expect(readOf({ data: [], error: null })).toEqual({ status: 'ok', data: [] });
  });

  it('the node refused the view: error, never a figure', () => {
    expect(readOf({ data: undefined, error: outOfGas })).toEqual({ status: 'error', error: outOfGas });
  });

  it('a refetch the node refused: the earlier figure is not shown as if current', () => {
    expect(readOf({ data: 5n, error: outOfGas })).toEqual({ status: 'error', error: outOfGas });
  });

  it('an outage after a good read: the figure stays (the outage banner marks it stale)', () => {
    expect(readOf({ data: 5n, error: unreachable })).toEqual({ status: 'ok', data: 5n });
  });

  it('an outage before any read: error', () => {
    expect(readOf({ data: undefined, error: unreachable })).toEqual({ status: 'error', error: unreachable });
  });
});

describe('both / mapRead / dataOf', () => {
  const ok = <T>(data: T): Read<T> => ({ status: 'ok', data });
  const err: Read<never> = { status: 'error', error: outOfGas };
  const loading: Read<never> = { status: 'loading' };

  it('both loaded: the pair', () => {
    expect(both(ok(1n), ok('x'))).toEqual(ok([1n, 'x']));
  });

  it('a failure wins over loading, on either side', () => {
    expect(both(err, loading)).toBe(err);
    expect(both(loading, err)).toBe(err);
    expect(both(ok(1n), err)).toBe(err);
  });

  it('one still loading: loading', () => {
    expect(both(ok(1n), loading)).toEqual(loading);
  });

  it('mapRead maps data and keeps the other states', () => {
    expect(mapRead(ok(2), (n) => n * 2)).toEqual(ok(4));
    expect(mapRead(err, () => 1)).toBe(err);
    expect(dataOf(ok(3))).toBe(3);
    expect(dataOf(err)).toBeUndefined();
  });
});

describe('moneyOf', () => {
  const token: Read<readonly [bigint, string, number]> = { status: 'ok', data: [10n, 'dBRL', 18] };

  it('the book loaded: its decimals, the token symbol', () => {
    expect(moneyOf({ status: 'ok', data: { tokenDecimals: 6 } }, token)).toEqual({ status: 'ok', data: { symbol: 'dBRL', decimals: 6 } });
  });

  it('the book loaded, the token not (yet): no symbol, still the decimals', () => {
    expect(moneyOf({ status: 'ok', data: { tokenDecimals: 6 } }, { status: 'loading' })).toEqual({ status: 'ok', data: { symbol: '', decimals: 6 } });
  });

  it('the book failed: the token contract stands in', () => {
    expect(moneyOf({ status: 'error', error: outOfGas }, token)).toEqual({ status: 'ok', data: { symbol: 'dBRL', decimals: 18 } });
  });

  it('the book failed and no token is set: the book is the reason', () => {
    expect(moneyOf({ status: 'error', error: outOfGas }, undefined)).toEqual({ status: 'error', error: outOfGas });
  });

  it('the book failed and the token too: error', () => {
    expect(moneyOf({ status: 'error', error: outOfGas }, { status: 'error', error: unreachable })).toEqual({ status: 'error', error: unreachable });
  });

  it('the book still loading: loading', () => {
    expect(moneyOf({ status: 'loading' }, token)).toEqual({ status: 'loading' });
  });
});
