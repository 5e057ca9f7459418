// The demo condominium: the six units of domain.md §6 on a 30 kWp plant, twelve closed cycles
// (11/2025 to 10/2026) of seasonal generation and consumption. The last closed cycle, 10/2026, is
// the worked example's month: 3,600 kWh generated and consumption 500/350/600/300/250/800 kWh.
import { keccak256, encodePacked, decodeEventLog, type Address } from 'viem';
import { BelowMinimum, communityAbi, communityRegistryAbi, Connection, demoBrlAbi, Regime, TradingPolicy } from '../../contracts-abi/abis.ts';
import type { Clients } from './deploy.ts';

export const DEMO_SETTINGS = {
  name: 'Condomínio Sol Nascente',
  distributor: 'Enel SP',
  plantCapacityW: 30_000,
  regime: Regime.GD_II,
  fullTariffMicroBrlPerKwh: 800_000n,
  fioBMicroBrlPerKwh: 280_000n,
  paymentToken: '0x0000000000000000000000000000000000000000' as Address,
  tradingPolicy: TradingPolicy.PricedOrders, // the legal notice is shown in the app
  gd2BelowMinimum: BelowMinimum.DownToMinimum, // REN 1.000 art. 655-I: no credits spent under the minimum
  minOrderWh: 100, // the demo's play money: orders from 0.1 kWh (a real community starts at 1 kWh)
} as const;

/** dBRL minted to each demo member on the local chain (18 decimals). */
export const DEMO_BRL_PER_MEMBER = 1_000n * 10n ** 18n;

/** Law 14.300 art. 27: share of Fio B paid on compensated energy by GD II, by billing year. */
export const FIO_B_SCHEDULE = [
  { year: 2023, sharePpm: 150_000 },
  { year: 2024, sharePpm: 300_000 },
  { year: 2025, sharePpm: 450_000 },
  { year: 2026, sharePpm: 600_000 },
  { year: 2027, sharePpm: 750_000 },
  { year: 2028, sharePpm: 900_000 },
] as const;

export const SINGLE_PHASE = Connection.SinglePhase;
export const TWO_PHASE = Connection.TwoPhase;
export const THREE_PHASE = Connection.ThreePhase;

/** Demo units; wallet = anvil account (index + 1); the manager (síndico) is account 0. */
export const DEMO_UNITS = [
  { unit: 'A', label: 'Apto 101', connection: THREE_PHASE, sharePpm: 200_000, baseKwh: 500, uc: '0012345601' },
  { unit: 'B', label: 'Apto 102', connection: TWO_PHASE, sharePpm: 200_000, baseKwh: 350, uc: '0012345602' },
  { unit: 'C', label: 'Apto 201', connection: THREE_PHASE, sharePpm: 150_000, baseKwh: 600, uc: '0012345603' },
  { unit: 'D', label: 'Apto 202', connection: TWO_PHASE, sharePpm: 150_000, baseKwh: 300, uc: '0012345604' },
  { unit: 'E', label: 'Apto 301', connection: SINGLE_PHASE, sharePpm: 150_000, baseKwh: 250, uc: '0012345605' },
  { unit: 'F', label: 'Apto 302', connection: THREE_PHASE, sharePpm: 150_000, baseKwh: 800, uc: '0012345606' },
] as const;

/**
 * Twelve cycles: plant yield in kWh per kWp (a São Paulo-like seasonal curve ending on the worked
 * example's 120 kWh/kWp) and a consumption factor in per cent (summer air conditioning).
 */
export const DEMO_CYCLES = [
  { cycle: 202511, yieldKwhPerKwp: 125, consumptionPct: 105 },
  { cycle: 202512, yieldKwhPerKwp: 128, consumptionPct: 115 },
  { cycle: 202601, yieldKwhPerKwp: 131, consumptionPct: 120 },
  { cycle: 202602, yieldKwhPerKwp: 126, consumptionPct: 115 },
  { cycle: 202603, yieldKwhPerKwp: 121, consumptionPct: 110 },
  { cycle: 202604, yieldKwhPerKwp: 110, consumptionPct: 100 },
  { cycle: 202605, yieldKwhPerKwp: 96, consumptionPct: 92 },
  { cycle: 202606, yieldKwhPerKwp: 90, consumptionPct: 90 },
  { cycle: 202607, yieldKwhPerKwp: 95, consumptionPct: 90 },
  { cycle: 202608, yieldKwhPerKwp: 109, consumptionPct: 93 },
  { cycle: 202609, yieldKwhPerKwp: 114, consumptionPct: 97 },
  { cycle: 202610, yieldKwhPerKwp: 120, consumptionPct: 100 },
] as const;

/** Salted commitment of a UC number: keccak256(salt ‖ ucNumber). The salt stays off-chain. */
export function ucCommitment(salt: `0x${string}`, ucNumber: string): `0x${string}` {
  return keccak256(encodePacked(['bytes32', 'string'], [salt, ucNumber]));
}

export function demoSalt(uc: string): `0x${string}` {
  return keccak256(encodePacked(['string', 'string'], ['compartilha-demo-salt', uc]));
}

export function demoConsumptionWh(baseKwh: number, consumptionPct: number, unitIndex: number, cycleIndex: number) {
  // Small deterministic wobble per unit and month so the history is not a copy of one curve;
  // none in the last cycle, which must be exactly the worked example.
  const wobble = cycleIndex === DEMO_CYCLES.length - 1 ? 0 : (((unitIndex * 7 + cycleIndex * 3) % 5) - 2) * 1_000;
  return BigInt(baseKwh * consumptionPct * 10 + wobble);
}

export async function createDemoCommunity(
  registry: Address,
  manager: Clients,
  memberWallets: readonly Address[],
  log: (line: string) => void = () => {},
  paymentToken?: Address,
): Promise<Address> {
  const { publicClient, walletClient } = manager;
  const send = async (hash: `0x${string}`) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
    return receipt;
  };

  const createReceipt = await send(
    await walletClient.writeContract({
      address: registry,
      abi: communityRegistryAbi,
      functionName: 'createCommunity',
      args: [DEMO_SETTINGS, FIO_B_SCHEDULE, DEMO_CYCLES[0].cycle],
    }),
  );
  let community: Address | undefined;
  for (const entry of createReceipt.logs) {
    try {
      const event = decodeEventLog({ abi: communityRegistryAbi, data: entry.data, topics: entry.topics });
      if (event.eventName === 'CommunityCreated') community = event.args.community;
    } catch {
      /* a log of another contract */
    }
  }
  if (!community) throw new Error('CommunityCreated event not found');
  log(`community ${community}`);

  for (const [i, unit] of DEMO_UNITS.entries()) {
    const wallet = memberWallets[i];
    if (!wallet) throw new Error(`no wallet for unit ${unit.unit}`);
    await send(
      await walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'addMember',
        args: [wallet, ucCommitment(demoSalt(unit.uc), unit.uc), unit.connection, unit.sharePpm, unit.label],
      }),
    );
  }
  log(`${DEMO_UNITS.length} members added`);

  const ids = DEMO_UNITS.map((_, i) => i);
  for (const [c, cycle] of DEMO_CYCLES.entries()) {
    const generatedWh = BigInt(DEMO_SETTINGS.plantCapacityW) * BigInt(cycle.yieldKwhPerKwp);
    await send(
      await walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'postGeneration',
        args: [cycle.cycle, generatedWh],
      }),
    );
    await send(
      await walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'postReadings',
        args: [cycle.cycle, ids, DEMO_UNITS.map((u, i) => demoConsumptionWh(u.baseKwh, cycle.consumptionPct, i, c))],
      }),
    );
    await send(
      await walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'closeCycle',
        args: [cycle.cycle, 0],
      }),
    );
  }
  log(`${DEMO_CYCLES.length} cycles closed (${DEMO_CYCLES[0].cycle}–${DEMO_CYCLES.at(-1)?.cycle})`);

  if (paymentToken) {
    // Play money for the local demo: 1,000 dBRL per member, and priced orders in that token.
    for (const wallet of memberWallets.slice(0, DEMO_UNITS.length)) {
      await send(
        await walletClient.writeContract({
          address: paymentToken,
          abi: demoBrlAbi,
          functionName: 'mint',
          args: [wallet, DEMO_BRL_PER_MEMBER],
        }),
      );
    }
    await send(
      await walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'updateSettings',
        args: [{ ...DEMO_SETTINGS, paymentToken, tradingPolicy: 1 }],
      }),
    );
    log(`DemoBRL: ${DEMO_UNITS.length} × 1,000 dBRL minted; priced orders on`);
  }
  return community;
}
