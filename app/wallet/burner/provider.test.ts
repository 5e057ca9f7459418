import { parseTransaction, recoverMessageAddress, recoverTransactionAddress, recoverTypedDataAddress, type Hex, type TransactionSerialized } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { ANVIL_PUBLIC_TEST_KEYS } from './keys.ts';
import { createBurnerProvider, isHandledLocally, ProviderRpcError, type RpcSend } from './provider.ts';

const MNEMONIC = 'test test test test test test test test test test test junk';

function mockRpc() {
  const calls: { method: string; params: readonly unknown[] }[] = [];
  const rpc: RpcSend = async (method, params) => {
    calls.push({ method, params });
    switch (method) {
      case 'eth_getTransactionCount':
        return '0x5';
      case 'eth_estimateGas':
        return '0x5208';
      case 'eth_getBlockByNumber':
        return { baseFeePerGas: '0x3b9aca00' };
      case 'eth_maxPriorityFeePerGas':
        return '0x1';
      case 'eth_sendRawTransaction':
        return '0xabc';
      case 'eth_blockNumber':
        return '0x10';
      default:
        throw new ProviderRpcError(-32601, `unexpected ${method}`);
    }
  };
  return { rpc, calls };
}

const key0 = ANVIL_PUBLIC_TEST_KEYS[0]!;
const key1 = ANVIL_PUBLIC_TEST_KEYS[1]!;

describe('anvil public test keys', () => {
  it('are accounts 0..6 of the default mnemonic', () => {
    expect(ANVIL_PUBLIC_TEST_KEYS).toHaveLength(7);
    ANVIL_PUBLIC_TEST_KEYS.forEach((k, i) => {
      const p = createBurnerProvider({ chainId: 31337, privateKey: k, rpc: mockRpc().rpc });
      expect(p.address).toBe(mnemonicToAccount(MNEMONIC, { addressIndex: i }).address);
    });
  });
});

describe('burner provider', () => {
  it('answers account and chain requests locally', async () => {
    const { rpc, calls } = mockRpc();
    const p = createBurnerProvider({ chainId: 31337, privateKey: key0, rpc });
    expect(await p.request({ method: 'eth_requestAccounts' })).toEqual(['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266']);
    expect(await p.request({ method: 'eth_accounts' })).toEqual(['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266']);
    expect(await p.request({ method: 'eth_chainId' })).toBe('0x7a69');
    expect(await p.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a69' }] })).toBeNull();
    await expect(p.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] })).rejects.toMatchObject({ code: 4902 });
    expect(calls).toHaveLength(0);
    expect(isHandledLocally('eth_call')).toBe(false);
  });

  it('forwards reads to the node', async () => {
    const { rpc, calls } = mockRpc();
    const p = createBurnerProvider({ chainId: 31337, privateKey: key0, rpc });
    expect(await p.request({ method: 'eth_blockNumber' })).toBe('0x10');
    expect(calls).toEqual([{ method: 'eth_blockNumber', params: [] }]);
  });

  it('personal_sign and eth_signTypedData_v4 sign with the chosen key', async () => {
    const p = createBurnerProvider({ chainId: 31337, privateKey: key1, rpc: mockRpc().rpc });
    const sig = (await p.request({ method: 'personal_sign', params: ['0x68656c6c6f', p.address] })) as Hex;
    expect(await recoverMessageAddress({ message: 'hello', signature: sig })).toBe(p.address);
    const typed = {
      domain: { name: 'Compartilha', version: '1', chainId: 31337 },
      types: { Ping: [{ name: 'n', type: 'uint256' }] },
      primaryType: 'Ping' as const,
      message: { n: 1n },
    };
    const json = JSON.stringify({ ...typed, message: { n: '1' } });
    const sig2 = (await p.request({ method: 'eth_signTypedData_v4', params: [p.address, json] })) as Hex;
    expect(await recoverTypedDataAddress({ ...typed, signature: sig2 })).toBe(p.address);
  });

  it('eth_sendTransaction signs locally and sends the raw transaction', async () => {
    const { rpc, calls } = mockRpc();
    const p = createBurnerProvider({ chainId: 31337, privateKey: key0, rpc });
    const hash = await p.request({
      method: 'eth_sendTransaction',
      params: [{ from: p.address, to: '0x5FbDB2315678afecb367f032d93F642f64180aa3', data: '0x1234', value: '0x0' }],
    });
    expect(hash).toBe('0xabc');
    const raw = calls.find((c) => c.method === 'eth_sendRawTransaction')?.params[0] as TransactionSerialized;
    const tx = parseTransaction(raw);
    expect(tx).toMatchObject({ chainId: 31337, nonce: 5, data: '0x1234', to: '0x5fbdb2315678afecb367f032d93f642f64180aa3' });
    expect(tx.gas).toBe((21_000n * 12n) / 10n);
    expect(tx.maxFeePerGas).toBe(2_000_000_001n);
    expect(await recoverTransactionAddress({ serializedTransaction: raw })).toBe(p.address);
  });

  it('refuses a transaction from another account', async () => {
    const p = createBurnerProvider({ chainId: 31337, privateKey: key0, rpc: mockRpc().rpc });
    await expect(
      p.request({ method: 'eth_sendTransaction', params: [{ from: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', to: p.address }] }),
    ).rejects.toMatchObject({ code: 4100 });
  });

  it('switching account emits accountsChanged', async () => {
    const p = createBurnerProvider({ chainId: 31337, privateKey: key0, rpc: mockRpc().rpc });
    const seen: unknown[] = [];
    p.on('accountsChanged', (a) => seen.push(a));
    p.setAccount(key1);
    p.setAccount(key1);
    expect(seen).toEqual([['0x70997970C51812dc3A010C7d01b50e0d17dc79C8']]);
    expect(await p.request({ method: 'eth_accounts' })).toEqual(['0x70997970C51812dc3A010C7d01b50e0d17dc79C8']);
  });
});
