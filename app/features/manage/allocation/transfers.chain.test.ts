// The allocation table's net transfers against a real chain: donations, the pool in and out, read
// in ranges much smaller than the cycle's blocks, give each member's net exactly; a range the node
// fails fails the whole read (no partial net).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, custom, http, keccak256, numberToHex, toHex, type Address, type Hex } from 'viem';
import { anvil } from 'viem/chains';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { anvilAccount } from '../../../../scripts/lib/accounts.ts';
import { startAnvil, type RunningAnvil } from '../../../../scripts/lib/anvil.ts';
import { createDemoCommunity, DEMO_CYCLES, DEMO_SETTINGS, DEMO_UNITS } from '../../../../scripts/lib/demo-community.ts';
import { deployRegistry, makeClients, type Clients } from '../../../../scripts/lib/deploy.ts';
import { readNetTransfers } from './transfers.ts';

const PORT = Number(process.env.TRANSFERS_TEST_CHAIN_PORT ?? 8723);
const NO_MESSAGE = `0x${'00'.repeat(32)}` as Hex;
let chain: RunningAnvil;
let manager: Clients;
let community: Address;
let market: Address;
let cycle: number;
let span: { from: bigint; to: bigint };
let expected: Map<number, bigint>;

async function sent(c: Clients, hash: Promise<Hex>) {
  const r = await c.publicClient.waitForTransactionReceipt({ hash: await hash });
  if (r.status !== 'success') throw new Error('reverted');
}

async function emptyBlocks(n: number) {
  await manager.publicClient.request({ method: 'anvil_mine' as never, params: [numberToHex(n)] as never });
}

beforeAll(async () => {
  chain = await startAnvil(PORT);
  manager = makeClients(chain.rpcUrl, anvil, anvilAccount(0));
  const member = (i: number) => makeClients(chain.rpcUrl, anvil, anvilAccount(i + 1));
  const { registry } = await deployRegistry(manager);
  community = await createDemoCommunity(
    registry,
    manager,
    DEMO_UNITS.map((_, i) => anvilAccount(i + 1).address),
  );
  market = (await manager.publicClient.readContract({ address: community, abi: communityAbi, functionName: 'market' })) as Address;
  cycle = await manager.publicClient.readContract({ address: community, abi: communityAbi, functionName: 'openCycle' });
  const w = (c: Clients) => c.walletClient;
  // The donors: the two units with the most credits banked after the demo's year.
  const balances = await Promise.all(
    DEMO_UNITS.map((_, i) => manager.publicClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [i] })),
  );
  const [a, b] = balances
    .map((m, i) => ({ i, wh: m.balanceWh }))
    .sort((x, y) => (y.wh > x.wh ? 1 : -1))
    .map((x) => x.i);
  if (a === undefined || b === undefined || balances[b]!.balanceWh < 2_000n) throw new Error('the demo banks too little');
  const [to, assignee] = DEMO_UNITS.map((_, i) => i).filter((i) => i !== a && i !== b);
  if (to === undefined || assignee === undefined) throw new Error('too few units');
  expected = new Map([
    [a, -2_000n],
    [to, 2_000n],
    [b, -1_500n],
    [assignee, 1_000n],
  ]);
  // The open cycle: unit a gives unit `to` 2 kWh, unit b gives the pool 1.5 kWh, the manager
  // assigns 1 kWh of it to a fourth unit; empty blocks between them make the cycle span many ranges of 10 blocks.
  await emptyBlocks(17);
  const m0 = member(a);
  await sent(m0, w(m0).writeContract({ address: community, abi: communityAbi, functionName: 'donate', args: [to, 2_000n, NO_MESSAGE] }));
  await emptyBlocks(23);
  const m2 = member(b);
  await sent(m2, w(m2).writeContract({ address: community, abi: communityAbi, functionName: 'donateToPool', args: [1_500n, NO_MESSAGE] }));
  await emptyBlocks(11);
  await sent(
    manager,
    w(manager).writeContract({ address: community, abi: communityAbi, functionName: 'assignFromPool', args: [assignee, 1_000n, keccak256(toHex('outro'))] }),
  );
  await emptyBlocks(29);
  // Close it as the demo closes its months.
  const last = DEMO_CYCLES.at(-1)!;
  await sent(
    manager,
    w(manager).writeContract({
      address: community,
      abi: communityAbi,
      functionName: 'postGeneration',
      args: [cycle, BigInt(DEMO_SETTINGS.plantCapacityW) * BigInt(last.yieldKwhPerKwp)],
    }),
  );
  await sent(
    manager,
    w(manager).writeContract({
      address: community,
      abi: communityAbi,
      functionName: 'postReadings',
      args: [cycle, DEMO_UNITS.map((_, i) => i), DEMO_UNITS.map((u) => BigInt(u.baseKwh) * 1000n)],
    }),
  );
  await sent(manager, w(manager).writeContract({ address: community, abi: communityAbi, functionName: 'closeCycle', args: [cycle, 0] }));
  const info = (c: number) => manager.publicClient.readContract({ address: community, abi: communityAbi, functionName: 'cycleInfo', args: [c] });
  const [prev, closed] = await Promise.all([info(last.cycle), info(cycle)]);
  expect(closed.closed).toBe(true);
  span = { from: prev.closeEndBlock, to: closed.closeEndBlock };
}, 120_000);

/** A client of the test chain that shows each eth_getLogs filter to `onGetLogs` (which may throw) first. */
function watched(onGetLogs: (filter: { fromBlock: Hex; toBlock: Hex }) => void) {
  const node = http(chain.rpcUrl)({ chain: anvil });
  return createPublicClient({
    chain: anvil,
    transport: custom({
      request: async ({ method, params }) => {
        if (method === 'eth_getLogs') onGetLogs((params as [{ fromBlock: Hex; toBlock: Hex }])[0]);
        return node.request({ method, params } as never);
      },
    }),
  });
}

afterAll(async () => {
  await chain?.stop();
});

describe('readNetTransfers', () => {
  it('sums donations and the pool per member, read in ranges of 10 blocks', async () => {
    expect(span.to - span.from).toBeGreaterThan(80n);
    const calls: [bigint, bigint][] = [];
    const client = watched((f) => {
      calls.push([BigInt(f.fromBlock), BigInt(f.toBlock)]);
      expect(BigInt(f.toBlock) - BigInt(f.fromBlock) + 1n).toBeLessThanOrEqual(10n);
    });
    const net = await readNetTransfers(client, { community, market, cycle, span, cap: 10n });
    expect(net).toEqual(expected);
    // Two queries per range (the community's three transfer events in one, the market's fills).
    const ranges = Math.ceil(Number(span.to - span.from + 1n) / 10);
    expect(calls).toHaveLength(2 * ranges);
  });

  it('one range gives the same', async () => {
    const net = await readNetTransfers(manager.publicClient, { community, market, cycle, span, cap: 100_000n });
    expect(net).toEqual(expected);
  });

  it('a range the node fails fails the whole read: no partial net', async () => {
    let n = 0;
    const client = watched(() => {
      if (++n >= 5) throw new Error('node down'); // from the 5th on, retries included
    });
    await expect(readNetTransfers(client, { community, market, cycle, span, cap: 10n })).rejects.toThrow();
  });
});
