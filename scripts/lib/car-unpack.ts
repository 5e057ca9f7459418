/**
 * What an IPFS node serves after `ipfs dag import release/compartilha-<cid>.car`: the CAR's root
 * directory, read block by block (each block's hash checked by the exporter) and written out as
 * files, so a test can serve exactly what the CAR holds, not the build directory it came from.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CarReader } from '@ipld/car/reader';
import { exporter, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import type { CID } from 'multiformats/cid';

export async function unpackCar(car: Uint8Array, outDir: string): Promise<{ cid: string; files: number }> {
  const reader = await CarReader.fromBytes(car);
  const [root] = await reader.getRoots();
  if (!root) throw new Error('the CAR has no root');
  const blocks = new Map<string, Uint8Array>();
  for await (const b of reader.blocks()) blocks.set(b.cid.toString(), b.bytes);
  const store = {
    *get(cid: CID) {
      const b = blocks.get(cid.toString());
      if (!b) throw new Error(`block not in the CAR: ${cid.toString()}`);
      yield b;
    },
  };
  let files = 0;
  const walk = async (entry: UnixFSEntry, dir: string): Promise<void> => {
    if (entry.type !== 'directory') throw new Error(`expected a directory at ${dir}`);
    await mkdir(dir, { recursive: true });
    for await (const child of entry.entries()) {
      if (child.name.includes('/') || child.name === '..' || child.name === '.') throw new Error(`bad name in CAR: ${child.name}`);
      const e = await exporter(child.cid, store);
      const target = path.join(dir, child.name);
      if (e.type === 'directory') await walk(e, target);
      else if (e.type === 'file' || e.type === 'raw') {
        const parts: Uint8Array[] = [];
        for await (const p of e.content()) parts.push(p);
        await writeFile(target, Buffer.concat(parts));
        files++;
      } else throw new Error(`unexpected ${e.type} at ${target}`);
    }
  };
  await walk(await exporter(root, store), outDir);
  return { cid: root.toString(), files };
}
