import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hex, TransactionReceipt } from 'viem';
import type { Config } from 'wagmi';
import { call, getConnection, getTransaction, simulateContract, waitForTransactionReceipt, writeContract } from 'wagmi/actions';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { feesOf } from '../chains.ts';
import { decodeError, describeDecoded, type DecodedError } from '../errors.ts';
import type { Lang } from '../format.ts';
import { isUnreachable, rpcHealth } from '../rpc/health.ts';
import { bothLangs, txStore, type TxMeta, type TxText } from './store.ts';

export type CommunityWrite = ContractFunctionName<typeof communityAbi, 'nonpayable'>;

export interface CommunityTx<F extends CommunityWrite> {
  chainId: number;
  address: Address;
  functionName: F;
  args: ContractFunctionArgs<typeof communityAbi, 'nonpayable', F>;
  /** What the manager reads in the status list ("Leituras 1–200 de 1000"); both languages when given so. */
  label: TxText;
  /** Kind, community and account, so the sending form can tell the write is still pending. */
  meta?: TxMeta;
}

export type TxOutcome =
  | { ok: true; hash: Hex; receipt: TransactionReceipt; result: unknown }
  | { ok: false; stage: 'simulate' | 'sign' | 'receipt'; decoded: DecodedError; message: string };

/** The state-changing functions of an ABI. */
export type WriteName<A extends Abi> = ContractFunctionName<A, 'nonpayable' | 'payable'>;

/** One write, typed by its ABI: a function name the ABI has and exactly its arguments. */
export interface ContractTx<A extends Abi = Abi, F extends WriteName<A> = WriteName<A>> {
  chainId: number;
  address: Address;
  abi: A;
  functionName: F;
  args: ContractFunctionArgs<A, 'nonpayable' | 'payable', F>;
  /** What the person reads in the status list ("Doação de 5 kWh para Apto 102"); both languages when given so. */
  label: TxText;
  /** Kind, community and account, so the sending form can tell the write is still pending. */
  meta?: TxMeta;
}

/**
 * Every write of the app: simulate (a revert is explained before the wallet opens, no fee spent),
 * write, then wait for the receipt. Progress goes to the persisted status list. `decode` turns an
 * error into a sentence (features with their own ABIs pass a decoder that knows their errors).
 */
export async function sendContractTx<const A extends Abi, F extends WriteName<A>>(
  config: Config,
  tx: ContractTx<A, F>,
  lang: Lang,
  decode: (err: unknown) => DecodedError = decodeError,
): Promise<TxOutcome> {
  const id = txStore.add({ chainId: tx.chainId, label: tx.label, state: 'simulating', ...(tx.meta && { meta: tx.meta }) });
  const fail = (stage: 'simulate' | 'sign' | 'receipt', err: unknown): TxOutcome => {
    const decoded = decode(err);
    const message = describeDecoded(decoded, lang);
    txStore.update(id, { state: 'failed', error: bothLangs((l) => describeDecoded(decoded, l)) });
    return { ok: false, stage, decoded, message };
  };
  const connection = getConnection(config);
  const account = connection.address;
  // Refused before anything is simulated or signed: nothing can go out from the wrong chain, and
  // with the node unreachable nothing could be checked (the banner says why).
  if (connection.chainId !== undefined && connection.chainId !== tx.chainId) return refuse(id, { kind: 'wrongNetwork' }, lang);
  if (rpcHealth.isDown()) return refuse(id, { kind: 'offline' }, lang);
  let request: Parameters<typeof writeContract>[1];
  let result: unknown;
  try {
    // Typed at the boundary (ContractTx<A, F>); wagmi's generic call is made with the ABI widened.
    const params = {
      address: tx.address,
      abi: tx.abi as Abi,
      functionName: tx.functionName as string,
      args: tx.args as readonly unknown[],
      chainId: tx.chainId,
      account,
    };
    const sim = await simulateContract(config, params);
    // On a zero-gas chain the write carries zero fees itself, so a wallet (or an account holding
    // no ETH) never prices it from the node's suggested tip.
    request = { ...sim.request, ...feesOf(tx.chainId) } as Parameters<typeof writeContract>[1];
    result = sim.result;
  } catch (err) {
    return fail('simulate', err);
  }
  txStore.update(id, { state: 'signing' });
  let hash: Hex;
  try {
    hash = await writeContract(config, request);
  } catch (err) {
    return fail('sign', err);
  }
  txStore.update(id, { state: 'pending', hash });
  return settle(config, id, tx.chainId, hash, lang, result, decode);
}

function refuse(id: string, decoded: DecodedError, lang: Lang): TxOutcome {
  const message = describeDecoded(decoded, lang);
  txStore.update(id, { state: 'failed', error: bothLangs((l) => describeDecoded(decoded, l)) });
  return { ok: false, stage: 'simulate', decoded, message };
}

/**
 * Why a mined transaction reverted: the same call replayed at the end of its block (the state that
 * made it fail, e.g. a policy changed in the same block), so the revert data can be decoded.
 */
async function revertReason(config: Config, chainId: number, hash: Hex, blockNumber: bigint, decode: (err: unknown) => DecodedError): Promise<DecodedError> {
  const reverted: DecodedError = { kind: 'unknown', name: 'reverted' };
  try {
    const tx = await getTransaction(config, { hash, chainId });
    await call(config, { chainId, account: tx.from, to: tx.to ?? undefined, data: tx.input, value: tx.value, gas: tx.gas, blockNumber });
    return reverted; // replays fine: the state that failed it is gone
  } catch (err) {
    const d = decode(err);
    return d.kind === 'contract' ? d : reverted;
  }
}

/** sendContractTx for the Community, typed by function name and arguments. */
export function sendCommunityTx<F extends CommunityWrite>(config: Config, tx: CommunityTx<F>, lang: Lang): Promise<TxOutcome> {
  return sendContractTx(config, { ...tx, abi: communityAbi } as ContractTx<typeof communityAbi, F>, lang);
}

async function settle(
  config: Config,
  id: string,
  chainId: number,
  hash: Hex,
  lang: Lang,
  result: unknown,
  decode: (err: unknown) => DecodedError = decodeError,
): Promise<TxOutcome> {
  try {
    const receipt = await waitForReceipt(config, chainId, hash);
    if (receipt.status !== 'success') {
      const decoded = await revertReason(config, chainId, hash, receipt.blockNumber, decode);
      const message = describeDecoded(decoded, lang);
      txStore.update(id, { state: 'failed', error: bothLangs((l) => describeDecoded(decoded, l)) });
      return { ok: false, stage: 'receipt', decoded, message };
    }
    txStore.update(id, { state: 'confirmed' });
    return { ok: true, hash, receipt, result };
  } catch (err) {
    const decoded = decode(err);
    const message = describeDecoded(decoded, lang);
    txStore.update(id, { state: 'failed', error: bothLangs((l) => describeDecoded(decoded, l)) });
    return { ok: false, stage: 'receipt', decoded, message };
  }
}

const RETRY_MS = 2_000;

/**
 * The receipt, however long it takes. A sent transaction can still be mined, so losing the node
 * (or a poll cut off by a page reload) or viem's 3-minute timeout never turns it into "failed":
 * it stays pending and is polled again.
 */
async function waitForReceipt(config: Config, chainId: number, hash: Hex): Promise<TransactionReceipt> {
  for (;;) {
    try {
      return await waitForTransactionReceipt(config, { hash, chainId, pollingInterval: 500, timeout: 0 });
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

const resuming = new Set<string>();

/**
 * After a reload: wait again for every transaction that was sent but not confirmed; `onSettled`
 * runs once each one is mined (confirmed or failed), so the screen can refresh its figures.
 */
export function resumePending(
  config: Config,
  lang: Lang,
  onSettled?: (outcome: TxOutcome) => void,
  decode: (err: unknown) => DecodedError = decodeError,
): Promise<unknown> {
  return Promise.all(
    txStore.pending().map((e) => {
      if (resuming.has(e.id) || !e.hash) return undefined;
      resuming.add(e.id);
      return settle(config, e.id, e.chainId, e.hash, lang, undefined, decode)
        .then((outcome) => onSettled?.(outcome))
        .finally(() => resuming.delete(e.id));
    }),
  );
}
