import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The path of a Foundry binary from its npm platform package (e.g. @foundry-rs/forge-linux-amd64),
 * not the npm wrapper in node_modules/.bin, which does not pass the binary's exit status on.
 */
export function foundryBin(tool: 'forge' | 'anvil' | 'cast'): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/${tool}-${process.platform}-${arch}`;
  const bin = join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', tool);
  if (!existsSync(bin)) throw new Error(`${bin} missing: run npm ci`);
  return bin;
}
