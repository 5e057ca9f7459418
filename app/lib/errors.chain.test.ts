// The bad inputs of the foundation issue against a real local chain: each call is simulated (as
// the app does before a wallet opens), reverts with a named error, and the app's translator turns
// it into a plain sentence. Nothing is half-applied: state is read back after each revert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { anvil } from 'viem/chains';
import { communityAbi } from '../../contracts-abi/abis.ts';
import { anvilAccount } from '../../scripts/lib/accounts.ts';
import { startAnvil, type RunningAnvil } from '../../scripts/lib/anvil.ts';
import { createDemoCommunity, DEMO_UNITS } from '../../scripts/lib/demo-community.ts';
import { deployRegistry, makeClients, type Clients } from '../../scripts/lib/deploy.ts';
import { describeError } from './errors.ts';
import { loadDictionary } from './i18n.ts';

let chain: RunningAnvil;
let manager: Clients;
let stranger: Clients;
let community: Address;

beforeAll(async () => {
  await loadDictionary('en');
  chain = await startAnvil(8547);
  manager = makeClients(chain.rpcUrl, anvil, anvilAccount(0));
  stranger = makeClients(chain.rpcUrl, anvil, anvilAccount(9));
  const { registry } = await deployRegistry(manager);
  community = await createDemoCommunity(
    registry,
    manager,
    DEMO_UNITS.map((_, i) => anvilAccount(i + 1).address),
  );
}, 60_000);

afterAll(async () => {
  await chain?.stop();
});

async function sentenceOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have reverted').toBeDefined();
  return { pt: describeError(error, 'pt-BR'), en: describeError(error, 'en') };
}

const read = <T>(functionName: 'openCycle' | 'totalSharePpm' | 'memberCount' | 'shareSchedule') =>
  manager.publicClient.readContract({ address: community, abi: communityAbi, functionName }) as Promise<T>;

describe('bad manager input is refused with a clear sentence (real anvil)', () => {
  it('readings for an unknown member', async () => {
    const s = await sentenceOf(
      manager.publicClient.simulateContract({
        account: manager.walletClient.account,
        address: community,
        abi: communityAbi,
        functionName: 'postReadings',
        args: [202611, [0, 42], [100_000n, 200_000n]],
      }),
    );
    expect(s.pt).toMatch(/42/);
    expect(s.pt).toMatch(/membro|unidade/i);
    expect(s.en).toMatch(/member/i);
  });

  it('a cycle out of order', async () => {
    const s = await sentenceOf(
      manager.publicClient.simulateContract({
        account: manager.walletClient.account,
        address: community,
        abi: communityAbi,
        functionName: 'postGeneration',
        args: [202701, 3_000_000n],
      }),
    );
    expect(s.pt).toContain('01/2027');
    expect(s.pt).toContain('11/2026');
    expect(await read<number>('openCycle')).toBe(202611);
  });

  it('a second close of a closed cycle', async () => {
    const s = await sentenceOf(
      manager.publicClient.simulateContract({
        account: manager.walletClient.account,
        address: community,
        abi: communityAbi,
        functionName: 'closeCycle',
        args: [202610, 0],
      }),
    );
    expect(s.pt).toContain('10/2026');
    expect(s.en).toMatch(/closed/i);
  });

  it('a new table that does not sum to 100 %', async () => {
    // Unit 0 from 20 % to 15 %, nobody else changed: 95 %. Refused, and nothing is scheduled.
    const s = await sentenceOf(
      manager.publicClient.simulateContract({
        account: manager.walletClient.account,
        address: community,
        abi: communityAbi,
        functionName: 'scheduleShares',
        args: [[0], [150_000], 202612, 20261120, `0x${'ab'.repeat(32)}`],
      }),
    );
    expect(s.pt).toMatch(/95 ?%/);
    expect(s.pt).toMatch(/100 ?%/);
    expect(await read<number>('totalSharePpm')).toBe(1_000_000);
    expect((await read<{ pending: boolean }>('shareSchedule')).pending).toBe(false);
  });

  it('a share changed mid-cycle after the first close', async () => {
    const s = await sentenceOf(
      manager.publicClient.simulateContract({
        account: manager.walletClient.account,
        address: community,
        abi: communityAbi,
        functionName: 'setShares',
        args: [
          [0, 1],
          [150_000, 250_000],
        ],
      }),
    );
    expect(s.pt).toContain('protocolado na distribuidora');
    expect(s.en).toMatch(/filed with the distributor/);
    expect(await read<number>('totalSharePpm')).toBe(1_000_000);
  });

  it('a call from someone who is not the manager', async () => {
    const s = await sentenceOf(
      stranger.publicClient.simulateContract({
        account: stranger.walletClient.account,
        address: community,
        abi: communityAbi,
        functionName: 'addMember',
        args: [stranger.walletClient.account.address, `0x${'11'.repeat(32)}`, 0, 0, 'Intruso'],
      }),
    );
    expect(s.pt).toMatch(/gestor|síndico/i);
    expect(s.en).toMatch(/manager/i);
    expect(await read<number>('memberCount')).toBe(6);
  });
});
