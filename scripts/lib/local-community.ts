// A fresh anvil with the registry deployed and the demo condominium seeded: what the dev command
// and the end-to-end tests start from.
import { anvil } from 'viem/chains';
import { anvilAccount } from './accounts.ts';
import { createDemoCommunity, DEMO_UNITS } from './demo-community.ts';
import { DEFAULT_LOGS_BLOCK_RANGE } from '../../app/config/chain-config.ts';
import { deployDemoBrl, deployRegistry, makeClients, type Deployment } from './deploy.ts';
import { startAnvil, type RunningAnvil } from './anvil.ts';

export const MANAGER_INDEX = 0;
/** Demo unit i (A..F) is anvil account i + 1. */
export const memberIndex = (unit: number) => unit + 1;

export async function startLocalCommunity(port: number, log: (line: string) => void = () => {}): Promise<{ chain: RunningAnvil; deployment: Deployment }> {
  const chain = await startAnvil(port);
  try {
    const manager = makeClients(chain.rpcUrl, anvil, anvilAccount(MANAGER_INDEX));
    const { registry, block } = await deployRegistry(manager);
    log(`registry ${registry} (block ${block})`);
    const wallets = DEMO_UNITS.map((_, i) => anvilAccount(memberIndex(i)).address);
    // after the registry (which stays the first deployment of account 0: deterministic addresses)
    const paymentToken = await deployDemoBrl(manager);
    log(`DemoBRL ${paymentToken}`);
    const community = await createDemoCommunity(registry, manager, wallets, log, paymentToken);
    return {
      chain,
      deployment: {
        chainId: anvil.id,
        name: 'Anvil (local)',
        rpcUrl: chain.rpcUrl,
        explorerUrl: null,
        registry,
        registryBlock: block,
        demoCommunity: community,
        paymentToken,
        zeroGas: false,
        logsBlockRange: DEFAULT_LOGS_BLOCK_RANGE,
      },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
