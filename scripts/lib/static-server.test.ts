import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePrefix, startStaticServer, type StaticServer } from './static-server.ts';

const PREFIX = '/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/';

/** Raw HTTP GET that sends the path exactly as given (fetch/URL would normalise `..` away). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startStaticServer', () => {
  let parent: string;
  let dir: string;
  let server: StaticServer;
  let origin: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'compartilha-static-'));
    dir = path.join(parent, 'dist');
    await mkdir(path.join(dir, 'assets'), { recursive: true });
    await writeFile(path.join(parent, 'secret.txt'), 'TOP SECRET');
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Compartilha</title>');
    await writeFile(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'assets', 'index-abc.css'), 'body{}');
    await writeFile(path.join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(dir, 'assets', 'app.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d]));
    await writeFile(path.join(dir, 'manifest.webmanifest'), '{}');
    await writeFile(path.join(dir, 'favicon.ico'), new Uint8Array([0, 0, 1, 0]));
    await symlink(path.join(parent, 'secret.txt'), path.join(dir, 'escape.txt'));
    server = await startStaticServer({ dir, port: 0, prefix: PREFIX });
    origin = new URL(server.url).origin;
  });

  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('reports the mount URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ipfs\/bafy[a-z2-7]+\/$/);
  });

  it('serves files under the prefix with the right content type', async () => {
    const cases: Array<[string, string, string | null]> = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
      ['assets/logo.svg', 'image/svg+xml', null],
      ['assets/app.wasm', 'application/wasm', null],
      ['manifest.webmanifest', 'application/manifest+json', '{}'],
      ['favicon.ico', 'image/x-icon', null],
    ];
    for (const [rel, type, body] of cases) {
      const res = await fetch(new URL(rel, server.url));
      expect(res.status, rel).toBe(200);
      expect(res.headers.get('content-type'), rel).toBe(type);
      const text = await res.text();
      if (body !== null) expect(text, rel).toBe(body);
    }
  });

  it('serves index.html for the mount point and redirects the slash-less form', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Compartilha</title>');

    const noSlash = await fetch(server.url.slice(0, -1), { redirect: 'manual' });
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe(PREFIX);
  });

  it('404s outside the prefix and for missing files', async () => {
    for (const p of ['/', '/index.html', '/assets/index-abc.js', '/ipfs/other/index.html', `${PREFIX}nope.js`]) {
      const res = await fetch(origin + p);
      expect(res.status, p).toBe(404);
      await res.arrayBuffer();
    }
  });

  it('does not escape the directory via .., encoded .., or symlinks', async () => {
    const attempts = [
      `${PREFIX}../secret.txt`,
      `${PREFIX}../../../secret.txt`,
      `${PREFIX}assets/../../secret.txt`,
      `${PREFIX}%2e%2e/secret.txt`,
      `${PREFIX}..%2fsecret.txt`,
      `${PREFIX}..%5csecret.txt`,
      `${PREFIX}assets%2f..%2f..%2fsecret.txt`,
      `${PREFIX}escape.txt`,
      `${PREFIX}%00`,
      `${PREFIX}%E0%A4%A`,
    ];
    for (const p of attempts) {
      const res = await rawGet(origin, p);
      expect([400, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain('TOP SECRET');
    }
  });

  it('rejects non-GET methods', async () => {
    const res = await fetch(new URL('index.html', server.url), { method: 'POST' });
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });

  it('serves under / by default', async () => {
    const root = await startStaticServer({ dir, port: 0 });
    try {
      expect(new URL(root.url).pathname).toBe('/');
      const res = await fetch(new URL('assets/index-abc.js', root.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('console.log(1)');
    } finally {
      await root.close();
    }
  });

  it('normalises prefixes', () => {
    expect(normalizePrefix(undefined)).toBe('/');
    expect(normalizePrefix('/')).toBe('/');
    expect(normalizePrefix('ipfs/x')).toBe('/ipfs/x/');
    expect(normalizePrefix('/ipfs/x/')).toBe('/ipfs/x/');
    expect(() => normalizePrefix('/ipfs/../x')).toThrow();
  });
});
