// `npm run release` (= vite build && tsx scripts/release.ts): packs dist/ into a deterministic CAR
// (UnixFS, CIDv1, raw leaves, sorted paths, no mtime/mode) at release/compartilha-<cid>.car.
// Building twice from the same commit gives the same root CID.
//   tsx scripts/release.ts [--dir dist] [--out release]
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packDirectory } from './lib/car.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: join(root, 'dist') },
    out: { type: 'string', default: join(root, 'release') },
  },
  strict: true,
});
const dir = resolve(values.dir);
const outDir = resolve(values.out);

try {
  await stat(join(dir, 'index.html'));
} catch {
  console.error(`${dir}/index.html not found: run \`npm run build\` first (or \`npm run release\`).`);
  process.exit(1);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

const { cid, car } = await packDirectory(dir);
await mkdir(outDir, { recursive: true });
const carPath = join(outDir, `compartilha-${cid}.car`);
await writeFile(carPath, car);
const rel = relative(process.cwd(), carPath);
const shownPath = rel.startsWith('..') ? carPath : rel;

console.log(`
Root CID: ${cid}
CAR:      ${shownPath} (${formatBytes(car.length)}, ${car.length} bytes)

Pin it on your IPFS node (Kubo):
  ipfs dag import ${shownPath}
  ipfs pin ls ${cid}            # should list it as recursive
(or upload the .car to any pinning service that accepts CAR files)

Open it through a gateway: https://<gateway>/ipfs/${cid}/
  e.g. https://ipfs.io/ipfs/${cid}/
  or, with a per-CID origin (subdomain gateway, preferred): https://${cid}.ipfs.dweb.link/
`);
