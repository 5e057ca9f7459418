// A fresh anvil with the registry deployed and the demo condominium seeded: what the dev command
// and the end-to-end tests start from.
import { anvil } from 'viem/chains';
import { communityAbi } from '../../contracts-abi/abis.ts';
import { anvilAccount } from './accounts.ts';
import { createDemoCommunity, DEMO_UNITS } from './demo-community.ts';
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
    // The manager entered the demo wallets directly: each accepts its membership, so the registry
    // lists the community under "my communities" for it (a wallet is listed only with consent).
    for (const [i] of DEMO_UNITS.entries()) {
      const member = makeClients(chain.rpcUrl, anvil, anvilAccount(memberIndex(i)));
      const hash = await member.walletClient.writeContract({ address: community, abi: communityAbi, functionName: 'acceptMembership' });
      const receipt = await member.publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`acceptMembership ${hash} reverted`);
    }
    log(`${DEMO_UNITS.length} members accepted their membership`);
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
      },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
