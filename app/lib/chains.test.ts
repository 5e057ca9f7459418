import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChainConfig, parseDeployment, withConnectSrc, withLocalRpc, withoutLocalChain } from '../config/chain-config.ts';
import { chainsJsonFrom } from '../config/chains-plugin.ts';
import { chainOf, chains, deployments } from './chains.ts';

const good = {
  chainId: 1337,
  name: 'Besu (cooperativa)',
  rpcUrl: 'https://besu.example.coop',
  explorerUrl: null,
  registry: '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const,
  registryBlock: 12,
  demoCommunity: null as `0x${string}` | null,
  zeroGas: false,
  logsBlockRange: 5_000,
};
const local = { ...good, chainId: 31337, name: 'Anvil (local)', rpcUrl: 'http://127.0.0.1:8545' };

describe('parseDeployment', () => {
  it('accepts a deployment and defaults the optional fields', () => {
    expect(parseDeployment(good)).toEqual(good);
    const { explorerUrl: _e, demoCommunity: _d, registryBlock: _b, zeroGas: _z, logsBlockRange: _r, ...minimal } = good;
    expect(parseDeployment(minimal)).toEqual({ ...good, registryBlock: 0, logsBlockRange: 1_000 });
    expect(parseDeployment({ ...good, logsBlockRange: 1 })).toEqual({ ...good, logsBlockRange: 1 });
    expect(parseDeployment({ ...good, zeroGas: true })).toEqual({ ...good, zeroGas: true });
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
    [{ ...good, zeroGas: 'yes' }, /zeroGas must be true or false \(got "yes"\)/],
    [{ ...good, logsBlockRange: 0 }, /logsBlockRange must be a positive integer \(blocks per eth_getLogs\) \(got 0\)/],
    [{ ...good, logsBlockRange: -5 }, /logsBlockRange must be a positive integer/],
    [{ ...good, logsBlockRange: 1.5 }, /logsBlockRange must be a positive integer/],
    [{ ...good, logsBlockRange: '1000' }, /logsBlockRange must be a positive integer .*\(got "1000"\)/],
    [null, /not an object/],
    [[good], /not an object/],
  ])('rejects %j with a reason', (entry, reason) => {
    expect(parseDeployment(entry)).toMatch(reason);
  });
});

describe('parseChainConfig', () => {
  it('keeps the good entries, the named local chain first, and names each bad one', () => {
    const { deployments, errors } = parseChainConfig([good, { ...good, chainId: 5, registry: 'nope' }, local, { ...good, name: 'again' }], 31337);
    expect(deployments.map((d) => d.chainId)).toEqual([31337, 1337]);
    expect(parseChainConfig([local, good]).deployments.map((d) => d.chainId)).toEqual([1337, 31337]); // no local chain named: by id
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

  it('withLocalRpc marks only the local chain zero-gas when VITE_LOCAL_ZERO_GAS=1 (the zero-gas e2e run)', () => {
    const out = withLocalRpc([local, good], 'http://127.0.0.1:8556', '1');
    expect(out.map((d) => [d.rpcUrl, d.zeroGas])).toEqual([
      ['http://127.0.0.1:8556', true],
      [good.rpcUrl, good.zeroGas],
    ]);
    expect(withLocalRpc([local], undefined, '1')).toEqual([{ ...local, zeroGas: true }]);
    expect(withLocalRpc([local], undefined, '0')).toEqual([local]);
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

describe('a production release', () => {
  it('lists no local chain in chains.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deployments-'));
    writeFileSync(join(dir, '31337.json'), JSON.stringify(local));
    writeFileSync(join(dir, '1337.json'), JSON.stringify(good));
    expect(JSON.parse(chainsJsonFrom(dir, undefined, false))).toEqual([good]);
    expect(withoutLocalChain([local, good])).toEqual([good]);
  });

  it("lets the page talk to its own origin and its chains' RPC only (no localhost wildcard, no https:)", () => {
    const html = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; connect-src 'self' https:; object-src 'none'\" />";
    const lan = { ...good, chainId: 4242, rpcUrl: 'http://10.0.0.5:8545/rpc' };
    const prod = withConnectSrc(html, [good, lan], false);
    expect(prod).toContain("connect-src 'self' http://10.0.0.5:8545 https://besu.example.coop; object-src");
    expect(prod).not.toMatch(/127\.0\.0\.1|localhost|https:;/);
    expect(withConnectSrc(html, [local], true)).toContain("connect-src 'self' http://127.0.0.1:* http://localhost:* https:;");
    expect(() => withConnectSrc('<html></html>', [good], false)).toThrow(/no Content-Security-Policy/);
  });
});

describe('zero-gas chains', () => {
  it('price every write at zero, so an account holding no ETH can send', async () => {
    const chain = chainOf({ ...good, zeroGas: true });
    const estimate = chain.fees?.estimateFeesPerGas;
    expect(typeof estimate).toBe('function');
    expect(await (estimate as () => Promise<unknown>)()).toEqual({ maxFeePerGas: 0n, maxPriorityFeePerGas: 0n });
    expect(chainOf(good).fees).toBeUndefined();
  });
});

describe('app chain list outside a browser', () => {
  it('is empty without a chains.json (nothing bundled to fall back to)', () => {
    expect(deployments).toEqual([]);
    expect(chains.length).toBe(1);
  });
});
