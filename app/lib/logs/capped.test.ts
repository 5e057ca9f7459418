import { HttpRequestError, InvalidParamsRpcError, LimitExceededRpcError, RpcRequestError, TimeoutError, UnknownRpcError } from 'viem';
import { describe, expect, it } from 'vitest';
import { forEachLogRange, getLogsCapped, isRangeRejection, type BlockRange } from './capped.ts';

/** A node's JSON-RPC error as viem raises it from the http transport (RpcRequestError wrapped by code). */
function nodeError(code: number, message: string) {
  const inner = new RpcRequestError({ body: { method: 'eth_getLogs' }, error: { code, message }, url: 'http://node' });
  if (code === -32005) return new LimitExceededRpcError(inner);
  if (code === -32602) return new InvalidParamsRpcError(inner);
  return new UnknownRpcError(inner);
}

/** A fake node: logs at some blocks, a Besu-style cap (rejects to − from > cap), records each range asked. */
function fakeNode(opts: { cap: bigint; logsAt: bigint[]; maxResults?: number; fail?: (r: BlockRange) => Error | undefined }) {
  const asked: string[] = [];
  const fetch = async (r: BlockRange): Promise<bigint[]> => {
    asked.push(`${r.from}-${r.to}`);
    const failure = opts.fail?.(r);
    if (failure) throw failure;
    if (r.to - r.from > opts.cap) throw nodeError(-32005, 'Requested range exceeds maximum RPC range limit');
    const hits = opts.logsAt.filter((b) => b >= r.from && b <= r.to);
    if (opts.maxResults !== undefined && hits.length > opts.maxResults) throw nodeError(-32005, `query returned more than ${opts.maxResults} results`);
    return hits;
  };
  return { asked, fetch };
}

describe('isRangeRejection', () => {
  it.each([
    ['Besu', nodeError(-32005, 'Requested range exceeds maximum RPC range limit')],
    ['geth / Infura', nodeError(-32005, 'query returned more than 10000 results')],
    ['Alchemy', nodeError(-32602, 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range')],
    ['QuickNode', nodeError(-32602, 'eth_getLogs is limited to a 10,000 range')],
    ['Ankr / others', nodeError(-32000, 'block range is too wide')],
    ['Cloudflare', nodeError(-32047, 'Max range: 800')],
    ['a bare -32005', nodeError(-32005, 'limit exceeded')],
    ['an HTTP 400 whose body names the range', new HttpRequestError({ url: 'http://node', status: 400, details: 'block range too large' })],
  ])('%s: yes', (_who, e) => {
    expect(isRangeRejection(e)).toBe(true);
  });

  it.each([
    ['the node down (fetch failed)', new HttpRequestError({ url: 'http://node', details: 'fetch failed', cause: new TypeError('fetch failed') })],
    ['a timeout', new TimeoutError({ body: { method: 'eth_getLogs' }, url: 'http://node' })],
    ['a rate limit on -32005', nodeError(-32005, 'daily request count exceeded, request rate limited')],
    ['a bad request', nodeError(-32602, 'invalid argument 0: hex string without 0x prefix')],
    ['an HTTP 500', new HttpRequestError({ url: 'http://node', status: 500, details: 'Internal Server Error' })],
    ['a plain error', new Error('boom')],
    ['not an error', 'block range'],
  ])('%s: no', (_who, e) => {
    expect(isRangeRejection(e)).toBe(false);
  });
});

describe('forEachLogRange', () => {
  it('covers [from, to] with ranges of at most cap blocks, no gap, no overlap, in order', async () => {
    for (const [from, to, cap] of [
      [0n, 0n, 1n],
      [5n, 4_004n, 1_000n],
      [5n, 4_005n, 1_000n],
      [1n, 12_345n, 777n],
      [3n, 3n, 1_000n],
    ] as const) {
      const node = fakeNode({ cap: 10_000n, logsAt: [] });
      const walk = await forEachLogRange(from, to, cap, node.fetch);
      const ranges = node.asked.map((s) => s.split('-').map(BigInt) as [bigint, bigint]);
      expect(ranges[0]![0]).toBe(from);
      expect(ranges.at(-1)![1]).toBe(to);
      for (const [i, [a, b]] of ranges.entries()) {
        expect(b - a + 1n).toBeLessThanOrEqual(cap);
        if (i > 0) expect(a).toBe(ranges[i - 1]![1] + 1n);
      }
      expect(walk).toMatchObject({ complete: true, rejected: 0, ranges: ranges.length, read: { from, to } });
    }
  });

  it('plans ⌈blocks / cap⌉ ranges and none for an empty span', async () => {
    const node = fakeNode({ cap: 10_000n, logsAt: [] });
    expect((await forEachLogRange(1n, 33_365n, 1_000n, node.fetch)).ranges).toBe(34);
    expect((await forEachLogRange(10n, 9n, 1_000n, node.fetch)).ranges).toBe(0);
    await expect(forEachLogRange(1n, 2n, 0n, node.fetch)).rejects.toThrow(RangeError);
    await expect(forEachLogRange(-1n, 2n, 5n, node.fetch)).rejects.toThrow(RangeError);
  });

  it('halves a range a node rejects (a lower cap than declared) and keeps the smaller size', async () => {
    const node = fakeNode({ cap: 299n, logsAt: [1n, 250n, 700n, 999n, 1_000n] }); // Besu --rpc-max-logs-range 299: ranges of ≤ 300 blocks
    const logs = await getLogsCapped({ from: 1n, to: 1_000n }, 1_000n, node.fetch);
    expect(logs).toEqual([1n, 250n, 700n, 999n, 1_000n]);
    // 1000 → 500 → 250 rejected twice, then 250-block ranges to the end.
    expect(node.asked).toEqual(['1-1000', '1-500', '1-250', '251-500', '501-750', '751-1000']);
  });

  it('halves on "more than N results" down to the blocks that fit', async () => {
    const node = fakeNode({ cap: 10_000n, logsAt: [10n, 11n, 12n, 13n, 90n], maxResults: 2 });
    const walk = await forEachLogRange(1n, 100n, 100n, node.fetch, () => undefined);
    expect(walk.rejected).toBeGreaterThan(0);
    expect(await getLogsCapped({ from: 1n, to: 100n }, 100n, fakeNode({ cap: 10_000n, logsAt: [10n, 11n, 12n, 13n, 90n], maxResults: 2 }).fetch)).toEqual([
      10n,
      11n,
      12n,
      13n,
      90n,
    ]);
  });

  it('gives up on a single block the node still rejects', async () => {
    const node = fakeNode({ cap: 10_000n, logsAt: [5n, 5n, 5n], maxResults: 2 });
    await expect(getLogsCapped({ from: 1n, to: 8n }, 8n, node.fetch)).rejects.toThrow(/more than 2 results/);
    expect(node.asked.at(-1)).toBe('5-5');
  });

  it('does not split on a network error or any other error: it propagates after one call', async () => {
    const down = fakeNode({ cap: 10_000n, logsAt: [], fail: () => new HttpRequestError({ url: 'http://node', details: 'fetch failed' }) });
    await expect(getLogsCapped({ from: 1n, to: 5_000n }, 1_000n, down.fetch)).rejects.toBeInstanceOf(HttpRequestError);
    expect(down.asked).toEqual(['1-1000']);
    const bad = fakeNode({ cap: 10_000n, logsAt: [], fail: (r) => (r.from > 1_000n ? nodeError(-32602, 'invalid topic') : undefined) });
    await expect(getLogsCapped({ from: 1n, to: 5_000n }, 1_000n, bad.fetch)).rejects.toThrow(/invalid topic/);
    expect(bad.asked).toEqual(['1-1000', '1001-2000']);
  });

  it('walks newest first and stops when onRange says so (the walk then says it is partial)', async () => {
    const node = fakeNode({ cap: 10_000n, logsAt: [3n, 1_500n, 2_600n, 2_900n] });
    const seen: bigint[] = [];
    const walk = await forEachLogRange(
      1n,
      3_000n,
      1_000n,
      node.fetch,
      (_r, logs) => {
        seen.push(...[...logs].reverse());
        return seen.length < 3;
      },
      { descending: true },
    );
    expect(node.asked).toEqual(['2001-3000', '1001-2000']);
    expect(seen).toEqual([2_900n, 2_600n, 1_500n]);
    expect(walk).toMatchObject({ complete: false, ranges: 2, read: { from: 1_001n, to: 3_000n } });
    const all = await forEachLogRange(1n, 3_000n, 1_000n, node.fetch, () => undefined, { descending: true });
    expect(all).toMatchObject({ complete: true, ranges: 3, read: { from: 1n, to: 3_000n } });
  });

  it('halves newest first too', async () => {
    const node = fakeNode({ cap: 499n, logsAt: [] });
    await forEachLogRange(1n, 1_500n, 1_000n, node.fetch, undefined, { descending: true });
    expect(node.asked).toEqual(['501-1500', '1001-1500', '501-1000', '1-500']);
  });

  it('stops at an aborted signal', async () => {
    const ctrl = new AbortController();
    const node = fakeNode({ cap: 10_000n, logsAt: [] });
    await expect(forEachLogRange(1n, 5_000n, 1_000n, node.fetch, () => void ctrl.abort(new Error('left the page')), { signal: ctrl.signal })).rejects.toThrow(
      'left the page',
    );
    expect(node.asked).toEqual(['1-1000']);
  });
});
