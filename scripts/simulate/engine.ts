// The experiment: a community's year (or more) played on a real local chain. Every step is a real
// transaction through the typed ABIs the app uses; figures come back from the contracts' events.
import {
  decodeEventLog,
  keccak256,
  encodePacked,
  toHex,
  type Address,
  type Hex,
  type TransactionReceipt,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import { communityAbi, communityRegistryAbi } from '../../contracts-abi/abis.ts';
import { anvilAccount } from '../lib/accounts.ts';
import { startAnvil } from '../lib/anvil.ts';
import { FIO_B_SCHEDULE, ucCommitment } from '../lib/demo-community.ts';
import { deployRegistry, makeClients, type Clients } from '../lib/deploy.ts';
import { PROFILES } from './households.ts';
import { rng, type Rng } from './random.ts';
import { CITIES, yieldWhPerKwp, type CityKey } from './solar-yield.ts';

export interface SimOptions {
  members: number;
  months: number;
  city: CityKey;
  seed: number;
  startCycle: number;
  port: number;
  log?: (line: string) => void;
}

export interface MemberFigures {
  profile: string;
  sharePpm: number;
  consumedWh: bigint;
  compensatedWh: bigint;
  billMicroBrl: bigint;
  noSolarMicroBrl: bigint;
  expiredWh: bigint;
  endBalanceWh: bigint;
}

export interface MonthFigures {
  cycle: number;
  generatedWh: bigint;
  consumedWh: bigint;
  compensatedWh: bigint;
  expiredWh: bigint;
  bankedWh: bigint; // Σ balances after the close
  transfersWh: bigint; // credits moved between members this month
}

export interface RunFigures {
  label: string;
  months: MonthFigures[];
  members: MemberFigures[];
  gasByOp: Record<string, number[]>;
  allocationChanges: number;
}

export interface SimResult {
  options: Omit<SimOptions, 'log' | 'port'>;
  plantW: number;
  community: Address;
  strategies: RunFigures;
  baseline: RunFigures;
}

const MAX_READINGS_PER_TX = 200;
const MAX_CLOSE_PER_TX = 250;
const PPM = 1_000_000;

function nextCycle(cycle: number): number {
  const y = Math.floor(cycle / 100);
  const m = cycle % 100;
  return m === 12 ? (y + 1) * 100 + 1 : cycle + 1;
}

/** Shares proportional to weights, in ppm, summing to exactly 1,000,000 (largest remainder). */
export function sharesFromWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w * PPM) / total);
  const floors = raw.map(Math.floor);
  let rest = PPM - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
  }
  return floors;
}

interface Member {
  id: number;
  key: Hex;
  address: Address;
  profileIndex: number;
  sharePpm: number;
}

export async function runSimulation(opts: SimOptions): Promise<SimResult> {
  const log = opts.log ?? (() => {});
  const chain = await startAnvil(opts.port);
  try {
    const manager = makeClients(chain.rpcUrl, anvil, anvilAccount(0));
    const { publicClient, walletClient } = manager;
    const r = rng(opts.seed);

    // Members: deterministic keys from the seed; profiles drawn at random; equal shares (as many
    // condominiums split by ideal fraction, not by use: domain.md §6's lesson) and a plant sized
    // to cover ~105 % of the community's use — so small households bank credits and large ones
    // fall short, which is what transfers are for.
    const members: Member[] = [];
    for (let i = 0; i < opts.members; i++) {
      const key = keccak256(encodePacked(['string', 'uint256', 'uint256'], ['compartilha-sim', BigInt(opts.seed), BigInt(i)]));
      members.push({ id: i, key, address: privateKeyToAccount(key).address, profileIndex: r.int(0, PROFILES.length - 1), sharePpm: 0 });
    }
    const weights = members.map((m) => PROFILES[m.profileIndex]!.baseKwh);
    const shares = sharesFromWeights(members.map(() => 1));
    members.forEach((m, i) => (m.sharePpm = shares[i]!));
    const avgYieldKwhPerKwp =
      Array.from({ length: 12 }, (_, k) => Number(yieldWhPerKwp(opts.city, k + 1))).reduce((a, b) => a + b, 0) / 12 / 1000;
    const plantW = Math.round(((weights.reduce((a, b) => a + b, 0) * 1.05) / avgYieldKwhPerKwp) * 1000);

    const gasByOp: Record<string, number[]> = {};
    const send = async (op: string, c: Clients, hashP: Promise<Hex>): Promise<TransactionReceipt> => {
      const receipt = await c.publicClient.waitForTransactionReceipt({ hash: await hashP });
      if (receipt.status !== 'success') throw new Error(`${op} reverted`);
      (gasByOp[op] ??= []).push(Number(receipt.gasUsed));
      return receipt;
    };

    const { registry } = await deployRegistry(manager);
    const created = await send(
      'createCommunity',
      manager,
      walletClient.writeContract({
        address: registry,
        abi: communityRegistryAbi,
        functionName: 'createCommunity',
        args: [
          {
            name: `Simulação ${CITIES[opts.city].name}`,
            distributor: 'Distribuidora simulada',
            plantCapacityW: plantW,
            regime: 1,
            fullTariffMicroBrlPerKwh: 800_000n,
            fioBMicroBrlPerKwh: 280_000n,
            paymentToken: '0x0000000000000000000000000000000000000000',
            tradingPolicy: 0,
          },
          FIO_B_SCHEDULE,
          opts.startCycle,
        ],
      }),
    );
    let community: Address | undefined;
    for (const l of created.logs) {
      try {
        const e = decodeEventLog({ abi: communityRegistryAbi, data: l.data, topics: l.topics });
        if (e.eventName === 'CommunityCreated') community = e.args.community;
      } catch {
        /* not the registry's */
      }
    }
    if (!community) throw new Error('no CommunityCreated');
    const address = community;

    for (const m of members) {
      const uc = `SIM${String(m.id).padStart(7, '0')}`;
      await send(
        'addMember',
        manager,
        walletClient.writeContract({
          address,
          abi: communityAbi,
          functionName: 'addMember',
          args: [m.address, ucCommitment(keccak256(toHex(uc)), uc), PROFILES[m.profileIndex]!.connection, m.sharePpm, `Unidade ${m.id + 1}`],
        }),
      );
      await publicClient.request({ method: 'anvil_setBalance' as never, params: [m.address, toHex(10n ** 20n)] as never });
    }
    log(`community ${address}: ${members.length} members, plant ${(plantW / 1000).toFixed(1)} kWp`);

    // Both runs start from the same chain state: the strategies run, then a revert, then the
    // baseline with no transfers between members.
    const snapshot = (await publicClient.request({ method: 'evm_snapshot' as never })) as Hex;
    const strategies = await playMonths('with donations between members', true);
    await publicClient.request({ method: 'evm_revert' as never, params: [snapshot] as never });
    const baseline = await playMonths('without transfers', false);

    return {
      options: { members: opts.members, months: opts.months, city: opts.city, seed: opts.seed, startCycle: opts.startCycle },
      plantW,
      community: address,
      strategies,
      baseline,
    };

    async function playMonths(label: string, withStrategies: boolean): Promise<RunFigures> {
      const monthRng: Rng = rng(opts.seed * 7919 + 17); // same consumption in both runs
      const before = Object.fromEntries(Object.entries(gasByOp).map(([k, v]) => [k, v.length]));
      const months: MonthFigures[] = [];
      const perMember: MemberFigures[] = members.map((m) => ({
        profile: PROFILES[m.profileIndex]!.name,
        sharePpm: m.sharePpm,
        consumedWh: 0n,
        compensatedWh: 0n,
        billMicroBrl: 0n,
        noSolarMicroBrl: 0n,
        expiredWh: 0n,
        endBalanceWh: 0n,
      }));
      const balances = new Map<number, bigint>();
      let allocationChanges = 0;
      let previousTable = '';
      let cycle = opts.startCycle;

      for (let k = 0; k < opts.months; k++, cycle = nextCycle(cycle)) {
        const month = cycle % 100;
        const generatedWh = (BigInt(plantW) * yieldWhPerKwp(opts.city, month)) / 1000n;
        const consumption = members.map((m) => {
          const p = PROFILES[m.profileIndex]!;
          return BigInt(Math.round(p.baseKwh * (p.season[month - 1]! / 100) * monthRng.noise(0.1) * 1000));
        });

        await send('postGeneration', manager, walletClient.writeContract({ address, abi: communityAbi, functionName: 'postGeneration', args: [cycle, generatedWh] }));
        for (let i = 0; i < members.length; i += MAX_READINGS_PER_TX) {
          const ids = members.slice(i, i + MAX_READINGS_PER_TX).map((m) => m.id);
          await send(
            'postReadings',
            manager,
            walletClient.writeContract({ address, abi: communityAbi, functionName: 'postReadings', args: [cycle, ids, ids.map((id) => consumption[id]!)] }),
          );
        }
        const settledLogs: TransactionReceipt['logs'] = [];
        for (let done = false; !done; ) {
          const receipt = await send(
            'closeCycle',
            manager,
            walletClient.writeContract({ address, abi: communityAbi, functionName: 'closeCycle', args: [cycle, MAX_CLOSE_PER_TX] }),
          );
          settledLogs.push(...receipt.logs);
          done = (await publicClient.readContract({ address, abi: communityAbi, functionName: 'openCycle' })) !== cycle;
        }
        const mf: MonthFigures = { cycle, generatedWh, consumedWh: 0n, compensatedWh: 0n, expiredWh: 0n, bankedWh: 0n, transfersWh: 0n };
        for (const l of settledLogs) {
          const e = decodeEventLog({ abi: communityAbi, data: l.data, topics: l.topics });
          if (e.eventName !== 'MemberSettled') continue;
          const s = e.args.settlement;
          const f = perMember[e.args.memberId]!;
          f.consumedWh += s.consumedWh;
          f.compensatedWh += s.compensatedWh;
          f.billMicroBrl += s.billMicroBrl;
          f.noSolarMicroBrl += s.noSolarBillMicroBrl;
          f.expiredWh += s.expiredWh;
          balances.set(e.args.memberId, s.balanceWh);
          mf.consumedWh += s.consumedWh;
          mf.compensatedWh += s.compensatedWh;
          mf.expiredWh += s.expiredWh;
        }

        if (withStrategies) mf.transfersWh = await rebalance(cycle, consumption, balances);
        mf.bankedWh = [...balances.values()].reduce((a, b) => a + b, 0n);

        // The allocation table the manager would file: base shares adjusted by this month's net
        // transfers (the rule of the manager console), compared with last month's.
        const table = members.map((m) => m.sharePpm).join(',') + (mf.transfersWh > 0n ? `|${cycle}` : '');
        if (previousTable && table !== previousTable) allocationChanges++;
        previousTable = table;
        months.push(mf);
        log(`${label}: ${String(month).padStart(2, '0')}/${Math.floor(cycle / 100)} closed`);
      }
      for (const [id, b] of balances) perMember[id]!.endBalanceWh = b;
      const ops: Record<string, number[]> = {};
      for (const [op, all] of Object.entries(gasByOp)) ops[op] = all.slice(before[op] ?? 0);
      return { label, months, members: perMember, gasByOp: ops, allocationChanges };
    }

    /**
     * Simple strategies: members banking more than a month of their use give the excess
     * (surplus sellers); the largest gives a tenth to the solidarity pool (the donor); the manager
     * assigns the pool to the member with the largest deficit; the rest goes to members in deficit
     * (deficit buyers), largest deficit first.
     */
    async function rebalance(cycle: number, consumption: bigint[], balances: Map<number, bigint>): Promise<bigint> {
      let moved = 0n;
      const deficits = members
        .map((m) => ({ m, deficit: consumption[m.id]! - (balances.get(m.id) ?? 0n) }))
        .filter((d) => d.deficit > 0n)
        .sort((a, b) => (b.deficit > a.deficit ? 1 : b.deficit < a.deficit ? -1 : a.m.id - b.m.id));
      const surplus = members
        .map((m) => ({ m, excess: (balances.get(m.id) ?? 0n) - consumption[m.id]! }))
        .filter((s) => s.excess > 1_000n)
        .sort((a, b) => (b.excess > a.excess ? 1 : b.excess < a.excess ? -1 : a.m.id - b.m.id));
      for (const [i, s] of surplus.entries()) {
        const c = makeClients(chain.rpcUrl, anvil, privateKeyToAccount(s.m.key));
        let excess = s.excess;
        if (i === 0) {
          const gift = excess / 10n;
          if (gift > 0n) {
            await send('donateToPool', c, c.walletClient.writeContract({ address: community!, abi: communityAbi, functionName: 'donateToPool', args: [gift, keccak256(toHex('solidariedade'))] }));
            excess -= gift;
            const target = deficits[0];
            if (target) {
              await send('assignFromPool', manager, walletClient.writeContract({ address: community!, abi: communityAbi, functionName: 'assignFromPool', args: [target.m.id, gift, keccak256(toHex('tarifa social'))] }));
              balances.set(target.m.id, (balances.get(target.m.id) ?? 0n) + gift);
              target.deficit -= gift;
            }
            balances.set(s.m.id, (balances.get(s.m.id) ?? 0n) - gift);
            moved += gift;
          }
        }
        for (const d of deficits) {
          if (excess <= 0n) break;
          if (d.deficit <= 0n || d.m.id === s.m.id) continue;
          const amount = excess < d.deficit ? excess : d.deficit;
          await send('donate', c, c.walletClient.writeContract({ address: community!, abi: communityAbi, functionName: 'donate', args: [d.m.id, amount, keccak256(toHex(`ciclo ${cycle}`))] }));
          excess -= amount;
          d.deficit -= amount;
          balances.set(s.m.id, (balances.get(s.m.id) ?? 0n) - amount);
          balances.set(d.m.id, (balances.get(d.m.id) ?? 0n) + amount);
          moved += amount;
        }
      }
      return moved;
    }
  } finally {
    await chain.stop();
  }
}
