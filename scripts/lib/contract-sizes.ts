// Runtime and init code sizes of the deployable contracts, read from the default-profile build
// (contracts/out) that deployments use. Checked by contracts-abi/sizes.test.ts, printed by the bench.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = join(import.meta.dirname, '..', '..', 'contracts', 'out');
export const DEPLOYED = ['Community', 'CommunityViews', 'CommunityMarket', 'CommunityRegistry'] as const;
/** EIP-170 (runtime) and EIP-3860 (init code). */
export const RUNTIME_LIMIT = 24_576;
export const INITCODE_LIMIT = 49_152;

export function sizesOf(name: string): { runtime: number; initcode: number } {
  const path = join(out, `${name}.sol`, `${name}.json`);
  if (!existsSync(path)) throw new Error(`missing ${path}: run \`npm run contracts:build\` first`);
  const a = JSON.parse(readFileSync(path, 'utf8')) as { bytecode: { object: string }; deployedBytecode: { object: string } };
  return { runtime: (a.deployedBytecode.object.length - 2) / 2, initcode: (a.bytecode.object.length - 2) / 2 };
}
