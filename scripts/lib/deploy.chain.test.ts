// `npm run deploy` and `npm run create-community` as an operator runs them, against real anvils:
// a zero-gas chain with a key that holds no ETH, a chain with gas and an unfunded key, a chain
// whose blocks are too small, an unreachable node, and a deployment resumed after it stopped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, defineChain, http, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, describe, expect, it } from 'vitest';
import { communityAbi, communityRegistryAbi } from '../../contracts-abi/abis.ts';
import { startAnvil, type RunningAnvil } from './anvil.ts';
import { creationCode, makeClients, type DeployedAddresses } from './deploy.ts';

const root = join(import.meta.dirname, '..', '..');
const running: RunningAnvil[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function anvilAt(port: number, opts: Parameters<typeof startAnvil>[1]) {
  const chain = await startAnvil(port, opts);
  running.push(chain);
  return chain;
}

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const dir = env.COMPARTILHA_DEPLOYMENTS_DIR ?? '';
  const r = spawnSync('npx', ['tsx', join(root, 'scripts', script), ...args], {
    cwd: root,
    env: { ...process.env, COMPARTILHA_DEPLOYMENTS_DIR: dir, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'compartilha-deploy-'));
  dirs.push(d);
  return d;
}

const client = (rpcUrl: string) => createPublicClient({ transport: http(rpcUrl) });

describe('npm run deploy', () => {
  it('deploys on a zero-gas chain (id 4242) with a key that holds no ETH, every transaction under 6M gas', async () => {
    const chain = await anvilAt(8651, { chainId: 4242, zeroGas: true });
    const dir = tempDir();
    const key = generatePrivateKey();
    const r = run('deploy.ts', { RPC_URL: chain.rpcUrl, PRIVATE_KEY: key, CHAIN_NAME: 'Besu da cooperativa', COMPARTILHA_DEPLOYMENTS_DIR: dir });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('fees      zero');
    const gases = [...r.out.matchAll(/deployed\s+(\w+)\s+0x[0-9a-fA-F]{40} block \d+, ([\d,]+) gas/g)].map(
      (m) => [m[1], Number(m[2]!.replaceAll(',', ''))] as const,
    );
    expect(gases.map(([step]) => step)).toEqual(['views', 'communityImplementation', 'marketImplementation', 'registry']);
    for (const [step, gas] of gases) expect(gas, step).toBeLessThan(6_000_000);
    expect(r.out).toMatch(/block gas limit needed: ≥ [\d,]+/);

    const deployment = JSON.parse(readFileSync(join(dir, '4242.json'), 'utf8')) as { registry: Address; zeroGas: boolean; name: string; registryBlock: number };
    expect(deployment).toMatchObject({ chainId: 4242, name: 'Besu da cooperativa', zeroGas: true, demoCommunity: null });
    expect(existsSync(join(dir, '4242.partial.json'))).toBe(false);
    const c = client(chain.rpcUrl);
    const impl = await c.readContract({ address: deployment.registry, abi: communityRegistryAbi, functionName: 'implementation' });
    expect(await c.getCode({ address: impl })).not.toBe('0x');
    expect(await c.getBalance({ address: privateKeyToAccount(key).address })).toBe(0n);

    // The operator's next step, from a JSON file: the community, created with zero fees too.
    const file = join(dir, 'community.json');
    writeFileSync(file, readFileSync(join(root, 'scripts', 'community.example.json')));
    const created = run('create-community.ts', { RPC_URL: chain.rpcUrl, PRIVATE_KEY: key, COMPARTILHA_DEPLOYMENTS_DIR: dir }, [file]);
    expect(created.status, created.out).toBe(0);
    const address = /community (0x[0-9a-fA-F]{40})/.exec(created.out)?.[1] as Address;
    const settings = await c.readContract({ address, abi: communityAbi, functionName: 'settings' });
    expect(settings).toMatchObject({
      name: 'Cooperativa Sol do Sertão',
      plantCapacityW: 75_500,
      fullTariffMicroBrlPerKwh: 812_345n,
      fioBMicroBrlPerKwh: 280_000n,
      tradingPolicy: 0,
    });
    expect(await c.readContract({ address, abi: communityAbi, functionName: 'manager' })).toBe(privateKeyToAccount(key).address);
    expect(created.out).toContain(`#/c/4242/${address}`);

    // A plant over 5 MW is refused before anything is sent.
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), plantKwp: '6000' }));
    const nonce = await c.getTransactionCount({ address: privateKeyToAccount(key).address });
    const refused = run('create-community.ts', { RPC_URL: chain.rpcUrl, PRIVATE_KEY: key, COMPARTILHA_DEPLOYMENTS_DIR: dir }, [file]);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/plantKwp: .*plantTooLarge.*Nothing was sent/);
    expect(await c.getTransactionCount({ address: privateKeyToAccount(key).address })).toBe(nonce);
  }, 180_000);

  it('deploys on a chain with gas, priced by the node, from a funded key', async () => {
    const chain = await anvilAt(8655, {});
    const dir = tempDir();
    // anvil's first public test account (funded on a fresh anvil).
    const r = run('deploy.ts', {
      RPC_URL: chain.rpcUrl,
      PRIVATE_KEY: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
      COMPARTILHA_DEPLOYMENTS_DIR: dir,
    });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('fees      market');
    expect(JSON.parse(readFileSync(join(dir, '31337.json'), 'utf8'))).toMatchObject({ zeroGas: false });
  }, 60_000);

  it('refuses, sending nothing, on a chain with gas when the key cannot pay', async () => {
    const chain = await anvilAt(8652, {});
    const key = generatePrivateKey();
    const r = run('deploy.ts', { RPC_URL: chain.rpcUrl, PRIVATE_KEY: key, COMPARTILHA_DEPLOYMENTS_DIR: tempDir() });
    expect(r.status).toBe(1);
    expect(r.out).toContain('fees      market');
    expect(r.out).toMatch(/holds 0 ETH; the deployment needs about [\d.]+ ETH .*Nothing was deployed/);
    expect(await client(chain.rpcUrl).getTransactionCount({ address: privateKeyToAccount(key).address })).toBe(0);
  }, 60_000);

  it('refuses a chain whose block gas limit is too small, saying what it needs', async () => {
    const chain = await anvilAt(8653, { chainId: 4243, zeroGas: true, gasLimit: 4_000_000 });
    const key = generatePrivateKey();
    const r = run('deploy.ts', { RPC_URL: chain.rpcUrl, PRIVATE_KEY: key, COMPARTILHA_DEPLOYMENTS_DIR: tempDir() });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/block gas limit is 4,000,000, below the [\d,]+ the largest deployment needs\. Raise .* Nothing was deployed/);
    expect(await client(chain.rpcUrl).getTransactionCount({ address: privateKeyToAccount(key).address })).toBe(0);
  }, 60_000);

  it('says the node cannot be reached', () => {
    const r = run('deploy.ts', { RPC_URL: 'http://127.0.0.1:8659', PRIVATE_KEY: generatePrivateKey(), COMPARTILHA_DEPLOYMENTS_DIR: tempDir() });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/Could not reach the node at http:\/\/127\.0\.0\.1:8659 .*Nothing was deployed/);
  });

  it('refuses a malformed key and a malformed GAS override', () => {
    expect(run('deploy.ts', { RPC_URL: 'http://127.0.0.1:8659', PRIVATE_KEY: '0x1234' }).out).toMatch(/PRIVATE_KEY must be 0x followed by 64 hex digits/);
    expect(run('deploy.ts', { RPC_URL: 'http://127.0.0.1:8659', PRIVATE_KEY: generatePrivateKey(), GAS: 'free' }).out).toMatch(
      /GAS must be "zero" or "market"/,
    );
  }, 60_000); // two `tsx` processes: seconds each on a loaded machine

  it('resumes a deployment that stopped part-way: what exists is reused, nothing deployed twice', async () => {
    const chain = await anvilAt(8654, { chainId: 4244, zeroGas: true });
    const dir = tempDir();
    const key = generatePrivateKey();
    const account = privateKeyToAccount(key);
    // The first step went through before the deployment stopped (saved in the partial file).
    const viemChain = defineChain({
      id: 4244,
      name: 'x',
      nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 },
      rpcUrls: { default: { http: [chain.rpcUrl] } },
    });
    const { publicClient, walletClient } = makeClients(chain.rpcUrl, viemChain, account);
    const hash = await walletClient.sendTransaction({ data: creationCode('views', {}), maxFeePerGas: 0n, maxPriorityFeePerGas: 0n });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const partial: DeployedAddresses = { views: { address: receipt.contractAddress!, block: Number(receipt.blockNumber), gasUsed: Number(receipt.gasUsed) } };
    writeFileSync(join(dir, '4244.partial.json'), JSON.stringify(partial));

    const r = run('deploy.ts', { RPC_URL: chain.rpcUrl, PRIVATE_KEY: key, COMPARTILHA_DEPLOYMENTS_DIR: dir });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('resuming');
    expect(r.out).toMatch(new RegExp(`views\\s+${receipt.contractAddress} \\(already deployed at block \\d+, reused\\)`, 'i'));
    expect(await publicClient.getTransactionCount({ address: account.address })).toBe(4); // 1 before + 3 now
    const registry = (JSON.parse(readFileSync(join(dir, '4244.json'), 'utf8')) as { registry: Address }).registry;
    const impl = await publicClient.readContract({ address: registry, abi: communityRegistryAbi, functionName: 'implementation' });
    expect((await publicClient.readContract({ address: impl, abi: communityAbi, functionName: 'views' })).toLowerCase()).toBe(
      receipt.contractAddress!.toLowerCase(),
    );
  }, 120_000);
});
