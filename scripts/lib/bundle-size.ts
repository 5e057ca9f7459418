// First-load JS: the scripts index.html loads plus the modules it preloads; lazy chunks excluded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleReport {
  files: { file: string; rawBytes: number; gzipBytes: number }[];
  rawBytes: number;
  gzipBytes: number;
}

export function firstLoadJs(distDir: string): BundleReport {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) if (m[1]) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) if (m[1]) refs.add(m[1]);
  const files = [...refs].map((ref) => {
    const bytes = readFileSync(join(distDir, ref.replace(/^\.?\//, '')));
    return { file: ref, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    rawBytes: files.reduce((a, f) => a + f.rawBytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
  };
}
