// A fresh anvil with the registry deployed and the demo condominium seeded: what the dev command
// and the end-to-end tests start from.
import { defineChain } from 'viem';
import { anvil } from 'viem/chains';
import { communityAbi } from '../../contracts-abi/abis.ts';
import { anvilAccount } from './accounts.ts';
import { createDemoCommunity, DEMO_UNITS } from './demo-community.ts';
import { DEFAULT_LOGS_BLOCK_RANGE } from '../../app/config/chain-config.ts';
import { deployDemoBrl, deployRegistry, makeClients, type Deployment } from './deploy.ts';
import { startAnvil, type RunningAnvil } from './anvil.ts';

export const MANAGER_INDEX = 0;
/** Demo unit i (A..F) is anvil account i + 1. */
export const memberIndex = (unit: number) => unit + 1;

/**
 * anvil as a permissioned network that charges no gas: the node still suggests a 1 gwei tip, so
 * every write this chain definition prepares carries zero fees (an account with no ETH can send).
 */
export const zeroGasAnvil = defineChain({
  ...anvil,
  fees: { estimateFeesPerGas: async () => ({ maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }) },
  // viem asks the node (eth_fillTransaction) before its fee hooks, and anvil fills in a 1 gwei tip:
  // the fees are set before that.
  prepareTransactionRequest: async (request) => Object.assign(request, { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }),
});

export interface LocalCommunityOptions {
  /**
   * A zero-gas chain whose accounts hold no ETH at all (anvil --base-fee 0 --gas-price 0
   * --no-priority-fee --balance 0): what a cooperative's permissioned network looks like.
   */
  zeroGas?: boolean;
}

export async function startLocalCommunity(
  port: number,
  log: (line: string) => void = () => {},
  opts: LocalCommunityOptions = {},
): Promise<{ chain: RunningAnvil; deployment: Deployment }> {
  const zeroGas = opts.zeroGas ?? false;
  const chain = await startAnvil(port, zeroGas ? { zeroGas: true, balanceEth: 0 } : {});
  try {
    const manager = makeClients(chain.rpcUrl, zeroGas ? zeroGasAnvil : anvil, anvilAccount(MANAGER_INDEX));
    const { registry, block } = await deployRegistry(manager, zeroGas ? 'zero' : 'market');
    log(`registry ${registry} (block ${block})`);
    const wallets = DEMO_UNITS.map((_, i) => anvilAccount(memberIndex(i)).address);
    // after the registry (which stays the first deployment of account 0: deterministic addresses)
    const paymentToken = await deployDemoBrl(manager);
    log(`DemoBRL ${paymentToken}`);
    const community = await createDemoCommunity(registry, manager, wallets, log, paymentToken);
    // The manager entered the demo wallets directly: each accepts its membership, so the registry
    // lists the community under "my communities" for it (a wallet is listed only with consent).
    for (const [i] of DEMO_UNITS.entries()) {
      const member = makeClients(chain.rpcUrl, zeroGas ? zeroGasAnvil : anvil, anvilAccount(memberIndex(i)));
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
        zeroGas,
        logsBlockRange: DEFAULT_LOGS_BLOCK_RANGE,
      },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}
