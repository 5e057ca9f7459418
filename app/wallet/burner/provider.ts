import { hexToBigInt, numberToHex, type Address, type Hex, type TypedDataDefinition } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/** EIP-1193 error with a numeric code (4001 rejected, 4100 unauthorized, 4200 unsupported, 4902 unknown chain). */
export class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ProviderRpcError';
  }
}

/** Sends one JSON-RPC request to the node. */
export type RpcSend = (method: string, params: readonly unknown[]) => Promise<unknown>;

export function httpRpc(url: string, fetchFn: typeof fetch = (...a) => fetch(...a)): RpcSend {
  let id = 0;
  return async (method, params) => {
    const res = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    if (!res.ok) throw new ProviderRpcError(-32603, `HTTP ${res.status} from ${url}`);
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data);
    return body.result;
  };
}

type Listener = (...args: unknown[]) => void;

export interface BurnerProvider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, listener: Listener): void;
  removeListener(event: string, listener: Listener): void;
  setAccount(privateKey: Hex): void;
  readonly address: Address;
  readonly isCompartilhaDemo: true;
}

interface TxParams {
  from?: Address;
  to?: Address;
  data?: Hex;
  input?: Hex;
  value?: Hex;
  gas?: Hex;
  nonce?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
}

const LOCAL_METHODS = new Set([
  'eth_accounts',
  'eth_requestAccounts',
  'eth_chainId',
  'net_version',
  'wallet_switchEthereumChain',
  'wallet_addEthereumChain',
  'wallet_requestPermissions',
  'wallet_getPermissions',
  'wallet_revokePermissions',
  'eth_sendTransaction',
  'personal_sign',
  'eth_signTypedData_v4',
]);

export function isHandledLocally(method: string): boolean {
  return LOCAL_METHODS.has(method);
}

/**
 * An in-page EIP-1193 wallet that signs with a key held in memory and forwards reads to the node:
 * the demo wallet's (anvil's public keys) and the passkey wallet's (app/wallet/passkey/).
 */
export function createBurnerProvider(opts: { chainId: number; privateKey: Hex; rpc: RpcSend; walletName?: string }): BurnerProvider {
  const { chainId, rpc } = opts;
  const walletName = opts.walletName ?? 'The demo wallet';
  let account: PrivateKeyAccount = privateKeyToAccount(opts.privateKey);
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  const chainHex = numberToHex(chainId);

  function paramList(params: unknown): unknown[] {
    return Array.isArray(params) ? params : params === undefined ? [] : [params];
  }

  async function sendTransaction(tx: TxParams): Promise<Hex> {
    if (tx.from && tx.from.toLowerCase() !== account.address.toLowerCase()) {
      throw new ProviderRpcError(4100, `unknown account ${tx.from}`);
    }
    const data = tx.data ?? tx.input;
    const call = { from: account.address, to: tx.to, data, value: tx.value };
    const [nonceHex, gasHex, block, prioHex] = await Promise.all([
      tx.nonce ?? (rpc('eth_getTransactionCount', [account.address, 'pending']) as Promise<Hex>),
      tx.gas ?? (rpc('eth_estimateGas', [call]) as Promise<Hex>),
      tx.maxFeePerGas ? undefined : (rpc('eth_getBlockByNumber', ['latest', false]) as Promise<{ baseFeePerGas?: Hex } | null>),
      tx.maxPriorityFeePerGas ?? (rpc('eth_maxPriorityFeePerGas', []) as Promise<Hex>),
    ]);
    const maxPriorityFeePerGas = hexToBigInt(prioHex);
    const baseFee = block?.baseFeePerGas ? hexToBigInt(block.baseFeePerGas) : 1_000_000_000n;
    const maxFeePerGas = tx.maxFeePerGas ? hexToBigInt(tx.maxFeePerGas) : baseFee * 2n + maxPriorityFeePerGas;
    const gas = hexToBigInt(gasHex);
    const signed = await account.signTransaction({
      type: 'eip1559',
      chainId,
      nonce: Number(hexToBigInt(nonceHex)),
      gas: tx.gas ? gas : (gas * 12n) / 10n,
      maxFeePerGas,
      maxPriorityFeePerGas,
      ...(tx.to ? { to: tx.to } : {}),
      ...(data ? { data } : {}),
      value: tx.value ? hexToBigInt(tx.value) : 0n,
    });
    return (await rpc('eth_sendRawTransaction', [signed])) as Hex;
  }

  async function request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
    const p = paramList(params);
    switch (method) {
      case 'eth_accounts':
      case 'eth_requestAccounts':
        return [account.address];
      case 'eth_chainId':
        return chainHex;
      case 'net_version':
        return String(chainId);
      case 'wallet_switchEthereumChain': {
        const wanted = (p[0] as { chainId?: string } | undefined)?.chainId;
        if (wanted !== undefined && Number(wanted) === chainId) return null;
        throw new ProviderRpcError(4902, `${walletName} only works on chain ${chainId}.`);
      }
      case 'wallet_addEthereumChain':
        throw new ProviderRpcError(4200, `${walletName} cannot add networks.`);
      case 'wallet_requestPermissions':
      case 'wallet_getPermissions':
        return [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [account.address] }] }];
      case 'wallet_revokePermissions':
        return null;
      case 'personal_sign': {
        const message = p[0] as Hex;
        return account.signMessage({ message: { raw: message } });
      }
      case 'eth_signTypedData_v4': {
        const raw = p[1];
        const typed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as TypedDataDefinition;
        return account.signTypedData(typed);
      }
      case 'eth_sendTransaction':
        return sendTransaction((p[0] ?? {}) as TxParams);
      default:
        return rpc(method, p);
    }
  }

  return {
    request,
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    setAccount(privateKey) {
      const next = privateKeyToAccount(privateKey);
      if (next.address === account.address) return;
      account = next;
      emit('accountsChanged', [account.address]);
    },
    get address() {
      return account.address;
    },
    isCompartilhaDemo: true,
  };
}
