// The deployable contracts fit EIP-170 (24,576 bytes of runtime code) and EIP-3860 (49,152 bytes of
// init code), read from the default-profile build that deployments use. The lite, deep and coverage
// profiles lift forge's own size limit, so this is the check every `npm test` makes.
import { describe, expect, it } from 'vitest';
import { DEPLOYED, INITCODE_LIMIT, RUNTIME_LIMIT, sizesOf } from '../scripts/lib/contract-sizes.ts';

describe('deployable contract sizes', () => {
  it.each(DEPLOYED)('%s fits the runtime and init code limits', (name) => {
    const { runtime, initcode } = sizesOf(name);
    console.log(`[sizes] ${name}: ${runtime} B runtime (${RUNTIME_LIMIT - runtime} B left), ${initcode} B init code`);
    expect(runtime).toBeGreaterThan(0);
    expect(runtime).toBeLessThanOrEqual(RUNTIME_LIMIT);
    expect(initcode).toBeLessThanOrEqual(INITCODE_LIMIT);
  });
});
