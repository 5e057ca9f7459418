// Issue "IPFS-ready release": building twice from the same commit gives the same root CID.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { packDirectory } from './car.ts';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];

async function buildOnce(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'compartilha-build-'));
  dirs.push(outDir);
  await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return (await packDirectory(outDir)).cid;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('release', () => {
  it('two production builds of the same tree have the same root CID', async () => {
    const first = await buildOnce();
    const second = await buildOnce();
    expect(first).toMatch(/^bafy/);
    expect(second).toBe(first);
  }, 120_000);
});
