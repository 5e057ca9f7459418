// The buy flow against a real anvil with the demo community (DemoBRL has EIP-2612): one permit
// signature and one transaction escrow exactly the order's budget; a budget above the buyer's
// token balance is refused at simulation, before anything is signed or sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, type Address } from 'viem';
import { anvil } from 'viem/chains';
import { createConfig } from 'wagmi';
import { connect } from 'wagmi/actions';
import { mock } from 'wagmi/connectors';
import { communityAbi, communityMarketAbi, demoBrlAbi } from '../../../contracts-abi/abis.ts';
import { anvilAccount } from '../../../scripts/lib/accounts.ts';
import type { RunningAnvil } from '../../../scripts/lib/anvil.ts';
import { memberIndex, startLocalCommunity } from '../../../scripts/lib/local-community.ts';
import { buyBudget } from './book.ts';
import { placeBuyOrder, type BuyStep } from './buyFlow.ts';

const PORT = 8662;
let chain: RunningAnvil;
let community: Address;
let market: Address;
let token: Address;
const buyer = anvilAccount(memberIndex(1)).address; // Apto 102, holds 1,000 dBRL
const client = createPublicClient({ chain: anvil, transport: http(`http://127.0.0.1:${PORT}`) });
// anvil's dev accounts are unlocked: the mock connector forwards signing to the node (real keys).
const config = createConfig({
  chains: [{ ...anvil, rpcUrls: { default: { http: [`http://127.0.0.1:${PORT}`] } } }],
  connectors: [mock({ accounts: [buyer] })],
  transports: { [anvil.id]: http(`http://127.0.0.1:${PORT}`) },
  storage: null,
});

beforeAll(async () => {
  const started = await startLocalCommunity(PORT);
  chain = started.chain;
  community = started.deployment.demoCommunity!;
  token = started.deployment.paymentToken!;
  market = await client.readContract({ address: community, abi: communityAbi, functionName: 'market' });
  await connect(config, { connector: config.connectors[0]! });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

const order = (priceTokenPerKwh: bigint, quantityWh: bigint) => ({
  chainId: anvil.id,
  market,
  token,
  account: buyer,
  priceTokenPerKwh,
  quantityWh,
  expiresAt: 0n,
  standing: false,
  hintPrice: 0n,
  maxFills: 8,
  budget: buyBudget(priceTokenPerKwh, quantityWh),
  labels: { place: 'comprar', approve: 'autorizar' },
});

describe('placeBuyOrder', () => {
  it('with a permit token: one signature, one transaction, exactly the budget escrowed', async () => {
    const price = 450_000_000_000_000_000n; // R$ 0,45/kWh in an 18-decimal token
    const o = order(price, 3_000n);
    const steps: BuyStep[] = [];
    const before = await client.readContract({ address: token, abi: demoBrlAbi, functionName: 'balanceOf', args: [market] });
    const out = await placeBuyOrder(config, o, 'pt-BR', (s) => steps.push(s));
    expect(out.ok, out.ok ? '' : out.message).toBe(true);
    expect(out.ok && out.via).toBe('permit');
    expect(steps).toEqual(['permit', 'place']);
    const after = await client.readContract({ address: token, abi: demoBrlAbi, functionName: 'balanceOf', args: [market] });
    expect(after - before).toBe(o.budget);
    const orders = await client.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [buyer] });
    expect(orders.some((x) => x.priceTokenPerKwh === price && x.quantityWh === 3_000n)).toBe(true);
  });

  it('refuses a budget above the token balance at simulation (the permit is only a signature), sending nothing', async () => {
    const nonce = await client.getTransactionCount({ address: buyer });
    const out = await placeBuyOrder(config, order(10n ** 21n, 5_000n), 'pt-BR'); // 5 kWh at 1,000 dBRL: 5,000 dBRL, the buyer has 1,000
    expect(out.ok).toBe(false);
    expect(out.ok ? '' : out.message).toMatch(/saldo|token/i);
    expect(await client.getTransactionCount({ address: buyer })).toBe(nonce);
  });
});
