/**
 * The market's writes through the app's transaction module (app/lib/tx): same status list, same
 * simulate → sign → pending → confirmed/failed flow, persisted across reloads. lib/tx/send.ts is
 * typed for the Community only; this is the same flow for any ABI (market, payment token), plus
 * the EIP-2612 permit signature a buy needs.
 */
import { decodeErrorResult, parseSignature, type Abi, type Address, type Hex } from 'viem';
import type { Config } from 'wagmi';
import { readContract, signTypedData } from 'wagmi/actions';
import { decodeError, describeDecoded, type DecodedError } from '../../lib/errors.ts';
import type { Lang } from '../../lib/format.ts';
import { sendContractTx, type TxOutcome } from '../../lib/tx/send.ts';
import { marketErrorsAbi, paymentTokenAbi } from './abi.ts';
import './errorSentences.ts';

import type { ContractTx, WriteName } from '../../lib/tx/send.ts';

/** decodeError, plus the market's and the token's errors when only raw revert data came back. */
export function decodeMarketError(err: unknown): DecodedError {
  const d = decodeError(err);
  if (d.kind !== 'unknown') return d;
  let cur: unknown = err;
  for (let i = 0; i < 12 && cur && typeof cur === 'object'; i++) {
    const o = cur as { data?: unknown; raw?: unknown; cause?: unknown };
    for (const data of [o.raw, o.data, (o.data as { data?: unknown } | undefined)?.data]) {
      if (typeof data === 'string' && data.startsWith('0x') && data.length >= 10) {
        try {
          const r = decodeErrorResult({ abi: marketErrorsAbi, data: data as Hex });
          return { kind: 'contract', name: r.errorName, args: r.args ?? [] };
        } catch {
          /* not one of ours */
        }
      }
    }
    cur = o.cause;
  }
  return d;
}

/** A write to the market or its payment token, typed by that contract's ABI. */
export function sendAnyTx<const A extends Abi, F extends WriteName<A>>(config: Config, tx: ContractTx<A, F>, lang: Lang): Promise<TxOutcome> {
  // The token's and the market's errors both decode, whichever contract reverts.
  return sendContractTx(config, { ...tx, abi: [...tx.abi, ...marketErrorsAbi] } as unknown as ContractTx<A, F>, lang, decodeMarketError);
}

export type PermitOutcome =
  | { ok: true; value: bigint; deadline: bigint; v: number; r: Hex; s: Hex }
  | { ok: false; noPermit: true }
  | { ok: false; noPermit: false; decoded: DecodedError; message: string };

/**
 * Signs an EIP-2612 permit for `spender` (no transaction, no fee). `noPermit` when the token has no
 * `nonces` (then the caller approves instead).
 */
export async function signPermit(
  config: Config,
  args: { chainId: number; token: Address; owner: Address; spender: Address; value: bigint; lang: Lang },
): Promise<PermitOutcome> {
  let name: string;
  let nonce: bigint;
  try {
    [name, nonce] = await Promise.all([
      readContract(config, { chainId: args.chainId, address: args.token, abi: paymentTokenAbi, functionName: 'name' }),
      readContract(config, { chainId: args.chainId, address: args.token, abi: paymentTokenAbi, functionName: 'nonces', args: [args.owner] }),
    ]);
  } catch {
    return { ok: false, noPermit: true };
  }
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 30 * 60);
  try {
    const signature = await signTypedData(config, {
      account: args.owner,
      domain: { name, version: '1', chainId: args.chainId, verifyingContract: args.token },
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: args.owner, spender: args.spender, value: args.value, nonce, deadline },
    });
    const sig = parseSignature(signature);
    const v = sig.v !== undefined ? Number(sig.v) : sig.yParity + 27;
    return { ok: true, value: args.value, deadline, v, r: sig.r, s: sig.s };
  } catch (err) {
    const decoded = decodeMarketError(err);
    return { ok: false, noPermit: false, decoded, message: describeDecoded(decoded, args.lang) };
  }
}
