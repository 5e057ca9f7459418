// The capping proxy against a real anvil: Besu's range rule at its exact edge, block tags, batches,
// counts, latency, and the app's capped reader (viem over http) reading every log through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, http, numberToHex, type Address, type Hex } from 'viem';
import { getLogs } from 'viem/actions';
import { anvil } from 'viem/chains';
import { forEachLogRange, getLogsCapped, isRangeRejection } from '../../app/lib/logs/capped.ts';
import { anvilAccount } from './accounts.ts';
import { startAnvil, type RunningAnvil } from './anvil.ts';
import { BESU_RANGE_ERROR, startCappingProxy, type CappingProxy } from './capping-proxy.ts';

const PORT = Number(process.env.CAPPING_TEST_CHAIN_PORT ?? 8719);
/** The proxy's cap here: small, so that a chain of a few caps stays quick to mine (anvil_mine slows as the chain grows); the rule is the same at any cap. */
const CAP = 100;
/** A contract that emits one LOG0 on any call: runtime 60006000a000 behind a 12-byte constructor. */
const EMITTER_INIT = '0x6006600c60003960066000f360006000a000' as Hex;

let chain: RunningAnvil;
let proxy: CappingProxy;
let emitter: Address;
const logBlocks: bigint[] = [];

async function rpc(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}
const getLogsBody = (fromBlock: string, toBlock: string, id = 1) => ({ jsonrpc: '2.0', id, method: 'eth_getLogs', params: [{ fromBlock, toBlock }] });

beforeAll(async () => {
  chain = await startAnvil(PORT);
  proxy = await startCappingProxy({ target: chain.rpcUrl, cap: CAP });
  const wallet = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: anvilAccount(0) });
  const pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) });
  const deployed = await pub.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ data: EMITTER_INIT }) });
  emitter = deployed.contractAddress!;
  // Logs spread over a chain of ~400 blocks (4 caps): at 2, then after 120, 130 and 149 empty blocks.
  for (const gap of [0, 120, 130, 149]) {
    if (gap > 0) await pub.request({ method: 'anvil_mine' as never, params: [numberToHex(gap)] as never });
    const r = await pub.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: emitter }) });
    logBlocks.push(r.blockNumber);
  }
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await chain?.stop();
});

describe('capping proxy (Besu --rpc-max-logs-range)', () => {
  it('accepts to − from = cap and refuses to − from = cap + 1 with Besu’s error', async () => {
    proxy.reset();
    const ok = (await rpc(proxy.url, getLogsBody('0x0', numberToHex(CAP)))) as { result?: unknown[] };
    expect(Array.isArray(ok.result)).toBe(true);
    const refused = (await rpc(proxy.url, getLogsBody('0x0', numberToHex(CAP + 1), 7))) as { id: number; error?: unknown };
    expect(refused).toEqual({ jsonrpc: '2.0', id: 7, error: BESU_RANGE_ERROR });
    expect(proxy.counts()).toEqual({ eth_getLogs: 2 });
    expect(proxy.rejected()).toBe(1);
  });

  it('resolves block tags against the node; a blockHash filter passes', async () => {
    const wide = (await rpc(proxy.url, getLogsBody('earliest', 'latest'))) as { error?: unknown };
    expect(wide.error).toEqual(BESU_RANGE_ERROR);
    const head = BigInt(((await rpc(chain.rpcUrl, { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] })) as { result: Hex }).result);
    const recent = (await rpc(proxy.url, getLogsBody(numberToHex(head - 10n), 'latest'))) as { result?: { blockNumber: Hex }[] };
    expect(recent.result?.map((l) => BigInt(l.blockNumber))).toEqual([logBlocks.at(-1)]);
    const block = (await rpc(chain.rpcUrl, { jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [numberToHex(logBlocks[0]!), false] })) as {
      result: { hash: Hex };
    };
    const byHash = (await rpc(proxy.url, { jsonrpc: '2.0', id: 1, method: 'eth_getLogs', params: [{ blockHash: block.result.hash }] })) as {
      result?: unknown[];
    };
    expect(byHash.result).toHaveLength(1);
  });

  it('answers a batch call by call, in order, and counts each call', async () => {
    proxy.reset();
    const answer = (await rpc(proxy.url, [
      { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] },
      getLogsBody('0x0', numberToHex(5 * CAP), 2),
      getLogsBody('0x0', numberToHex(CAP - 1), 3),
    ])) as { id: number; result?: unknown; error?: unknown }[];
    expect(answer.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(typeof answer[0]!.result).toBe('string');
    expect(answer[1]!.error).toEqual(BESU_RANGE_ERROR);
    expect(answer[2]!.result).toHaveLength(1);
    expect(proxy.counts()).toEqual({ eth_blockNumber: 1, eth_getLogs: 2 });
    expect(proxy.total()).toBe(3);
    expect(proxy.httpRequests()).toBe(1);
  });

  it('adds the latency it is given (at least that long; no upper bound asserted)', async () => {
    proxy.setLatency(60);
    const t = Date.now();
    await rpc(proxy.url, { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] });
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
    proxy.setLatency(0);
  });

  it('the app’s capped reader reads every log through it, halving what a lower cap than declared refuses', async () => {
    const client = createPublicClient({ chain: anvil, transport: http(proxy.url, { retryCount: 0 }) });
    const head = await client.getBlockNumber();
    // The error as the app sees it (viem over http) is a range rejection.
    const error = await getLogs(client, { address: emitter, fromBlock: 0n, toBlock: head }).catch((e: unknown) => e);
    expect(isRangeRejection(error)).toBe(true);

    proxy.reset();
    const fetch = (r: { from: bigint; to: bigint }) => getLogs(client, { address: emitter, fromBlock: r.from, toBlock: r.to });
    const atCap = await getLogsCapped({ from: 0n, to: head }, BigInt(CAP), fetch);
    expect(atCap.map((l) => l.blockNumber)).toEqual(logBlocks);
    expect(proxy.rejected()).toBe(0);
    expect(proxy.counts().eth_getLogs).toBe(Math.ceil(Number(head + 1n) / CAP));

    proxy.reset();
    proxy.setCap(29); // the node allows less than the chain entry says (ranges of 30 blocks)
    const walk = await forEachLogRange(
      0n,
      head,
      BigInt(CAP),
      fetch,
      (_r, logs) => void expect(logs.every((l) => logBlocks.includes(l.blockNumber))).toBe(true),
    );
    expect(walk.complete).toBe(true);
    expect(walk.rejected).toBe(2); // 100 → 50 → 25 blocks, then kept
    expect(proxy.rejected()).toBe(2);
    expect((await getLogsCapped({ from: 0n, to: head }, BigInt(CAP), fetch)).map((l) => l.blockNumber)).toEqual(logBlocks);
    proxy.setCap(CAP);
  });

  it('a node that is down is not a range rejection: the reader fails at once', async () => {
    const down = await startCappingProxy({ target: 'http://127.0.0.1:9', cap: CAP });
    try {
      const client = createPublicClient({ chain: anvil, transport: http(down.url, { retryCount: 0 }) });
      const error = await getLogsCapped({ from: 0n, to: 5n * BigInt(CAP) }, BigInt(CAP), (r) => getLogs(client, { fromBlock: r.from, toBlock: r.to })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isRangeRejection(error)).toBe(false);
      expect(down.counts().eth_getLogs).toBe(1);
      // And with no proxy at all (nothing listens): viem's HttpRequestError without a status.
      const none = createPublicClient({ chain: anvil, transport: http('http://127.0.0.1:9', { retryCount: 0 }) });
      let calls = 0;
      const refused = await getLogsCapped({ from: 0n, to: 5n * BigInt(CAP) }, BigInt(CAP), (r) => {
        calls++;
        return getLogs(none, { fromBlock: r.from, toBlock: r.to });
      }).catch((e: unknown) => e);
      expect(isRangeRejection(refused)).toBe(false);
      expect(calls).toBe(1);
    } finally {
      await down.close();
    }
  });
});
