import { custom, HttpRequestError, RpcRequestError } from 'viem';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROBE_MS, rpcHealth, watchedTransport } from './health.ts';

/** A transport whose node is up or down at will; a revert is an answer, so it counts as up. */
function fakeNode() {
  const node = { up: true, revert: false, calls: [] as string[] };
  const transport = watchedTransport(
    custom({
      async request({ method }: { method: string }) {
        node.calls.push(method);
        if (!node.up) throw new HttpRequestError({ url: 'http://127.0.0.1:1', details: 'Failed to fetch' });
        if (node.revert) throw new RpcRequestError({ body: {}, url: 'http://127.0.0.1:1', error: { code: 3, message: 'execution reverted' } });
        return '0x10';
      },
    }),
  );
  const t = transport({ retryCount: 0 });
  return { node, request: (method: string) => t.request({ method } as Parameters<typeof t.request>[0]) };
}

describe('rpcHealth', () => {
  afterEach(() => vi.useRealTimers());

  it('goes down on a failed fetch, keeps the time of the last answer, and recovers through its own probe', async () => {
    vi.useFakeTimers();
    const { node, request } = fakeNode();
    const recovered = vi.fn();
    const off = rpcHealth.onRecover(recovered);
    await request('eth_call');
    expect(rpcHealth.isDown()).toBe(false);
    const lastOk = Date.now();

    node.up = false;
    vi.setSystemTime(lastOk + 60_000);
    await expect(request('eth_call')).rejects.toThrow();
    expect(rpcHealth.snapshot()).toEqual({ down: true, lastOkAt: lastOk });

    // The probe fails while the node is down, and keeps probing.
    node.calls.length = 0;
    await vi.advanceTimersByTimeAsync(PROBE_MS);
    expect(node.calls).toEqual(['eth_blockNumber']);
    expect(rpcHealth.isDown()).toBe(true);
    expect(recovered).not.toHaveBeenCalled();

    node.up = true;
    await vi.advanceTimersByTimeAsync(PROBE_MS);
    expect(rpcHealth.isDown()).toBe(false);
    expect(recovered).toHaveBeenCalledTimes(1);
    off();
  });

  it('a revert is an answer: the node is up', async () => {
    const { node, request } = fakeNode();
    node.revert = true;
    await expect(request('eth_call')).rejects.toThrow();
    expect(rpcHealth.isDown()).toBe(false);
  });
});
