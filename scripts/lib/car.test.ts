import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CarReader } from '@ipld/car/reader';
import * as dagPb from '@ipld/dag-pb';
import { exporter, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterEach, describe, expect, it } from 'vitest';
import { packDirectory } from './car.ts';

const tmpDirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'compartilha-car-'));
  tmpDirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(tmpDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Deterministic pseudo-random bytes (so the fixture is the same on every run). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const enc = new TextEncoder();
// 2.5 MiB: spans several 1 MiB chunks, so it gets a multi-block file DAG.
const BIG = bytes(2.5 * 1024 * 1024, 42);
const FIXTURE: Record<string, Uint8Array> = {
  'index.html': enc.encode('<!doctype html><title>Compartilha</title><script src="./assets/index.js"></script>\n'),
  'assets/index.js': enc.encode('console.log("compartilha")\n'),
  'assets/index.css': enc.encode('body{margin:0}\n'),
  'assets/big.bin': BIG,
  'assets/copy-of-index.js': enc.encode('console.log("compartilha")\n'), // duplicate content → one block in the CAR
  'icons/favicon.svg': enc.encode('<svg xmlns="http://www.w3.org/2000/svg"/>\n'),
  'manifest.webmanifest': enc.encode('{"name":"Compartilha"}\n'),
};

async function writeFixture(dir: string, files: Record<string, Uint8Array>, order?: string[]): Promise<void> {
  for (const rel of order ?? Object.keys(files)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, files[rel] as Uint8Array);
  }
}

async function readCar(car: Uint8Array) {
  const reader = await CarReader.fromBytes(car);
  const blocks: Array<{ cid: CID; bytes: Uint8Array }> = [];
  for await (const b of reader.blocks()) blocks.push(b);
  const byKey = new Map(blocks.map((b) => [b.cid.toString(), b.bytes]));
  const store = {
    *get(cid: CID) {
      const b = byKey.get(cid.toString());
      if (!b) throw new Error(`block not in CAR: ${cid.toString()}`);
      yield b;
    },
  };
  return { roots: await reader.getRoots(), blocks, store, version: reader.version };
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return Buffer.concat(parts);
}

type Store = Awaited<ReturnType<typeof readCar>>['store'];
/** Walk the exported UnixFS tree: relative path → file bytes; directories listed with a trailing '/'. */
async function exportTree(entry: UnixFSEntry, store: Store, prefix = ''): Promise<Map<string, Uint8Array | 'dir'>> {
  const out = new Map<string, Uint8Array | 'dir'>();
  if (entry.type !== 'directory') throw new Error(`expected a directory, got ${entry.type}`);
  for await (const child of entry.entries()) {
    const rel = prefix + child.name;
    const e = await exporter(child.cid, store);
    if (e.type === 'directory') {
      out.set(`${rel}/`, 'dir');
      for (const [k, v] of await exportTree(e, store, `${rel}/`)) out.set(k, v);
    } else if (e.type === 'file' || e.type === 'raw') {
      out.set(rel, await collect(e.content()));
    } else {
      throw new Error(`unexpected entry type ${e.type} at ${rel}`);
    }
  }
  return out;
}

describe('packDirectory', () => {
  it('is deterministic: same content → same CID and byte-identical CAR, regardless of creation order, mtime, mode', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeFixture(a, FIXTURE);
    await writeFixture(b, FIXTURE, Object.keys(FIXTURE).reverse());
    await utimes(path.join(b, 'index.html'), new Date('2001-01-01'), new Date('2001-01-01'));
    await chmod(path.join(b, 'assets/index.js'), 0o600);

    const p1 = await packDirectory(a);
    const p2 = await packDirectory(a);
    const p3 = await packDirectory(b);
    expect(p1.cid).toMatch(/^bafy[a-z2-7]+$/); // CIDv1 dag-pb, base32
    expect(p2.cid).toBe(p1.cid);
    expect(p3.cid).toBe(p1.cid);
    expect(Buffer.from(p2.car).equals(Buffer.from(p1.car))).toBe(true);
    expect(Buffer.from(p3.car).equals(Buffer.from(p1.car))).toBe(true);
  });

  it('changes the CID when a single byte, a file name, or an empty directory changes', async () => {
    const base = await tempDir();
    await writeFixture(base, FIXTURE);
    const original = (await packDirectory(base)).cid;

    const flipped = new Uint8Array(BIG);
    flipped[1_500_000] = (flipped[1_500_000] as number) ^ 1;
    const d1 = await tempDir();
    await writeFixture(d1, { ...FIXTURE, 'assets/big.bin': flipped });
    expect((await packDirectory(d1)).cid).not.toBe(original);

    const d2 = await tempDir();
    const renamed: Record<string, Uint8Array> = { ...FIXTURE, 'assets/index2.css': FIXTURE['assets/index.css'] as Uint8Array };
    delete renamed['assets/index.css'];
    await writeFixture(d2, renamed);
    expect((await packDirectory(d2)).cid).not.toBe(original);

    const d3 = await tempDir();
    await writeFixture(d3, FIXTURE);
    await mkdir(path.join(d3, 'empty'));
    expect((await packDirectory(d3)).cid).not.toBe(original);
  });

  it('produces a CARv1 rooted at the CID, with valid, unique blocks that hold every file byte-for-byte', async () => {
    const dir = await tempDir();
    await writeFixture(dir, FIXTURE);
    await mkdir(path.join(dir, 'empty'));
    const { cid, car } = await packDirectory(dir);
    const { roots, blocks, store, version } = await readCar(car);

    expect(version).toBe(1);
    expect(roots.map(String)).toEqual([cid]);
    expect(blocks[0]?.cid.toString()).toBe(cid); // root first (DAG order)

    // Every block hashes to its CID, appears once, and is CIDv1 raw (leaves) or dag-pb (nodes).
    const keys = new Set<string>();
    for (const b of blocks) {
      expect(b.cid.version).toBe(1);
      expect([raw.code, dagPb.code]).toContain(b.cid.code);
      expect(Buffer.from((await sha256.digest(b.bytes)).bytes).equals(Buffer.from(b.cid.multihash.bytes))).toBe(true);
      keys.add(b.cid.toString());
    }
    expect(keys.size).toBe(blocks.length);
    // big.bin = 3 raw leaves (1 MiB chunks) + 1 file node; 6 small files, 2 sharing content = 5 raw blocks;
    // directories: root, assets, icons, empty = 4 dag-pb nodes.
    expect(blocks.length).toBe(3 + 1 + 5 + 4);

    const root = await exporter(CID.parse(cid), store);
    const tree = await exportTree(root, store);
    const expected = new Map<string, Uint8Array | 'dir'>([['assets/', 'dir'], ['empty/', 'dir'], ['icons/', 'dir'], ...Object.entries(FIXTURE)]);
    expect([...tree.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [rel, content] of expected) {
      if (content === 'dir') continue;
      expect(Buffer.from(tree.get(rel) as Uint8Array).equals(Buffer.from(content)), rel).toBe(true);
    }

    // Raw leaves + CIDv1: a small file is linked directly as a raw block, CID = raw(sha256(bytes)).
    const rootNode = dagPb.decode(blocks[0]?.bytes as Uint8Array);
    const indexLink = rootNode.Links.find((l) => l.Name === 'index.html');
    const html = FIXTURE['index.html'] as Uint8Array;
    expect(indexLink?.Hash.toString()).toBe(CID.createV1(raw.code, await sha256.digest(html)).toString());
    // Sorted links, no mtime/mode: the unixfs Data of the root is just "directory".
    expect(rootNode.Links.map((l) => l.Name)).toEqual(['assets', 'empty', 'icons', 'index.html', 'manifest.webmanifest']);
    const dirEntry = await exporter(CID.parse(cid), store);
    if (dirEntry.type !== 'directory') throw new Error('root is not a directory');
    expect(dirEntry.unixfs.mtime).toBeUndefined();
    expect(dirEntry.unixfs.mode).toBe(0o755); // ipfs-unixfs reports the default when none is stored
    expect(Buffer.from(rootNode.Data ?? []).equals(Buffer.from([0x08, 0x01]))).toBe(true); // Type=Directory only
  });

  it('refuses symlinks and empty directories', async () => {
    const d1 = await tempDir();
    await writeFixture(d1, { 'index.html': enc.encode('x') });
    await symlink(path.join(d1, 'index.html'), path.join(d1, 'link.html'));
    await expect(packDirectory(d1)).rejects.toThrow(/unsupported entry/);

    const d2 = await tempDir();
    await expect(packDirectory(d2)).rejects.toThrow(/no files/);
  });
});
