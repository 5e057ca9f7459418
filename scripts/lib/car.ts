/**
 * Deterministic packing of a directory (the Vite `dist/`) into a CARv1 file.
 *
 * - UnixFS via `ipfs-unixfs-importer` with the IPIP-499 `unixfs-v1-2025` profile
 *   (CIDv1, raw leaves, 1 MiB chunks, 1024 links per node), pinned explicitly below.
 * - Files are read and added in sorted (byte-wise) relative-path order, with no
 *   mtime / mode metadata, so the same bytes always give the same root CID.
 * - Blocks are written to the CAR in depth-first DAG order from the root (what
 *   `ipfs dag export` does), each block once, so the CAR bytes are deterministic too.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CarWriter } from '@ipld/car/writer';
import * as dagPb from '@ipld/dag-pb';
import { importer, type DirectoryCandidate, type FileCandidate, type ImportResult } from 'ipfs-unixfs-importer';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';

export interface PackedDirectory {
  /** Root CID (CIDv1, base32), the directory containing the files of `dir`. */
  cid: string;
  /** The CARv1 bytes, rooted at `cid`, containing every block of the DAG. */
  car: Uint8Array;
}

type Entry = { kind: 'file'; rel: string; abs: string } | { kind: 'dir'; rel: string };

/** Byte-wise (code unit) ordering, independent of locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every file and directory under `root`, as POSIX relative paths, sorted. */
async function listEntries(root: string): Promise<Entry[]> {
  const out: Entry[] = [];
  async function walk(absDir: string, relDir: string): Promise<void> {
    const names = (await readdir(absDir)).sort(compareStrings);
    for (const name of names) {
      const abs = path.join(absDir, name);
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const st = await lstat(abs);
      if (st.isDirectory()) {
        const before = out.length;
        await walk(abs, rel);
        // Only empty directories need an explicit candidate (the importer creates the others from file
        // paths; an explicit candidate for a non-empty one leaves an orphan empty-directory block behind).
        if (out.length === before) out.push({ kind: 'dir', rel });
      } else if (st.isFile()) {
        out.push({ kind: 'file', rel, abs });
      } else {
        // Symlinks, sockets, ...: refuse rather than silently produce a release that differs from disk.
        throw new Error(`packDirectory: unsupported entry (not a regular file or directory): ${abs}`);
      }
    }
  }
  await walk(root, '');
  return out.sort((a, b) => compareStrings(a.rel, b.rel));
}

async function concat(chunks: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (chunks instanceof Uint8Array) return chunks;
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  if (parts.length === 1 && parts[0]) return parts[0];
  const outBuf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    outBuf.set(p, off);
    off += p.length;
  }
  return outBuf;
}

/** Minimal in-memory write-only store for the importer (it only needs `put`). */
class MemoryBlocks {
  readonly blocks = new Map<string, Uint8Array>();
  async put(cid: CID, val: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<CID> {
    this.blocks.set(cid.toString(), await concat(val));
    return cid;
  }
}

/** Depth-first, links-in-order traversal from `root`; every block exactly once. */
function dagOrder(root: CID, blocks: Map<string, Uint8Array>): Array<{ cid: CID; bytes: Uint8Array }> {
  const seen = new Set<string>();
  const ordered: Array<{ cid: CID; bytes: Uint8Array }> = [];
  const stack: CID[] = [root];
  while (stack.length > 0) {
    const cid = stack.pop() as CID;
    const key = cid.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = blocks.get(key);
    if (!bytes) throw new Error(`packDirectory: block ${key} missing from import`);
    ordered.push({ cid, bytes });
    if (cid.code === dagPb.code) {
      const node = dagPb.decode(bytes);
      for (let i = node.Links.length - 1; i >= 0; i--) stack.push((node.Links[i] as dagPb.PBLink).Hash);
    } else if (cid.code !== raw.code) {
      throw new Error(`packDirectory: unexpected codec 0x${cid.code.toString(16)} for ${key}`);
    }
  }
  if (ordered.length !== blocks.size) {
    throw new Error(`packDirectory: ${blocks.size - ordered.length} imported block(s) unreachable from root`);
  }
  return ordered;
}

/**
 * Pack `dir` into a CAR whose root is a UnixFS directory holding the contents of `dir`
 * (so `https://<gateway>/ipfs/<cid>/index.html` is `dir/index.html`).
 */
export async function packDirectory(dir: string): Promise<PackedDirectory> {
  const root = path.resolve(dir);
  if (!(await lstat(root)).isDirectory()) throw new Error(`packDirectory: not a directory: ${root}`);
  const entries = await listEntries(root);
  if (!entries.some((e) => e.kind === 'file')) throw new Error(`packDirectory: no files in ${root}`);

  // Sorted order (empty directories sorted in by their path); whole-file buffers (dist is small).
  const candidates: Array<FileCandidate | DirectoryCandidate> = [];
  for (const e of entries) {
    candidates.push(e.kind === 'file' ? { path: e.rel, content: await readFile(e.abs) } : { path: e.rel });
  }

  const store = new MemoryBlocks();
  let last: ImportResult | undefined;
  for await (const res of importer(candidates, store, {
    profile: 'unixfs-v1-2025',
    cidVersion: 1,
    rawLeaves: true,
    wrapWithDirectory: true,
    shardSplitStrategy: 'block-bytes',
    shardSplitThresholdBytes: 262_144,
    // No mtime/mode anywhere: candidates carry none and the importer adds none.
  })) {
    last = res;
  }
  if (!last || last.path !== '') throw new Error('packDirectory: importer did not yield a wrapping root directory');
  const rootCid = last.cid;

  const { writer, out } = CarWriter.create([rootCid]);
  const collected = concat(out);
  for (const block of dagOrder(rootCid, store.blocks)) await writer.put(block);
  await writer.close();
  return { cid: rootCid.toString(), car: await collected };
}
