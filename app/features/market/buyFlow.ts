/**
 * Placing a buy order: the token escrow the order needs is authorised first, then the order goes
 * out, each write simulated before the wallet opens (app/lib/tx). With an EIP-2612 token one
 * signature (no transaction, no fee) and one transaction; without permit, an `approve` (only when
 * the allowance is short) and the order. Pure of React: OrderForm calls it, buyFlow.chain.test.ts
 * runs it against a real anvil.
 */
import type { Address } from 'viem';
import type { Config } from 'wagmi';
import { readContract } from 'wagmi/actions';
import type { Lang } from '../../lib/format.ts';
import type { TxOutcome } from '../../lib/tx/send.ts';
import type { TxMeta, TxText } from '../../lib/tx/store.ts';
import { communityMarketAbi, paymentTokenAbi } from './abi.ts';
import { BUY } from './book.ts';
import { sendAnyTx, signPermit } from './send.ts';

export interface BuyOrder {
  chainId: number;
  market: Address;
  token: Address;
  account: Address;
  priceTokenPerKwh: bigint;
  quantityWh: bigint;
  expiresAt: bigint;
  standing: boolean;
  hintPrice: bigint;
  maxFills: number;
  /** The token the order escrows: ceil(quantity × price / 1000). */
  budget: bigint;
  labels: { place: TxText; approve: TxText };
  /** Kind, community and account on each transaction of the flow, so the form sees it pending. */
  meta?: TxMeta;
}

/** What the flow is doing, for the form to say ("Assine a autorização na carteira…"). */
export type BuyStep = 'permit' | 'approve' | 'place';

export type BuyOutcome = (TxOutcome & { via: 'permit' | 'approve' | 'allowance' }) | { ok: false; stage: 'permit'; message: string };

export async function placeBuyOrder(config: Config, o: BuyOrder, lang: Lang, onStep: (step: BuyStep) => void = () => {}): Promise<BuyOutcome> {
  const common = [o.priceTokenPerKwh, o.quantityWh, o.expiresAt, o.standing, o.hintPrice, o.maxFills] as const;
  onStep('permit');
  const permit = await signPermit(config, { chainId: o.chainId, token: o.token, owner: o.account, spender: o.market, value: o.budget, lang });
  if (permit.ok) {
    onStep('place');
    const out = await sendAnyTx(
      config,
      {
        chainId: o.chainId,
        address: o.market,
        abi: communityMarketAbi,
        functionName: 'placeBuyWithPermit',
        args: [...common, permit.value, permit.deadline, permit.v, permit.r, permit.s],
        label: o.labels.place,
        ...(o.meta && { meta: o.meta }),
      },
      lang,
    );
    return { ...out, via: 'permit' };
  }
  if (!permit.noPermit) return { ok: false, stage: 'permit', message: permit.message };
  // No EIP-2612 on this token: approve when the allowance is short, then place.
  const allowance = await readContract(config, {
    chainId: o.chainId,
    address: o.token,
    abi: paymentTokenAbi,
    functionName: 'allowance',
    args: [o.account, o.market],
  });
  let via: 'approve' | 'allowance' = 'allowance';
  if (allowance < o.budget) {
    onStep('approve');
    const approved = await sendAnyTx(
      config,
      {
        chainId: o.chainId,
        address: o.token,
        abi: paymentTokenAbi,
        functionName: 'approve',
        args: [o.market, o.budget],
        label: o.labels.approve,
        ...(o.meta && { meta: o.meta }),
      },
      lang,
    );
    if (!approved.ok) return { ...approved, via: 'approve' };
    via = 'approve';
  }
  onStep('place');
  const out = await sendAnyTx(
    config,
    {
      chainId: o.chainId,
      address: o.market,
      abi: communityMarketAbi,
      functionName: 'placeOrder',
      args: [BUY, ...common],
      label: o.labels.place,
      ...(o.meta && { meta: o.meta }),
    },
    lang,
  );
  return { ...out, via };
}
