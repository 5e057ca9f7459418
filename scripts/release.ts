// `npm run release` (= vite build && tsx scripts/release.ts): packs dist/ into a deterministic CAR
// (UnixFS, CIDv1, raw leaves, sorted paths, no mtime/mode) at release/compartilha-<cid>.car.
// Building twice from the same commit gives the same root CID.
//   tsx scripts/release.ts [--dir dist] [--out release] [--dev]
// Before packing it checks dist/chains.json (an operator may have edited it): a malformed file, an
// entry that is not valid, or the development chain (31337, unless --dev: `npm run release:dev`)
// stops it with a sentence; and it sets index.html's CSP connect-src to exactly the RPC origins
// chains.json lists, so an edited list never leaves a node blocked or a stale origin allowed.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_CHAIN_ID, parseChainConfig, withConnectSrc } from '../app/config/chain-config.ts';
import { packDirectory } from './lib/car.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: join(root, 'dist') },
    out: { type: 'string', default: join(root, 'release') },
    dev: { type: 'boolean', default: false },
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

function refuse(message: string): never {
  console.error(`✗ ${message}\nNothing was packed.`);
  process.exit(1);
}

const chainsPath = join(dir, 'chains.json');
let chainsJson: unknown;
try {
  chainsJson = JSON.parse(await readFile(chainsPath, 'utf8'));
} catch (error) {
  refuse(`${chainsPath} is missing or is not valid JSON (${(error as Error).message}). Fix it (a JSON array of chains, see the README) or rebuild.`);
}
const { deployments, errors } = parseChainConfig(chainsJson);
if (errors.length > 0) refuse(`${chainsPath} has entries the app would skip:\n  ${errors.join('\n  ')}`);
if (deployments.length === 0) refuse(`${chainsPath} lists no network: run \`npm run deploy\` for your chain, then \`npm run release\`.`);
if (!values.dev && deployments.some((d) => d.chainId === LOCAL_CHAIN_ID)) {
  refuse(
    `${chainsPath} lists the local development chain (${LOCAL_CHAIN_ID}). Remove that entry for a release, or pack a development release with --dev (npm run release:dev).`,
  );
}
if (!values.dev) {
  const indexPath = join(dir, 'index.html');
  await writeFile(indexPath, withConnectSrc(await readFile(indexPath, 'utf8'), deployments, false));
}
console.log(`chains.json: ${deployments.map((d) => `${d.name} (chain ${d.chainId}, ${d.rpcUrl})`).join('; ')}`);

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
