// The experiment: a community's year (or more) played on a real local chain. Every step is a real
// transaction through the typed ABIs the app uses; figures come back from the contracts' events.
import { decodeEventLog, keccak256, encodePacked, toHex, type Address, type Hex, type TransactionReceipt } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import { communityAbi, communityMarketAbi, communityRegistryAbi, demoBrlAbi } from '../../contracts-abi/abis.ts';
import { allocationTable } from '../../app/features/manage/allocation/allocationTable.ts';
import { anvilAccount } from '../lib/accounts.ts';
import { startAnvil } from '../lib/anvil.ts';
import { FIO_B_SCHEDULE, ucCommitment } from '../lib/demo-community.ts';
import { deployDemoBrl, deployRegistry, makeClients, type Clients } from '../lib/deploy.ts';
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
  /**
   * `batched` (the default): each step of a month goes out at once and is mined together;
   * `per-transaction`: one transaction per block, as the chain's automine does (for comparison).
   */
  mining?: 'batched' | 'per-transaction';
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
  transfersWh: bigint; // credits moved between members this month (trades + donations)
  tradedWh: bigint; // of which bought and sold on the market
  tokenVolume: bigint; // dBRL base units paid for them
}

export interface RunFigures {
  label: string;
  months: MonthFigures[];
  members: MemberFigures[];
  gasByOp: Record<string, number[]>;
  allocationChanges: number;
}

export interface SimResult {
  options: Omit<SimOptions, 'log' | 'port' | 'mining'>;
  plantW: number;
  community: Address;
  strategies: RunFigures;
  baseline: RunFigures;
  /** Blocks mined and transactions in them, both runs and the setup. */
  mining: { blocks: number; transactions: number };
}

const MAX_READINGS_PER_TX = 200;
const MAX_CLOSE_PER_TX = 250;
/** Strategy prices, dBRL (18 decimals) per kWh: sellers ask R$ 0,40, buyers bid up to R$ 0,50. */
const ASK_PER_KWH = 40n * 10n ** 16n;
const BID_PER_KWH = 50n * 10n ** 16n;
const MAX_FILLS = 8;
const SELL = 1;
const BUY = 0;
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
  // Blocks big enough for a month's batch of a large community (the simulation measures the
  // contracts' gas, not the block limit; the close's own batches stay at 250 members).
  const chain = await startAnvil(opts.port, { ephemeral: true, fifo: true, gasLimit: 2_000_000_000 });
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
    const avgYieldKwhPerKwp = Array.from({ length: 12 }, (_, k) => Number(yieldWhPerKwp(opts.city, k + 1))).reduce((a, b) => a + b, 0) / 12 / 1000;
    const plantW = Math.round(((weights.reduce((a, b) => a + b, 0) * 1.05) / avgYieldKwhPerKwp) * 1000);

    const gasByOp: Record<string, number[]> = {};
    // Transactions skip gas estimation (a batch is estimated against a state it has not reached
    // yet; a failed transaction still reverts and is reported) and are mined together: the chain
    // runs with automine off and FIFO order, every step of a month goes out at once and is mined
    // into as few blocks as the gas limit allows. Mining one transaction per block made the wall
    // time per member grow with N (state roots of an ever larger state, once per transaction).
    const FAST = { gas: 1_000_000n, maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 1n } as const;
    const HEAVY = { ...FAST, gas: 15_000_000n } as const;
    const memberClients = new Map<number, Clients>();
    const clientOf = (m: Member): Clients => {
      let c = memberClients.get(m.id);
      if (!c) {
        c = makeClients(chain.rpcUrl, anvil, privateKeyToAccount(m.key));
        memberClients.set(m.id, c);
      }
      return c;
    };
    const mining = { blocks: 0, transactions: 0 };
    const batch: { op: string; hash: Hex; then?: (r: TransactionReceipt) => void }[] = [];
    /** Sends now (the node answers with the hash), mines with the rest of the batch in `mine()`. */
    const send = async (op: string, hashP: Promise<Hex>, then?: (r: TransactionReceipt) => void): Promise<void> => {
      batch.push({ op, hash: await hashP, then });
      if (opts.mining === 'per-transaction') await mine();
    };
    const mine = async (): Promise<void> => {
      const sent = batch.splice(0);
      let waiting = sent.length;
      while (waiting > 0) {
        await publicClient.request({ method: 'evm_mine' as never });
        mining.blocks++;
        const status = (await publicClient.request({ method: 'txpool_status' as never })) as { pending: Hex; queued: Hex };
        const left = Number(BigInt(status.pending) + BigInt(status.queued));
        if (left >= waiting) throw new Error(`a block took none of the ${left} waiting transactions`);
        waiting = left;
      }
      mining.transactions += sent.length;
      for (let i = 0; i < sent.length; i += 50) {
        const part = sent.slice(i, i + 50);
        const receipts = await Promise.all(part.map((t) => publicClient.getTransactionReceipt({ hash: t.hash })));
        part.forEach((t, k) => {
          const receipt = receipts[k]!;
          if (receipt.status !== 'success') throw new Error(`${t.op} reverted`);
          (gasByOp[t.op] ??= []).push(Number(receipt.gasUsed));
          t.then?.(receipt);
        });
      }
    };

    const { registry } = await deployRegistry(manager);
    const token = await deployDemoBrl(manager);
    await publicClient.request({ method: 'evm_setAutomine' as never, params: [false] as never });
    let created: TransactionReceipt | undefined;
    await send(
      'createCommunity',
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
            paymentToken: token,
            tradingPolicy: 1, // priced orders: the experiment measures what trading changes
            gd2BelowMinimum: 0, // DownToMinimum, the default: no credits spent under the minimum
            minOrderWh: 0,
          },
          FIO_B_SCHEDULE,
          opts.startCycle,
        ],
        ...HEAVY,
      }),
      (r) => (created = r),
    );
    await mine();
    let community: Address | undefined;
    for (const l of created!.logs) {
      try {
        const e = decodeEventLog({ abi: communityRegistryAbi, data: l.data, topics: l.topics });
        if (e.eventName === 'CommunityCreated') community = e.args.community;
      } catch {
        /* not the registry's */
      }
    }
    if (!community) throw new Error('no CommunityCreated');
    const address = community;
    const market = (await publicClient.readContract({ address, abi: communityAbi, functionName: 'market' })) as Address;

    for (const m of members) {
      await publicClient.request({ method: 'anvil_setBalance' as never, params: [m.address, toHex(10n ** 20n)] as never });
    }
    for (const m of members) {
      const uc = `SIM${String(m.id).padStart(7, '0')}`;
      await send(
        'addMember',
        walletClient.writeContract({
          address,
          abi: communityAbi,
          functionName: 'addMember',
          args: [m.address, ucCommitment(keccak256(toHex(uc)), uc), PROFILES[m.profileIndex]!.connection, m.sharePpm, `Unidade ${m.id + 1}`],
          ...FAST,
        }),
      );
      // Play money, and the market may take it for buy orders.
      await send('mint', walletClient.writeContract({ address: token, abi: demoBrlAbi, functionName: 'mint', args: [m.address, 10n ** 24n], ...FAST }));
      const c = clientOf(m);
      await send('approve', c.walletClient.writeContract({ address: token, abi: demoBrlAbi, functionName: 'approve', args: [market, 2n ** 255n], ...FAST }));
    }
    await mine();
    log(`community ${address}: ${members.length} members, plant ${(plantW / 1000).toFixed(1)} kWp`);

    // Both runs start from the same chain state: the strategies run, then a revert, then the
    // baseline with no transfers between members.
    const snapshot = (await publicClient.request({ method: 'evm_snapshot' as never })) as Hex;
    const strategies = await playMonths('with trading and donations', true);
    await publicClient.request({ method: 'evm_revert' as never, params: [snapshot] as never });
    const baseline = await playMonths('without transfers', false);

    return {
      options: { members: opts.members, months: opts.months, city: opts.city, seed: opts.seed, startCycle: opts.startCycle },
      plantW,
      community: address,
      strategies,
      baseline,
      mining,
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
      let carry = new Map<number, bigint>();
      let cycle = opts.startCycle;

      for (let k = 0; k < opts.months; k++, cycle = nextCycle(cycle)) {
        const month = cycle % 100;
        const generatedWh = (BigInt(plantW) * yieldWhPerKwp(opts.city, month)) / 1000n;
        const consumption = members.map((m) => {
          const p = PROFILES[m.profileIndex]!;
          return BigInt(Math.round(p.baseKwh * (p.season[month - 1]! / 100) * monthRng.noise(0.1) * 1000));
        });

        await send(
          'postGeneration',
          walletClient.writeContract({ address, abi: communityAbi, functionName: 'postGeneration', args: [cycle, generatedWh], ...FAST }),
        );
        for (let i = 0; i < members.length; i += MAX_READINGS_PER_TX) {
          const ids = members.slice(i, i + MAX_READINGS_PER_TX).map((m) => m.id);
          await send(
            'postReadings',
            walletClient.writeContract({
              address,
              abi: communityAbi,
              functionName: 'postReadings',
              args: [cycle, ids, ids.map((id) => consumption[id]!)],
              ...HEAVY,
            }),
          );
        }
        // The close's batches go out with the readings (the same block when they fit), one more
        // batch only if the close is somehow not done.
        const settledLogs: TransactionReceipt['logs'] = [];
        const closeBatch = () =>
          send(
            'closeCycle',
            walletClient.writeContract({ address, abi: communityAbi, functionName: 'closeCycle', args: [cycle, MAX_CLOSE_PER_TX], ...HEAVY }),
            (r) => settledLogs.push(...r.logs),
          );
        for (let i = 0; i < members.length; i += MAX_CLOSE_PER_TX) await closeBatch();
        await mine();
        while ((await publicClient.readContract({ address, abi: communityAbi, functionName: 'openCycle' })) === cycle) {
          await closeBatch();
          await mine();
        }
        const mf: MonthFigures = {
          cycle,
          generatedWh,
          consumedWh: 0n,
          compensatedWh: 0n,
          expiredWh: 0n,
          bankedWh: 0n,
          transfersWh: 0n,
          tradedWh: 0n,
          tokenVolume: 0n,
        };
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

        const net = new Map<number, bigint>();
        if (withStrategies) await rebalance(consumption, balances, net, mf);
        mf.bankedWh = [...balances.values()].reduce((a, b) => a + b, 0n);

        // The allocation table the manager would file for the next cycle (the manager console's rule:
        // base shares plus this month's net transfers, what cannot apply carried over).
        const rows = allocationTable({
          members: members.map((m) => ({ id: m.id, sharePpm: m.sharePpm, active: true })),
          expectedGenerationWh: generatedWh,
          netWh: net,
          carryInWh: carry,
        });
        carry = new Map(rows.map((r) => [r.memberId, r.carryOutWh]));
        const table = rows.map((r) => r.ppm).join(',');
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
     * Simple strategies, after each close:
     * - the donor: the member banking the most gives a tenth of its excess to the solidarity pool,
     *   and the manager assigns it to the member with the largest deficit;
     * - surplus sellers: members banking more than a month of their use offer the excess at
     *   R$ 0,40/kWh (resting sell orders);
     * - deficit buyers: members whose credits do not cover a month bid R$ 0,50/kWh for the gap
     *   (crossing the asks at once, at most 8 makers a transaction);
     * - what is left unfilled is cancelled (escrow back) and sellers withdraw their proceeds.
     */
    async function rebalance(consumption: bigint[], balances: Map<number, bigint>, net: Map<number, bigint>, mf: MonthFigures): Promise<void> {
      const bump = (id: number, wh: bigint) => {
        balances.set(id, (balances.get(id) ?? 0n) + wh);
        net.set(id, (net.get(id) ?? 0n) + wh);
      };
      const byDesc = <T extends { v: bigint; m: Member }>(a: T, b: T) => (b.v > a.v ? 1 : b.v < a.v ? -1 : a.m.id - b.m.id);
      const surplus = members
        .map((m) => ({ m, v: (balances.get(m.id) ?? 0n) - consumption[m.id]! }))
        .filter((x) => x.v > 10_000n)
        .sort(byDesc);
      const deficits = members
        .map((m) => ({ m, v: consumption[m.id]! - (balances.get(m.id) ?? 0n) }))
        .filter((x) => x.v > 10_000n)
        .sort(byDesc);

      // One batch, in this order (the chain mines first come, first served): the donation and its
      // assignment, every surplus member's ask, then every deficit member's bid (crossing the asks).
      const donor = surplus[0];
      const neediest = deficits[0];
      if (donor && neediest) {
        const gift = donor.v / 10n;
        const c = clientOf(donor.m);
        await send(
          'donateToPool',
          c.walletClient.writeContract({
            address: community!,
            abi: communityAbi,
            functionName: 'donateToPool',
            args: [gift, keccak256(toHex('solidariedade'))],
            ...FAST,
          }),
        );
        await send(
          'assignFromPool',
          walletClient.writeContract({
            address: community!,
            abi: communityAbi,
            functionName: 'assignFromPool',
            args: [neediest.m.id, gift, keccak256(toHex('tarifa social'))],
            ...FAST,
          }),
        );
        bump(donor.m.id, -gift);
        bump(neediest.m.id, gift);
        donor.v -= gift;
        neediest.v -= gift;
        mf.transfersWh += gift;
      }

      const resting: { id: bigint; owner: Member }[] = [];
      const placed = (owner: Member) => (receipt: TransactionReceipt) => {
        for (const l of receipt.logs) {
          if (l.address.toLowerCase() !== market.toLowerCase()) continue;
          const e = decodeEventLog({ abi: communityMarketAbi, data: l.data, topics: l.topics });
          if (e.eventName === 'OrderPlaced') resting.push({ id: e.args.orderId, owner });
          if (e.eventName === 'OrderFilled') {
            bump(e.args.makerSide === SELL ? e.args.makerMemberId : e.args.takerMemberId, -e.args.amountWh);
            bump(e.args.makerSide === SELL ? e.args.takerMemberId : e.args.makerMemberId, e.args.amountWh);
            mf.tradedWh += e.args.amountWh;
            mf.transfersWh += e.args.amountWh;
            mf.tokenVolume += e.args.tokenAmount;
          }
        }
      };
      for (const x of surplus) {
        if (x.v <= 10_000n) continue;
        const c = clientOf(x.m);
        await send(
          'placeOrder (sell, rests)',
          c.walletClient.writeContract({
            address: market,
            abi: communityMarketAbi,
            functionName: 'placeOrder',
            args: [SELL, ASK_PER_KWH, x.v, 0n, false, 0n, MAX_FILLS],
            ...FAST,
          }),
          placed(x.m),
        );
      }
      for (const x of deficits) {
        if (x.v <= 10_000n) continue;
        const c = clientOf(x.m);
        await send(
          'placeOrder (buy, crosses)',
          c.walletClient.writeContract({
            address: market,
            abi: communityMarketAbi,
            functionName: 'placeOrder',
            args: [BUY, BID_PER_KWH, x.v, 0n, false, 0n, MAX_FILLS],
            ...FAST,
          }),
          placed(x.m),
        );
      }
      await mine();
      // Then one batch: what is left unfilled is cancelled, sellers withdraw what they are owed.
      for (const o of resting) {
        const open = await publicClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'order', args: [o.id] });
        if (open.status !== 0) continue;
        const c = clientOf(o.owner);
        await send('cancel', c.walletClient.writeContract({ address: market, abi: communityMarketAbi, functionName: 'cancel', args: [o.id], ...FAST }));
      }
      for (const x of surplus) {
        const owed = await publicClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [x.m.address] });
        if (owed === 0n) continue;
        const c = clientOf(x.m);
        await send('withdraw', c.walletClient.writeContract({ address: market, abi: communityMarketAbi, functionName: 'withdraw', args: [], ...FAST }));
      }
      await mine();
    }
  } finally {
    await chain.stop();
  }
}
