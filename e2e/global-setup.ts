// A fresh anvil with the registry and the demo condominium for the whole e2e run. On the zero-gas
// run (E2E_ZERO_GAS=1) the chain charges no gas and no account holds any ETH; the teardown checks
// that every account still holds exactly 0 ETH (every write went out with zero fees).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, http } from 'viem';
import { anvilAccount } from '../scripts/lib/accounts.ts';
import { startLocalCommunity, zeroGasAnvil } from '../scripts/lib/local-community.ts';
import { E2E_CHAIN_PORT, E2E_ZERO_GAS } from './fixtures/ports.ts';

export const statePath = join(import.meta.dirname, '..', '.dev', 'e2e-state.json');

/** anvil's ten dev accounts: the manager (0), the demo units (1..6) and the spares the specs use. */
const DEV_ACCOUNTS = 10;

export default async function globalSetup() {
  const { chain, deployment } = await startLocalCommunity(E2E_CHAIN_PORT, undefined, { zeroGas: E2E_ZERO_GAS });
  mkdirSync(join(import.meta.dirname, '..', '.dev'), { recursive: true });
  writeFileSync(statePath, JSON.stringify(deployment, null, 2));
  return async () => {
    try {
      if (E2E_ZERO_GAS) {
        const client = createPublicClient({ chain: zeroGasAnvil, transport: http(chain.rpcUrl) });
        const held = await Promise.all(
          Array.from(
            { length: DEV_ACCOUNTS },
            async (_, i) => [anvilAccount(i).address, await client.getBalance({ address: anvilAccount(i).address })] as const,
          ),
        );
        const nonZero = held.filter(([, wei]) => wei !== 0n);
        if (nonZero.length > 0) throw new Error(`zero-gas run: accounts hold ETH: ${nonZero.map(([a, w]) => `${a} ${w}`).join(', ')}`);
        const sent = await client.getTransactionCount({ address: anvilAccount(0).address });
        console.log(`zero-gas run: ${DEV_ACCOUNTS} accounts hold 0 ETH after the run; the manager alone sent ${sent} transactions`);
      }
    } finally {
      await chain.stop();
    }
  };
}
