// The production build served the way a gateway or CDN serves it: gzip for text assets when the
// browser asks for it, long cache for hashed assets. Lighthouse measures what users would get,
// not a dev server's uncompressed bytes.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypeFor } from '../lib/static-server.ts';

const TEXT = /\.(html|js|mjs|css|svg|json|txt|webmanifest)$/;

export interface BenchServer {
  url: string;
  close: () => Promise<void>;
}

export async function serveDist(dir: string, port: number): Promise<BenchServer> {
  const root = path.resolve(dir);
  const cache = new Map<string, { raw: Buffer; gz: Buffer | null }>();
  const server = createServer((req, res) => {
    void (async () => {
      const urlPath = decodeURIComponent((req.url ?? '/').split(/[?#]/, 1)[0] ?? '/');
      let file = path.join(root, path.normalize(urlPath));
      if (!file.startsWith(root)) return void res.writeHead(400).end();
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        let entry = cache.get(file);
        if (!entry) {
          const raw = await readFile(file);
          entry = { raw, gz: TEXT.test(file) ? gzipSync(raw, { level: 9 }) : null };
          cache.set(file, entry);
        }
        const gzip = entry.gz !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        const body = gzip && entry.gz ? entry.gz : entry.raw;
        res.writeHead(200, {
          'Content-Type': contentTypeFor(file),
          'Content-Length': body.length,
          'Cache-Control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
