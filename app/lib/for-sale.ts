import { useEffect } from 'react';
import { isAddress, zeroAddress, type Address, type ContractFunctionReturnType } from 'viem';
import { useReadContract } from 'wagmi';
import { communityReadAbi as communityAbi } from '../../contracts-abi/first-screen.ts';
import type { DashboardData } from './dashboard.ts';

// The dashboard's "à venda" line: the member's open sell orders, read from the market.

/**
 * CommunityMarket.ordersOf as generated in contracts-abi/abis.ts, minus the internalType labels
 * (dashboard.test.ts checks the rest is the same), without the whole market ABI in the first-load bundle.
 */
export const ordersOfAbi = [
  {
    type: 'function',
    name: 'ordersOf',
    inputs: [{ name: 'owner', type: 'address' }],
    outputs: [
      {
        name: 'list',
        type: 'tuple[]',
        components: [
          { name: 'id', type: 'uint64' },
          { name: 'side', type: 'uint8' },
          { name: 'status', type: 'uint8' },
          { name: 'memberId', type: 'uint32' },
          { name: 'owner', type: 'address' },
          { name: 'priceTokenPerKwh', type: 'uint128' },
          { name: 'quantityWh', type: 'uint64' },
          { name: 'remainingWh', type: 'uint64' },
          { name: 'expiresAt', type: 'uint64' },
          { name: 'standing', type: 'bool' },
          { name: 'renewedCycle', type: 'uint32' },
          { name: 'escrowToken', type: 'uint128' },
          { name: 'soonestExpiryCycle', type: 'uint32' },
          { name: 'inBook', type: 'bool' },
          { name: 'stale', type: 'bool' },
          { name: 'era', type: 'uint16' },
        ],
      },
    ],
    stateMutability: 'view',
  },
] as const;

export type MarketOrder = ContractFunctionReturnType<typeof ordersOfAbi, 'view', 'ordersOf'>[number];

const SELL = 1;
const OPEN = 0;

/**
 * The member's credits waiting in open sell orders (held in the market's escrow account
 * ESCROW_BASE + memberId, not in the member's balance) and the soonest expiry of their lots: each
 * order's level reports a soonest expiry that is never later than the exact one, so the credits
 * expire at that close or later (0 = unknown).
 */
export function forSale(orders: readonly MarketOrder[]): { wh: bigint; orders: number; soonestExpiryCycle: number } {
  let wh = 0n;
  let n = 0;
  let soonest = 0;
  for (const o of orders) {
    if (o.side !== SELL || o.status !== OPEN || o.remainingWh === 0n) continue;
    wh += o.remainingWh;
    n += 1;
    if (o.soonestExpiryCycle !== 0 && (soonest === 0 || o.soonestExpiryCycle < soonest)) soonest = o.soonestExpiryCycle;
  }
  return { wh, orders: n, soonestExpiryCycle: soonest };
}

const marketKey = (chainId: number, community: Address) => `compartilha.market.${chainId}.${community.toLowerCase()}`;

/** The community's market address as remembered by this browser (it is fixed when the community is created). */
function rememberedMarket(chainId: number, community: Address): Address | undefined {
  try {
    const v = localStorage.getItem(marketKey(chainId, community));
    return v && isAddress(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The credits a member has on sale, after the dashboard's own two calls and only for a member of a
 * community that trades: the market's ordersOf(account), plus Community.market() the first time
 * this browser sees the community (fixed when the community was created, so it is remembered).
 */
export function useForSale(chainId: number, community: Address, account: Address, d: DashboardData | undefined) {
  const trades = !!d && d.isMember && (d.settings.paymentToken !== zeroAddress || d.settings.tradingPolicy === 1);
  const remembered = rememberedMarket(chainId, community);
  const m = useReadContract({
    address: community,
    abi: communityAbi,
    functionName: 'market',
    chainId,
    query: { enabled: trades && !remembered, staleTime: Infinity },
  });
  const market = remembered ?? (m.data && m.data !== zeroAddress ? m.data : undefined);
  useEffect(() => {
    if (!remembered && market) {
      try {
        localStorage.setItem(marketKey(chainId, community), market);
      } catch {
        /* private mode: read again next session */
      }
    }
  }, [remembered, market, chainId, community]);
  return useReadContract({
    address: market,
    abi: ordersOfAbi,
    functionName: 'ordersOf',
    args: [account],
    chainId,
    query: { enabled: trades && !!market, select: forSale },
  });
}
