import { hexToBigInt, numberToHex, pad, type Hex, type RpcLog } from 'viem';
import { describe, expect, it } from 'vitest';
import { historyKey, memoryStore } from './cache.ts';
import { loadHistory, type RpcClient } from './loader.ts';
import { rpcLog, settlement } from './testlogs.ts';

const COMMUNITY = '0x00000000000000000000000000000000000000c0';

/** A fake node: answers eth_blockNumber / eth_getLogs (range + topics) / eth_getBlockByNumber. */
function fakeChain(logs: RpcLog[], head: number): { head: number; calls: string[]; client: RpcClient } {
  const calls: string[] = [];
  const chain: { head: number; calls: string[]; client: RpcClient } = {
    head,
    calls,
    client: {
      request: async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
        calls.push(method);
        if (method === 'eth_blockNumber') return numberToHex(chain.head);
        if (method === 'eth_getBlockByNumber') {
          const n = Number(hexToBigInt((params as [Hex])[0]));
          return { hash: pad(numberToHex(n), { size: 32 }) };
        }
        if (method === 'eth_getLogs') {
          const [f] = params as [{ fromBlock: Hex; toBlock: Hex; topics: (Hex | Hex[] | null)[]; address: Hex }];
          const from = hexToBigInt(f.fromBlock);
          const to = hexToBigInt(f.toBlock);
          if (to - from + 1n > 100n) throw new Error('range too large');
          return logs.filter((l) => {
            const b = hexToBigInt(l.blockNumber!);
            if (b < from || b > to) return false;
            return f.topics.every((t, i) => t === null || (Array.isArray(t) ? t.includes(l.topics[i]!) : t === l.topics[i]));
          });
        }
        throw new Error(`unexpected ${method}`);
      },
    },
  };
  return chain;
}

const h = ('0x' + '00'.repeat(32)) as Hex;
const logs = [
  rpcLog('MemberSettled', { cycle: 202609, memberId: 1, settlement: settlement() }, 50, 0),
  rpcLog('MemberSettled', { cycle: 202609, memberId: 2, settlement: settlement() }, 50, 1),
  rpcLog('CreditsDonated', { fromMemberId: 2, toMemberId: 1, cycle: 202610, amountWh: 5n, messageHash: h }, 120, 0),
  rpcLog('CreditsDonated', { fromMemberId: 1, toMemberId: 2, cycle: 202610, amountWh: 3n, messageHash: h }, 180, 0),
  rpcLog('MemberSettled', { cycle: 202610, memberId: 1, settlement: settlement() }, 250, 0),
];

describe('loadHistory', () => {
  it('reads in chunks (two topic filters each), reports progress and keeps only the member', async () => {
    const chain = fakeChain(logs, 250);
    const progress: string[] = [];
    const r = await loadHistory({
      client: chain.client,
      community: COMMUNITY,
      memberId: 1,
      startBlock: 1n,
      chunkSize: 100n,
      onProgress: (p) => progress.push(`${p.doneBlocks}/${p.totalBlocks}`),
    });
    expect(r.rows.map((x) => x.kind)).toEqual(['settled', 'donation-out', 'donation-in', 'settled']);
    expect(progress).toEqual(['0/250', '100/250', '200/250', '250/250']);
    expect(chain.calls.filter((c) => c === 'eth_getLogs')).toHaveLength(6);
  });

  it('a node whose cap is below the declared range: the loader halves the range and reads everything', async () => {
    const chain = fakeChain(logs, 250); // rejects ranges of more than 100 blocks
    const progress: string[] = [];
    const r = await loadHistory({
      client: chain.client,
      community: COMMUNITY,
      memberId: 1,
      startBlock: 1n,
      chunkSize: 250n,
      onProgress: (p) => progress.push(`${p.doneBlocks}/${p.totalBlocks}`),
    });
    expect(r.rows.map((x) => x.kind)).toEqual(['settled', 'donation-out', 'donation-in', 'settled']);
    expect(r.lastBlock).toBe(250n);
    // 1–250 rejected, 1–125 rejected, then ranges of 63 blocks: 1–63, 64–126, 127–189, 190–250.
    expect(progress).toEqual(['0/250', '63/250', '126/250', '189/250', '250/250']);
  });

  it('a read the node fails (not a range rejection) fails the load and keeps what was read for a resume', async () => {
    const chain = fakeChain(logs, 250);
    const request = chain.client.request;
    let n = 0;
    chain.client.request = async (a) => {
      if (a.method === 'eth_getLogs' && ++n > 2) throw new TypeError('fetch failed');
      return request(a);
    };
    const store = memoryStore();
    const opts = { client: chain.client, community: COMMUNITY, memberId: 1, startBlock: 1n, chunkSize: 100n, store, key: 'k', saveEveryMs: 0 } as const;
    await expect(loadHistory(opts)).rejects.toThrow('fetch failed');
    expect((await store.get('k'))?.lastBlock).toBe('100');
    chain.client.request = request;
    const r = await loadHistory(opts);
    expect(r.readFrom).toBe(101n);
    expect(r.rows.map((x) => x.kind)).toEqual(['settled', 'donation-out', 'donation-in', 'settled']);
  });

  it('a second load reads only the new blocks (and checks the cached chain is still the same)', async () => {
    const chain = fakeChain(logs.slice(0, 3), 150);
    const store = memoryStore();
    const key = historyKey(31337, COMMUNITY, 1);
    const opts = { client: chain.client, community: COMMUNITY, memberId: 1, startBlock: 1n, chunkSize: 100n, store, key } as const;
    const first = await loadHistory(opts);
    expect(first.rows).toHaveLength(2);
    expect(first.fromCache).toBe(false);

    chain.calls.length = 0;
    const same = await loadHistory(opts);
    expect(same.rows).toHaveLength(2);
    expect(chain.calls).toEqual(['eth_blockNumber', 'eth_getBlockByNumber']);

    const grown = fakeChain(logs, 250);
    const second = await loadHistory({ ...opts, client: grown.client });
    expect(second.fromCache).toBe(true);
    expect(second.readFrom).toBe(151n);
    expect(grown.calls.filter((c) => c === 'eth_getLogs')).toHaveLength(2); // 151–250: one chunk, two filters
    expect(second.rows.map((x) => x.kind)).toEqual(['settled', 'donation-out', 'donation-in', 'settled']);
  });

  it('resumes an interrupted load from the last block saved', async () => {
    const chain = fakeChain(logs, 250);
    const store = memoryStore();
    const key = 'k';
    const ctrl = new AbortController();
    await expect(
      loadHistory({
        client: chain.client,
        community: COMMUNITY,
        memberId: 1,
        startBlock: 1n,
        chunkSize: 100n,
        store,
        key,
        signal: ctrl.signal,
        onProgress: (p) => p.doneBlocks === 100n && ctrl.abort(),
      }),
    ).rejects.toBeDefined();
    expect((await store.get(key))?.lastBlock).toBe('100');
    const r = await loadHistory({ client: chain.client, community: COMMUNITY, memberId: 1, startBlock: 1n, chunkSize: 100n, store, key });
    expect(r.readFrom).toBe(101n);
    expect(r.rows).toHaveLength(4);
  });

  it('drops a cache from another chain (restarted dev chain: the anchor block hash differs)', async () => {
    const store = memoryStore();
    const key = 'k';
    await loadHistory({ client: fakeChain(logs, 250).client, community: COMMUNITY, memberId: 1, startBlock: 1n, chunkSize: 100n, store, key });
    const cached = (await store.get(key))!;
    await store.set(key, { ...cached, anchor: { block: cached.anchor!.block, hash: '0xdead' } });
    const r = await loadHistory({ client: fakeChain(logs, 250).client, community: COMMUNITY, memberId: 1, startBlock: 1n, chunkSize: 100n, store, key });
    expect(r.fromCache).toBe(false);
    expect(r.rows).toHaveLength(4);
  });
});
