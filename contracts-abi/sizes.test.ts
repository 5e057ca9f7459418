// The deployable contracts fit EIP-170 (24,576 bytes of runtime code) and EIP-3860 (49,152 bytes of
// init code), read from the default-profile build that deployments use (contracts/out). The lite,
// deep and coverage profiles lift forge's own size limit, so this is the check every run makes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const out = join(import.meta.dirname, '..', 'contracts', 'out');
export const DEPLOYED = ['Community', 'CommunityViews', 'CommunityMarket', 'CommunityRegistry'] as const;
const RUNTIME_LIMIT = 24_576;
const INITCODE_LIMIT = 49_152;

export function sizesOf(name: string): { runtime: number; initcode: number } {
  const path = join(out, `${name}.sol`, `${name}.json`);
  if (!existsSync(path)) throw new Error(`missing ${path}: run \`npm run contracts:build\` first`);
  const a = JSON.parse(readFileSync(path, 'utf8')) as { bytecode: { object: string }; deployedBytecode: { object: string } };
  return { runtime: (a.deployedBytecode.object.length - 2) / 2, initcode: (a.bytecode.object.length - 2) / 2 };
}

describe('deployable contract sizes', () => {
  it.each(DEPLOYED)('%s fits the runtime and init code limits', (name) => {
    const { runtime, initcode } = sizesOf(name);
    console.log(`[sizes] ${name}: ${runtime} B runtime (${RUNTIME_LIMIT - runtime} B left), ${initcode} B init code`);
    expect(runtime).toBeGreaterThan(0);
    expect(runtime).toBeLessThanOrEqual(RUNTIME_LIMIT);
    expect(initcode).toBeLessThanOrEqual(INITCODE_LIMIT);
  });
});
