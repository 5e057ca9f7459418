// Runs Foundry's forge binary and exits with ITS status. The npm wrapper (node_modules/.bin/forge,
// @foundry-rs/forge 1.7.x) exits 0 even when a test fails, so `npx forge test` can never fail a
// build: every script that must fail on a failing forge goes through here (or foundryBin).
//   tsx scripts/forge.ts test …   (from contracts/ or anywhere: the cwd is kept)
import { spawnSync } from 'node:child_process';
import { foundryBin } from './lib/foundry.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = spawnSync(foundryBin('forge'), process.argv.slice(2), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
