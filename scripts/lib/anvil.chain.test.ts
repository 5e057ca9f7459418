// An ephemeral chain leaves nothing on disk: not when it stops, not when the process running it is
// interrupted (npm run simulate at 600 members once left 3.8 GB of anvil states behind).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rpcAnswers, startAnvil } from './anvil.ts';

const PORT = Number(process.env.ANVIL_TEST_CHAIN_PORT ?? 8727);
const root = join(import.meta.dirname, '..', '..');

/** Polls until `check` holds: bounded by the test's timeout, not by a guess at the machine's speed. */
async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

describe('an ephemeral anvil', () => {
  it('keeps its state directory while it runs and removes it when it stops', async () => {
    const chain = await startAnvil(PORT, { ephemeral: true });
    const home = chain.home!;
    expect(existsSync(home)).toBe(true);
    writeFileSync(join(home, 'state-written-by-anvil'), 'x');
    await chain.stop();
    await until(() => !existsSync(home));
    expect(existsSync(home)).toBe(false);
    expect(await rpcAnswers(chain.rpcUrl)).toBe(false);
  }, 60_000);

  it('removes it and stops the chain when the process running it is interrupted (SIGINT)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compartilha-anvil-test-'));
    const script = join(dir, 'child.mts');
    writeFileSync(
      script,
      `import { startAnvil } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'anvil.ts')).href)};
const c = await startAnvil(${PORT + 1}, { ephemeral: true });
console.log(JSON.stringify({ home: c.home }));
setInterval(() => {}, 1000);`,
    );
    // node itself (not the tsx wrapper, which relays signals its own way): the signal reaches the process that owns the chain.
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let gone = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => (gone = true));
    await until(() => out.includes('\n') || gone);
    rmSync(dir, { recursive: true, force: true });
    expect(gone, 'the child exited before starting its chain').toBe(false);
    const { home } = JSON.parse(out.trim()) as { home: string };
    expect(existsSync(home)).toBe(true);
    expect(await rpcAnswers(`http://127.0.0.1:${PORT + 1}`)).toBe(true);
    const exited = new Promise<number | null>((r) => (gone ? r(child.exitCode) : child.once('exit', (code) => r(code))));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(home)).toBe(false);
    await until(async () => !(await rpcAnswers(`http://127.0.0.1:${PORT + 1}`)));
  }, 60_000);
});
