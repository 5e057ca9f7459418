// Static server for the built app, for end-to-end tests that mimic an IPFS gateway path:
//   tsx scripts/serve-static.ts --port 4174 --prefix /ipfs/<cid>/ [--dir dist] [--host 127.0.0.1]
// Serves `dir` under `prefix` (default `/`), 404 everywhere else. Ctrl+C / SIGTERM stops it.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStaticServer } from './lib/static-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4174' },
    prefix: { type: 'string', default: '/' },
    dir: { type: 'string', default: join(import.meta.dirname, '..', 'dist') },
    host: { type: 'string', default: '127.0.0.1' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port: ${values.port}`);
  process.exit(2);
}

const server = await startStaticServer({ dir: values.dir, port, prefix: values.prefix, host: values.host });
console.log(`Serving ${values.dir} at ${server.url}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
