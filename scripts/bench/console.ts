// The manager's console with a large community (default 1,000 members): JSON-RPC calls and time
// from navigation until its figures are on screen (members, the open cycle's readings, the credits
// expiring at the close), locally and with a delay added to every JSON-RPC request. The community
// is made with real transactions on a fresh anvil: members added one by one, two cycles closed (so
// members hold lots), then the open cycle's generation and half its readings posted.
import type { Browser, Page } from '@playwright/test';
import { decodeEventLog, type Address } from 'viem';
import { anvil } from 'viem/chains';
import { communityAbi, communityRegistryAbi } from '../../contracts-abi/abis.ts';
import { countRpcCalls, injectWallet } from '../../e2e/fixtures/wallet.ts';
import { anvilAccount, anvilPrivateKey } from '../lib/accounts.ts';
import { startAnvil, type RunningAnvil } from '../lib/anvil.ts';
import { DEMO_CYCLES, DEMO_SETTINGS, FIO_B_SCHEDULE } from '../lib/demo-community.ts';
import { deployRegistry, makeClients } from '../lib/deploy.ts';
import { MANAGER_INDEX } from '../lib/local-community.ts';
import { newContext, WALLET_BUTTON } from './browser.ts';

const BATCH = 250;
/** A 2 MW plant (minigeração): enough for 1,000 apartments. */
const PLANT_W = 2_000_000;

export interface ConsoleWorld {
  chain: RunningAnvil;
  community: Address;
  members: number;
}

/** A fresh anvil with a community of `n` members, two closed cycles and the third half read. */
export async function startConsoleWorld(port: number, n: number, log: (line: string) => void = () => {}): Promise<ConsoleWorld> {
  const chain = await startAnvil(port);
  try {
    const { publicClient, walletClient } = makeClients(chain.rpcUrl, anvil, anvilAccount(MANAGER_INDEX));
    const { registry } = await deployRegistry({ publicClient, walletClient });
    // Sent back to back (anvil mines each at once); only the last receipt of a run is awaited.
    let last: `0x${string}` | undefined;
    const settle = async () => {
      if (!last) return;
      const r = await publicClient.waitForTransactionReceipt({ hash: last });
      if (r.status !== 'success') throw new Error(`transaction ${last} reverted`);
      last = undefined;
    };
    const created = await publicClient.waitForTransactionReceipt({
      hash: await walletClient.writeContract({
        address: registry,
        abi: communityRegistryAbi,
        functionName: 'createCommunity',
        args: [{ ...DEMO_SETTINGS, name: 'Condomínio Grande', plantCapacityW: PLANT_W }, FIO_B_SCHEDULE, DEMO_CYCLES[0].cycle],
      }),
    });
    let community: Address | undefined;
    for (const entry of created.logs) {
      try {
        const e = decodeEventLog({ abi: communityRegistryAbi, data: entry.data, topics: entry.topics });
        if (e.eventName === 'CommunityCreated') community = e.args.community;
      } catch {
        /* a log of another contract */
      }
    }
    if (!community) throw new Error('CommunityCreated event not found');
    const share = Math.floor(1_000_000 / n);
    for (let i = 0; i < n; i++) {
      const wallet = `0x${(0x10000 + i).toString(16).padStart(40, '0')}` as Address;
      const uc = `0x${(i + 1).toString(16).padStart(64, '0')}` as `0x${string}`;
      last = await walletClient.writeContract({
        address: community,
        abi: communityAbi,
        functionName: 'addMember',
        args: [wallet, uc, i % 3, i === n - 1 ? 1_000_000 - share * (n - 1) : share, `Apto ${101 + i}`],
      });
    }
    await settle();
    log(`${n} members added`);
    const ids = Array.from({ length: n }, (_, i) => i);
    const readings = ids.map((i) => BigInt(150_000 + (i % 7) * 30_000)); // Wh: most below their allocation, so lots
    const generation = BigInt(PLANT_W) * 150n; // 150 kWh/kWp: about 300 kWh a member at 1,000 members
    const post = async (cycle: number, upTo: number) => {
      last = await walletClient.writeContract({ address: community, abi: communityAbi, functionName: 'postGeneration', args: [cycle, generation] });
      for (let i = 0; i < upTo; i += BATCH) {
        last = await walletClient.writeContract({
          address: community,
          abi: communityAbi,
          functionName: 'postReadings',
          args: [cycle, ids.slice(i, Math.min(i + BATCH, upTo)), readings.slice(i, Math.min(i + BATCH, upTo))],
        });
      }
      await settle();
    };
    for (const c of DEMO_CYCLES.slice(0, 2)) {
      await post(c.cycle, n);
      for (let i = 0; i < n; i += BATCH) {
        last = await walletClient.writeContract({ address: community, abi: communityAbi, functionName: 'closeCycle', args: [c.cycle, BATCH] });
      }
      await settle();
    }
    const open = await publicClient.readContract({ address: community, abi: communityAbi, functionName: 'openCycle' });
    await post(open, Math.floor(n / 2));
    log(`2 cycles closed, ${open}: generation and ${Math.floor(n / 2)} readings posted`);
    return { chain, community, members: n };
  } catch (e) {
    await chain.stop();
    throw e;
  }
}

export interface ConsoleRow {
  latencyMs: number;
  calls: number;
  ms: number;
  methods: string;
}

/** The console's figures are on screen: its title and the expiring credits (shown as "…" while loading). */
async function figuresShown(page: Page) {
  await page.getByTestId('manage-title').waitFor({ timeout: 600_000 });
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="close-expiring"]');
      return !!el && el.textContent !== '…' && el.textContent !== '';
    },
    undefined,
    { timeout: 600_000, polling: 100 },
  );
}

/**
 * Opens the console cold (fresh context) as the manager and counts every JSON-RPC call the page
 * sends until the figures are shown; `latencyMs` is added to every RPC request (page.route).
 */
export async function consoleCalls(browser: Browser, appUrl: string, world: ConsoleWorld, latencyMs: number): Promise<ConsoleRow> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const rpc = countRpcCalls(page, world.chain.rpcUrl);
    if (latencyMs > 0) {
      await page.route(`${world.chain.rpcUrl}/**`, async (route) => {
        await new Promise((r) => setTimeout(r, latencyMs));
        await route.continue();
      });
      await page.route(world.chain.rpcUrl, async (route) => {
        await new Promise((r) => setTimeout(r, latencyMs));
        await route.continue();
      });
    }
    await injectWallet(page, { privateKey: anvilPrivateKey(MANAGER_INDEX), rpcUrl: world.chain.rpcUrl });
    await page.goto(`${appUrl}#/c/31337/${world.community}/manage`);
    await page.getByTestId(WALLET_BUTTON).click();
    const t0 = Date.now();
    const before = rpc.methods.length;
    await figuresShown(page);
    const ms = Date.now() - t0;
    const all = rpc.methods.slice(before);
    const byMethod = new Map<string, number>();
    for (const m of all) byMethod.set(m, (byMethod.get(m) ?? 0) + 1);
    return { latencyMs, calls: all.length, ms, methods: [...byMethod].map(([m, k]) => `${m}×${k}`).join(', ') };
  } finally {
    await context.close();
  }
}
