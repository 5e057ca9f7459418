// Issue "IPFS-ready release": building twice from the same commit gives the same root CID.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { packDirectory } from './car.ts';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];

async function buildTo(devChain: boolean): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'compartilha-build-'));
  dirs.push(outDir);
  const before = process.env.COMPARTILHA_DEV_CHAIN;
  process.env.COMPARTILHA_DEV_CHAIN = devChain ? '1' : '';
  try {
    await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.COMPARTILHA_DEV_CHAIN = before;
  }
  return outDir;
}

async function buildOnce(): Promise<string> {
  return (await packDirectory(await buildTo(false))).cid;
}

/** Every file of a build, as text (the build is all text: html, js, css, json, svg). */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

// What only the development chain and its demo wallet bring: the chain id, the local RPC, anvil's
// public test keys (the demo wallet's), its mnemonic, and the demo wallet's buttons.
const DEV_MARKERS = [
  '31337',
  '127.0.0.1:8545',
  'localhost',
  'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  'test test test',
  'connect-burner',
  'burner-account-',
];

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

  let prodDir = '';
  it('a production build carries nothing of the development chain; a development build does', async () => {
    prodDir = await buildTo(false);
    const prod = allText(prodDir);
    for (const marker of DEV_MARKERS) expect(prod, marker).not.toContain(marker);
    expect(prod).toMatch(/connect-src 'self';/); // only the RPCs chains.json lists (none committed but the dev chain)
    // Not even an empty chunk of the demo wallet (its lazy entry is dropped at build time).
    const chunks = (dir: string) => readdirSync(join(dir, 'assets')).filter((f) => f.startsWith('activate-'));
    expect(chunks(prodDir)).toEqual([]);
    const devDir = await buildTo(true);
    expect(chunks(devDir)).toHaveLength(1);
    const dev = allText(devDir);
    // The same markers are found in a development build: the check above can fail.
    for (const marker of ['31337', 'connect-burner', 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80']) expect(dev, marker).toContain(marker);
  }, 180_000);

  it('npm run release refuses a malformed chains.json, an invalid entry, an empty list and the dev chain (unless --dev), packing nothing', () => {
    expect(prodDir).not.toBe('');
    const out = mkdtempSync(join(tmpdir(), 'compartilha-release-'));
    dirs.push(out);
    const pack = (...extra: string[]) => {
      const r = spawnSync('npx', ['tsx', join(root, 'scripts', 'release.ts'), '--dir', prodDir, '--out', out, ...extra], { cwd: root, encoding: 'utf8' });
      return { status: r.status, out: `${r.stdout}${r.stderr}`, cars: readdirSync(out).length };
    };
    const besu = {
      chainId: 4242,
      name: 'Rede da cooperativa',
      rpcUrl: 'https://besu.cooperativa.example',
      explorerUrl: null,
      registry: `0x${'11'.repeat(20)}`,
      registryBlock: 4,
      demoCommunity: null,
      zeroGas: true,
    };
    const local = { ...besu, chainId: 31337, name: 'Anvil', rpcUrl: 'http://127.0.0.1:8545' };
    const cases: [string, RegExp][] = [
      ['{ oops', /is missing or is not valid JSON/],
      [JSON.stringify([{ ...besu, rpcUrl: 'ftp://x' }]), /entries the app would skip:\n\s+chain #1 \(chainId 4242\): rpcUrl must be an http\(s\) URL/],
      ['[]', /lists no network/],
      [JSON.stringify([besu, local]), /lists the local development chain \(31337\)/],
    ];
    for (const [content, reason] of cases) {
      writeFileSync(join(prodDir, 'chains.json'), content);
      const r = pack();
      expect(r.status, content).toBe(1);
      expect(r.out).toMatch(reason);
      expect(r.out).toContain('Nothing was packed.');
      expect(r.cars).toBe(0);
    }
    // A development release packs the local chain on purpose.
    expect(pack('--dev').status).toBe(0);
    rmSync(join(out, readdirSync(out)[0]!));
    // A good list: packed, and the page may talk to exactly that RPC.
    writeFileSync(join(prodDir, 'chains.json'), JSON.stringify([besu]));
    const ok = pack();
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toMatch(/Root CID: bafy/);
    expect(readFileSync(join(prodDir, 'index.html'), 'utf8')).toContain("connect-src 'self' https://besu.cooperativa.example;");
  }, 120_000);
});
