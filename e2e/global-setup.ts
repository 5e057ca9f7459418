// A fresh anvil with the registry and the demo condominium for the whole e2e run.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCommunity } from '../scripts/lib/local-community.ts';
import { E2E_CHAIN_PORT } from './fixtures/ports.ts';

export const statePath = join(import.meta.dirname, '..', '.dev', 'e2e-state.json');

export default async function globalSetup() {
  const { chain, deployment } = await startLocalCommunity(E2E_CHAIN_PORT);
  mkdirSync(join(import.meta.dirname, '..', '.dev'), { recursive: true });
  writeFileSync(statePath, JSON.stringify(deployment, null, 2));
  return async () => {
    await chain.stop();
  };
}
