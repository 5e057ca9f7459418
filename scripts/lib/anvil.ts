// Starts a fresh local chain (anvil from the @foundry-rs/anvil npm package) and waits until it
// answers JSON-RPC. Used by the dev command, the e2e setup and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foundryBin } from './foundry.ts';

export interface RunningAnvil {
  rpcUrl: string;
  port: number;
  process: ChildProcess;
  /** The ephemeral chain's HOME (anvil's state directory lives under it), removed when it stops. */
  home?: string;
  stop: () => Promise<void>;
}

export async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export interface AnvilOptions {
  quiet?: boolean;
  /** Chain id (default 31337). */
  chainId?: number;
  /** A permissioned network's zero gas price (base fee 0, gas price 0). */
  zeroGas?: boolean;
  /** Block gas limit (default 30M, mainnet-like). */
  gasLimit?: number;
  /** Ether in every dev account (anvil's default 10,000); 0 for a network where accounts hold none. */
  balanceEth?: number;
  /**
   * Leave nothing on disk: anvil persists old states under $HOME/.foundry/anvil/tmp on long runs
   * (565 MB at 60 simulated members) and leaves them when killed; here its HOME is a temp dir
   * removed when it stops, when this process exits, and on SIGINT/SIGTERM.
   */
  ephemeral?: boolean;
  /** Pending transactions are mined first come, first served (anvil's default orders them by fee). */
  fifo?: boolean;
}

export async function startAnvil(port: number, opts: AnvilOptions = {}): Promise<RunningAnvil> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  if (await rpcAnswers(rpcUrl)) {
    throw new Error(`something already answers on ${rpcUrl}; stop it or choose another port`);
  }
  // The binary itself, not npm's node wrapper: a SIGKILL to the wrapper (an interrupted run) left
  // the chain running with nobody to stop it.
  const bin = foundryBin('anvil');
  // 30M gas blocks (mainnet-like), chain id 31337, deterministic default accounts.
  const args = ['--port', String(port), '--host', '127.0.0.1', '--silent', '--gas-limit', String(opts.gasLimit ?? 30_000_000)];
  if (opts.chainId !== undefined) args.push('--chain-id', String(opts.chainId));
  if (opts.zeroGas) args.push('--base-fee', '0', '--gas-price', '0', '--no-priority-fee');
  if (opts.balanceEth !== undefined) args.push('--balance', String(opts.balanceEth));
  if (opts.fifo) args.push('--order', 'fifo');
  const home = opts.ephemeral ? mkdtempSync(join(tmpdir(), 'compartilha-anvil-')) : undefined;
  const child = spawn(bin, args, {
    stdio: opts.quiet === false ? 'inherit' : 'ignore',
    env: home ? { ...process.env, HOME: home } : process.env,
  });
  let exited = false;
  const removeHome = () => {
    if (home) rmSync(home, { recursive: true, force: true });
  };
  child.on('exit', () => {
    exited = true;
    removeHome();
  });
  if (home) {
    // Interrupted: stop anvil, remove its directory, then exit as the signal would have.
    const onSignal = (signal: NodeJS.Signals) => {
      if (!exited) child.kill('SIGKILL');
      removeHome();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('exit', () => {
      if (!exited) child.kill('SIGKILL');
      removeHome();
    });
  }
  const deadline = Date.now() + 20_000;
  while (!(await rpcAnswers(rpcUrl))) {
    if (exited) throw new Error('anvil exited before it answered; is @foundry-rs/anvil installed? run npm ci');
    if (Date.now() > deadline) throw new Error(`anvil did not answer on ${rpcUrl} within 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    port,
    process: child,
    home,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
