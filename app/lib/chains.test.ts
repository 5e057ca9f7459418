import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChainConfig, parseDeployment, withLocalRpc } from '../config/chain-config.ts';
import { chainsJsonFrom } from '../config/chains-plugin.ts';
import { bundledDeployments, chains, deployments } from './chains.ts';

const good = {
  chainId: 1337,
  name: 'Besu (cooperativa)',
  rpcUrl: 'https://besu.example.coop',
  explorerUrl: null,
  registry: '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const,
  registryBlock: 12,
  demoCommunity: null as `0x${string}` | null,
};
const local = { ...good, chainId: 31337, name: 'Anvil (local)', rpcUrl: 'http://127.0.0.1:8545' };

describe('parseDeployment', () => {
  it('accepts a deployment and defaults the optional fields', () => {
    expect(parseDeployment(good)).toEqual(good);
    const { explorerUrl: _e, demoCommunity: _d, registryBlock: _b, ...minimal } = good;
    expect(parseDeployment(minimal)).toEqual({ ...good, registryBlock: 0 });
  });

  it.each([
    [{ ...good, chainId: 0 }, /chainId must be a positive integer \(got 0\)/],
    [{ ...good, chainId: '1337' }, /chainId must be a positive integer \(got "1337"\)/],
    [{ ...good, name: '  ' }, /name must be a non-empty text/],
    [{ ...good, rpcUrl: 'ws://node:8546' }, /rpcUrl must be an http\(s\) URL \(got "ws:\/\/node:8546"\)/],
    [{ ...good, rpcUrl: undefined }, /rpcUrl must be an http\(s\) URL \(got nothing\)/],
    [{ ...good, explorerUrl: 'explorer' }, /explorerUrl must be an http\(s\) URL or null/],
    [{ ...good, registry: '0x1234' }, /registry must be a 0x address/],
    [{ ...good, registryBlock: -1 }, /registryBlock must be a block number/],
    [{ ...good, demoCommunity: 'abc' }, /demoCommunity must be a 0x address or null/],
    [null, /not an object/],
    [[good], /not an object/],
  ])('rejects %j with a reason', (entry, reason) => {
    expect(parseDeployment(entry)).toMatch(reason);
  });
});

describe('parseChainConfig', () => {
  it('keeps the good entries, local chain first, and names each bad one', () => {
    const { deployments, errors } = parseChainConfig([good, { ...good, chainId: 5, registry: 'nope' }, local, { ...good, name: 'again' }]);
    expect(deployments.map((d) => d.chainId)).toEqual([31337, 1337]);
    expect(errors).toEqual([
      'chain #2 (chainId 5): registry must be a 0x address (40 hex digits) (got "nope")',
      'chain #4 (chainId 1337): chainId 1337 is listed twice',
    ]);
  });

  it('rejects a file that is not an array', () => {
    expect(parseChainConfig({ chains: [good] })).toEqual({ deployments: [], errors: ['chains.json must be a JSON array of chains'] });
  });

  it('withLocalRpc moves only the local chain', () => {
    const out = withLocalRpc([local, good], 'http://127.0.0.1:9646');
    expect(out.map((d) => d.rpcUrl)).toEqual(['http://127.0.0.1:9646', good.rpcUrl]);
    expect(withLocalRpc([local], '')).toEqual([local]);
  });
});

describe('build-time chains.json', () => {
  it('is generated from the deployment files with VITE_LOCAL_RPC_URL applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deployments-'));
    writeFileSync(join(dir, '31337.json'), JSON.stringify(local));
    writeFileSync(join(dir, '1337.json'), JSON.stringify(good));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const json = JSON.parse(chainsJsonFrom(dir, 'http://127.0.0.1:9646'));
    expect(json).toEqual([{ ...local, rpcUrl: 'http://127.0.0.1:9646' }, good]);
  });

  it('fails the build on an invalid deployment file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deployments-'));
    writeFileSync(join(dir, '1.json'), JSON.stringify({ ...good, chainId: 1, rpcUrl: 'nope' }));
    expect(() => chainsJsonFrom(dir, undefined)).toThrow(/chain #1 \(chainId 1\): rpcUrl must be an http\(s\) URL/);
  });
});

describe('app chain list outside a browser', () => {
  it('is the bundled deployments (no chains.json read)', () => {
    expect(deployments).toBe(bundledDeployments);
    expect(chains.length).toBeGreaterThan(0);
  });
});
