// Issue "IPFS-ready release": building twice from the same commit gives the same root CID.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Every text file of a build (html, js, css, json, svg, webmanifest; not the PNG icons), as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.png'))
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
  let devDir = '';
  it('a production build carries nothing of the development chain; a development build does', async () => {
    prodDir = await buildTo(false);
    const prod = allText(prodDir);
    for (const marker of DEV_MARKERS) expect(prod, marker).not.toContain(marker);
    expect(prod).toMatch(/connect-src 'self';/); // only the RPCs chains.json lists (none committed but the dev chain)
    // Not even an empty chunk of the demo wallet (its lazy entry is dropped at build time).
    const chunks = (dir: string) => readdirSync(join(dir, 'assets')).filter((f) => f.startsWith('activate-'));
    expect(chunks(prodDir)).toEqual([]);
    devDir = await buildTo(true);
    expect(chunks(devDir)).toHaveLength(1);
    const dev = allText(devDir);
    // The same markers are found in a development build: the check above can fail.
    for (const marker of ['31337', 'connect-burner', 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80']) expect(dev, marker).toContain(marker);
  }, 180_000);

  it('a build is installable: a relative manifest, PNG icons of the sizes it says, a worker listing the shell and no RPC', () => {
    expect(prodDir).not.toBe('');
    const html = readFileSync(join(prodDir, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="./manifest.webmanifest"');
    expect(html).toContain('<link rel="apple-touch-icon" href="./apple-touch-icon.png"');
    expect(html).toMatch(/worker-src 'self'; manifest-src 'self';/);
    const manifest = JSON.parse(readFileSync(join(prodDir, 'manifest.webmanifest'), 'utf8')) as Record<string, unknown> & {
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({
      name: expect.stringContaining('Compartilha'),
      short_name: 'Compartilha',
      lang: 'pt-BR',
      start_url: './',
      scope: './',
      display: 'standalone',
    });
    expect(manifest.theme_color).toBe(/<meta name="theme-color" content="([^"]+)"/.exec(html)?.[1]);
    // Every URL relative (./…): it works at a domain root and under /ipfs/<cid>/.
    for (const url of [manifest.start_url, manifest.scope, ...manifest.icons.map((i) => i.src)]) expect(url).toMatch(/^\.\//);
    const icons = [...manifest.icons.map((i) => [i.src, i.sizes, i.purpose] as const), ['./apple-touch-icon.png', '180x180', 'apple'] as const];
    expect(icons.map(([, sizes, purpose]) => `${sizes} ${purpose}`).sort()).toEqual(['180x180 apple', '192x192 any', '512x512 any', '512x512 maskable']);
    for (const [src, sizes] of icons) {
      const png = readFileSync(join(prodDir, src));
      expect(png.subarray(0, 8).toString('hex'), src).toBe('89504e470d0a1a0a');
      expect(png.subarray(12, 16).toString('latin1'), src).toBe('IHDR');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, src).toBe(sizes);
    }

    const sw = readFileSync(join(prodDir, 'sw.js'), 'utf8');
    expect(sw).not.toMatch(/__COMPARTILHA_SW_(VERSION|SHELL)__/);
    expect(sw).not.toMatch(/^\s*(import|export)\b/m); // one classic script
    const shell = JSON.parse(/(\["\.\/",[^\]]*\])/.exec(sw)?.[1] ?? '[]') as string[];
    // The page, chains.json, everything index.html loads, the manifest and its icons: all relative and all in the build.
    const loads = [...html.matchAll(/\s(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]!);
    expect(loads.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(2);
    for (const url of ['./', './chains.json', './manifest.webmanifest', ...loads, ...icons.map(([src]) => src)]) expect(shell, url).toContain(url);
    for (const url of shell) {
      expect(url).toMatch(/^\.\//);
      if (url !== './') expect(existsSync(join(prodDir, url)), url).toBe(true);
    }
    expect(shell.some((u) => /Page-/.test(u))).toBe(false); // the lazy screens are kept when used, not all at install
    // Never an RPC: no URL at all in the worker, neither the production chains nor the dev chain's.
    expect(sw).not.toMatch(/https?:\/\//);
    expect(sw).not.toContain('127.0.0.1');
    expect(sw).not.toContain('rpc');
    // Nor in a development build, whose chains.json does list a local RPC.
    const devRpc = (JSON.parse(readFileSync(join(devDir, 'chains.json'), 'utf8')) as { rpcUrl: string }[])[0]?.rpcUrl;
    expect(devRpc).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    const devSw = readFileSync(join(devDir, 'sw.js'), 'utf8');
    expect(devSw).not.toContain(new URL(devRpc ?? 'http://x').host);
    expect(devSw).not.toMatch(/https?:\/\//);
  });

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
