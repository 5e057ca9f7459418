/**
 * Tiny zero-dependency static file server for the built SPA (`dist/`), used by e2e tests to
 * mimic an IPFS gateway path such as `/ipfs/<cid>/`. Only GET/HEAD; no caching headers.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface StaticServerOptions {
  /** Directory to serve. */
  dir: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** URL path prefix the directory is mounted at, e.g. `/ipfs/bafy.../`. Default `/`. */
  prefix?: string;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
}

export interface StaticServer {
  /** Absolute URL of the mount point, ending in `/` (e.g. `http://127.0.0.1:4174/ipfs/bafy.../`). */
  url: string;
  close(): Promise<void>;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Normalise a prefix to the form `/a/b/` (or `/`). */
export function normalizePrefix(prefix: string | undefined): string {
  const parts = (prefix ?? '/').split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) throw new Error(`invalid prefix: ${prefix}`);
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
  const root = await realpath(path.resolve(opts.dir));
  if (!(await stat(root)).isDirectory()) throw new Error(`not a directory: ${root}`);
  const prefix = normalizePrefix(opts.prefix);
  const host = opts.host ?? '127.0.0.1';

  /** Resolve a URL path to a file inside `root`, or null (→ 404). Never escapes `root`. */
  async function resolveFile(urlPath: string): Promise<string | null | 'redirect'> {
    // `/ipfs/cid` (no trailing slash) → redirect to the mount point, like gateways do.
    if (urlPath === prefix.slice(0, -1) && prefix !== '/') return 'redirect';
    if (!urlPath.startsWith(prefix)) return null;
    const segments = urlPath.slice(prefix.length).split('/');
    const decoded: string[] = [];
    for (const seg of segments) {
      let s: string;
      try {
        s = decodeURIComponent(seg);
      } catch {
        return null;
      }
      // Reject traversal and anything that could be read as a path separator / NUL after decoding.
      if (s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0')) return null;
      decoded.push(s);
    }
    let candidate = path.join(root, ...decoded);
    try {
      let st = await stat(candidate);
      if (st.isDirectory()) {
        candidate = path.join(candidate, 'index.html');
        st = await stat(candidate);
      }
      if (!st.isFile()) return null;
      // Symlinks inside dist must not point outside it.
      const real = await realpath(candidate);
      if (real !== root && !real.startsWith(root + path.sep)) return null;
      return real;
    } catch {
      return null;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'Method Not Allowed\n');
      return;
    }
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (!rawPath.startsWith('/')) {
      send(res, 400, 'Bad Request\n');
      return;
    }
    const file = await resolveFile(rawPath);
    if (file === 'redirect') {
      res.writeHead(301, { Location: prefix, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (file === null) {
      send(res, 404, 'Not Found\n');
      return;
    }
    const { size } = await stat(file);
    res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Content-Length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${hostForUrl}:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
