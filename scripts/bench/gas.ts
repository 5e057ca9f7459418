// The contracts' gas figures: every console.log line of the forge gas tests (*Gas*.t.sol).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './env.ts';
import { foundryBin } from '../lib/foundry.ts';

export function gasReport(): { text: string; ok: boolean } {
  const gas = spawnSync(foundryBin('forge'), ['test', '--match-contract', 'Gas', '-vv'], {
    cwd: join(root, 'contracts'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // Each test's name and its console.log lines (the figures).
  const lines: string[] = [];
  let inLogs = false;
  for (const line of (gas.stdout ?? '').split('\n')) {
    if (/^\[(PASS|FAIL)/.test(line)) lines.push(`  ${line.replace(/\s*\(gas: \d+\)/, '')}`);
    if (line.startsWith('Logs:')) inLogs = true;
    else if (inLogs && line.trim() === '') inLogs = false;
    else if (inLogs) lines.push(`    ${line.trim()}`);
  }
  if (gas.status !== 0) lines.push(gas.stderr ?? '', `forge test failed (exit ${gas.status ?? gas.signal})`);
  return { text: lines.join('\n'), ok: gas.status === 0 };
}
