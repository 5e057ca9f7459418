import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foundryBin } from './foundry.ts';

const root = join(import.meta.dirname, '..', '..');

describe('forge exit status', () => {
  it('the real binary fails on a bad command, and scripts/forge.ts passes the failure on', () => {
    expect(spawnSync(foundryBin('forge'), ['no-such-command']).status).not.toBe(0);
    const r = spawnSync('npx', ['tsx', 'scripts/forge.ts', 'no-such-command'], { cwd: root });
    expect(r.status).not.toBe(0);
    expect(spawnSync('npx', ['tsx', 'scripts/forge.ts', '--version'], { cwd: root }).status).toBe(0);
  }, 120_000); // spawns node three times: seconds on a loaded machine
});
