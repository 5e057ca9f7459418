// Benchmark of the member history loader (app/lib/logs): a fresh anvil with the demo condominium,
// donations back and forth between units A and B (anvil accounts 1 and 2) until unit A has ~100
// history events, then re-posted readings of unit A until it has ~10,000; loads A's history cold (empty cache) and warm (second load with
// the cache), counting JSON-RPC calls. Run: npm run bench:history
import { encodeFunctionData, type Address } from 'viem';
import { anvil } from 'viem/chains';
import { communityAbi } from '../contracts-abi/abis.ts';
import { memoryStore, historyKey } from '../app/lib/logs/cache.ts';
import { loadHistory, type RpcClient } from '../app/lib/logs/loader.ts';
import { anvilAccount } from './lib/accounts.ts';
import { makeClients } from './lib/deploy.ts';
import { memberIndex, startLocalCommunity } from './lib/local-community.ts';

const PORT = Number(process.env.BENCH_HISTORY_PORT ?? 8570);
const CHUNK = BigInt(process.env.BENCH_HISTORY_CHUNK ?? 5000);

async function main() {
  const t0 = Date.now();
  const { chain, deployment } = await startLocalCommunity(PORT);
  try {
    const community = deployment.demoCommunity as Address;
    const a = makeClients(chain.rpcUrl, anvil, anvilAccount(memberIndex(0)));
    const b = makeClients(chain.rpcUrl, anvil, anvilAccount(memberIndex(1)));
    const [, idA] = await a.publicClient.readContract({
      address: community,
      abi: communityAbi,
      functionName: 'memberIdOf',
      args: [a.walletClient.account!.address],
    });
    const [, idB] = await a.publicClient.readContract({
      address: community,
      abi: communityAbi,
      functionName: 'memberIdOf',
      args: [b.walletClient.account!.address],
    });
    const nonces = new Map<unknown, number>();
    for (const c of [a, b]) nonces.set(c, await c.publicClient.getTransactionCount({ address: c.walletClient.account!.address }));
    const rpc = (method: string, params: unknown[] = []) => a.publicClient.request({ method, params } as never);

    /**
     * `n` donations of 1 Wh alternating A→B, B→A (each one is an event in A's history), one per
     * block (anvil automine), with `gapBlocks` empty blocks after every 100 (a real chain has many
     * blocks with nothing for this member).
     */
    async function donations(n: number, gapBlocks = 0) {
      const start = await a.publicClient.getBlockNumber();
      let mined = 0;
      for (let i = 0; i < n; i++) {
        const [from, to] = i % 2 === 0 ? [a, idB] : [b, idA];
        const nonce = nonces.get(from)!;
        nonces.set(from, nonce + 1);
        await from.walletClient.sendTransaction({
          account: from.walletClient.account!,
          chain: anvil,
          to: community,
          data: encodeFunctionData({ abi: communityAbi, functionName: 'donate', args: [to, 1n, `0x${'00'.repeat(32)}`] }),
          gas: 200_000n,
          maxFeePerGas: 50_000_000_000n,
          maxPriorityFeePerGas: 1n,
          nonce,
        });
        mined++;
        if ((i + 1) % 100 === 0 || i === n - 1) {
          const expected = start + BigInt(mined) + BigInt(Math.floor(i / 100) * gapBlocks);
          let block = await a.publicClient.getBlockNumber();
          for (let k = 0; k < 100 && block < expected; k++) {
            await new Promise((r) => setTimeout(r, 20)); // automine answers before the block is sealed
            block = await a.publicClient.getBlockNumber();
          }
          if (block !== expected) throw new Error(`after ${i + 1} donations the chain is at block ${block}, expected ${expected}: some were not mined`);
          process.stdout.write(`  ${i + 1} donations…\r`);
          if (gapBlocks > 0 && i !== n - 1) await rpc('anvil_mine', [`0x${gapBlocks.toString(16)}`]);
        }
      }
    }

    async function measure(label: string, store = memoryStore()) {
      const calls: string[] = [];
      const client: RpcClient = {
        request: (args) => {
          calls.push(args.method);
          return a.publicClient.request(args as Parameters<typeof a.publicClient.request>[0]);
        },
      };
      const key = historyKey(anvil.id, community, idA);
      const run = async (kind: string) => {
        calls.length = 0;
        const t = performance.now();
        const r = await loadHistory({ client, community, memberId: idA, startBlock: BigInt(deployment.registryBlock), chunkSize: CHUNK, store, key });
        const ms = performance.now() - t;
        const getLogs = calls.filter((m) => m === 'eth_getLogs').length;
        console.log(
          `${label.padEnd(14)} ${kind.padEnd(5)} events=${String(r.rows.length).padStart(6)} blocks=${r.readFrom}..${r.lastBlock} time=${ms.toFixed(0).padStart(6)} ms  rpc calls=${calls.length} (eth_getLogs ${getLogs})`,
        );
        return r;
      };
      await run('cold');
      await run('warm');
    }

    const base = (await loadHistory({ client: a.publicClient as unknown as RpcClient, community, memberId: idA, startBlock: BigInt(deployment.registryBlock) }))
      .rows.length;
    console.log(`seeded: unit A (member ${idA}) has ${base} events; chunk ${CHUNK} blocks`);
    let t = Date.now();
    await donations(Math.max(0, 100 - base));
    console.log(`generated ${Math.max(0, 100 - base)} donations in ${Date.now() - t} ms`);
    await measure('~100 events');

    // To reach 10,000 quickly: the manager re-posts unit A's reading of the open cycle (allowed until
    // the close; each post is a ReadingPosted event in A's history), 100 per transaction, with 100
    // empty blocks after each transaction so the history spans ~10,000 blocks as on a real chain.
    t = Date.now();
    const target = Number(process.env.BENCH_HISTORY_EVENTS ?? 10_000);
    const manager = makeClients(chain.rpcUrl, anvil, anvilAccount(0));
    const cycle = await a.publicClient.readContract({ address: community, abi: communityAbi, functionName: 'openCycle' });
    const perTx = 100;
    let posted = 0;
    for (let i = 0; posted < target - 100; i++) {
      const k = Math.min(perTx, target - 100 - posted);
      const hash = await manager.walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'postReadings',
        args: [cycle, Array.from({ length: k }, () => idA), Array.from({ length: k }, (_, j) => BigInt(100_000 + i * perTx + j))],
      });
      const receipt = await manager.publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error('postReadings reverted');
      posted += k;
      await rpc('anvil_mine', ['0x64']);
      process.stdout.write(`  ${posted} readings…\r`);
    }
    console.log(`generated ${posted} reading events in ${Date.now() - t} ms`);
    await measure(`~${target} events`);
    console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await chain.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
