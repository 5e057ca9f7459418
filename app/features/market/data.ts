import { useQuery } from '@tanstack/react-query';
import { zeroAddress, type Address } from 'viem';
import { getBlockNumber, getContractEvents } from 'viem/actions';
import { useClient, useReadContract, useReadContracts } from 'wagmi';
import { deploymentOf } from '../../lib/chains.ts';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { communityMarketAbi, paymentTokenAbi } from './abi.ts';

export const BOOK_DEPTH = 10;
/** Makers one transaction may fill (uint8 on-chain); the preview walks the same bound. */
export const MAX_FILLS = 16;

/** Community.market(): the market of this community (undefined while loading, null if none). */
export function useMarketAddress(chainId: number, community: Address) {
  const q = useReadContract({ address: community, abi: communityAbi, functionName: 'market', chainId });
  const market = q.data && q.data !== zeroAddress ? q.data : q.isSuccess || q.isError ? null : undefined;
  return { market, error: q.error, refetch: q.refetch };
}

/** The top of the book, my orders, my proceeds: one multicall-able batch. */
export function useMarketState(chainId: number, market: Address, account: Address) {
  return useReadContracts({
    allowFailure: false,
    contracts: [
      { chainId, address: market, abi: communityMarketAbi, functionName: 'book', args: [BOOK_DEPTH] },
      { chainId, address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [account] },
      { chainId, address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [account] },
    ],
  });
}

export function useTokenState(chainId: number, token: Address | undefined, account: Address) {
  return useReadContracts({
    allowFailure: false,
    contracts: [
      { chainId, address: token ?? zeroAddress, abi: paymentTokenAbi, functionName: 'balanceOf', args: [account] },
      { chainId, address: token ?? zeroAddress, abi: paymentTokenAbi, functionName: 'symbol' },
    ],
    query: { enabled: !!token && token !== zeroAddress },
  });
}

const CHUNK = 50_000n;
const MAX_CHUNKS = 4;
const WANT = 20;

/**
 * Recent OrderFilled events, newest first: eth_getLogs in chunks of 50,000 blocks walking back from
 * the head, never before the deployment's registryBlock, at most 4 chunks (a handful of calls).
 */
export function useRecentTrades(chainId: number, market: Address) {
  const client = useClient({ chainId });
  const from = BigInt(deploymentOf(chainId)?.registryBlock ?? 0);
  return useQuery({
    queryKey: ['market', 'trades', chainId, market],
    enabled: !!client,
    queryFn: async () => {
      if (!client) return [];
      const head = await getBlockNumber(client, { cacheTime: 0 });
      const out = [];
      let to = head;
      for (let i = 0; i < MAX_CHUNKS && to >= from && out.length < WANT; i++) {
        const start = to - CHUNK + 1n > from ? to - CHUNK + 1n : from;
        const logs = await getContractEvents(client, {
          address: market,
          abi: communityMarketAbi,
          eventName: 'OrderFilled',
          fromBlock: start,
          toBlock: to,
          strict: true,
        });
        out.push(...logs.reverse());
        if (start === from) break;
        to = start - 1n;
      }
      return out.slice(0, WANT).map((l) => ({ key: `${l.transactionHash}-${l.logIndex}`, ...l.args }));
    },
  });
}
