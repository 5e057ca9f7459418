import { useQuery } from '@tanstack/react-query';
import { zeroAddress, type Address, type ContractFunctionReturnType } from 'viem';
import { getBlockNumber, getContractEvents } from 'viem/actions';
import { useClient, useReadContract, useReadContracts } from 'wagmi';
import { deploymentOf, logsRangeOf } from '../../lib/chains.ts';
import { forEachLogRange } from '../../lib/logs/capped.ts';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { communityMarketAbi, paymentTokenAbi } from './abi.ts';
import { readOf, type QueryLike, type Read } from './reads.ts';

export const BOOK_DEPTH = 10;
/** Makers one transaction may fill (uint8 on-chain); the preview walks the same bound. */
export const MAX_FILLS = 16;

/** Community.market(): the market of this community (undefined while loading, null if none). */
export function useMarketAddress(chainId: number, community: Address) {
  const q = useReadContract({ address: community, abi: communityAbi, functionName: 'market', chainId });
  const market = q.data && q.data !== zeroAddress ? q.data : q.isSuccess || q.isError ? null : undefined;
  return { market, error: q.error, refetch: q.refetch };
}

/** A view of the page: its read, and a retry of that read alone. */
export interface View<T> {
  read: Read<T>;
  retry: () => void;
  retrying: boolean;
}

function viewOf<T>(q: QueryLike<T> & { isFetching: boolean; refetch: () => Promise<unknown> }): View<T> {
  return { read: readOf(q), retry: () => void q.refetch(), retrying: q.isFetching };
}

/**
 * The top of the book, my orders, my proceeds: three reads, each on its own, so that one that fails
 * (a view grown past the node's gas cap, a node refusing it) leaves the other two on screen.
 */
export function useMarketState(chainId: number, market: Address, account: Address) {
  const at = { chainId, address: market, abi: communityMarketAbi } as const;
  const book = useReadContract({ ...at, functionName: 'book', args: [BOOK_DEPTH] });
  const orders = useReadContract({ ...at, functionName: 'ordersOf', args: [account] });
  const proceeds = useReadContract({ ...at, functionName: 'proceedsOf', args: [account] });
  return { book: viewOf(book), orders: viewOf(orders), proceeds: viewOf(proceeds) };
}

export type MarketState = ReturnType<typeof useMarketState>;
export type BookData = ContractFunctionReturnType<typeof communityMarketAbi, 'view', 'book'>;

/** The payment token (the community's setting, the same the book reports): my balance, its symbol and decimals. */
export function useTokenState(chainId: number, token: Address, account: Address) {
  return useReadContracts({
    allowFailure: false,
    contracts: [
      { chainId, address: token, abi: paymentTokenAbi, functionName: 'balanceOf', args: [account] },
      { chainId, address: token, abi: paymentTokenAbi, functionName: 'symbol' },
      { chainId, address: token, abi: paymentTokenAbi, functionName: 'decimals' },
    ],
    query: { enabled: token !== zeroAddress },
  });
}

/** At most this many eth_getLogs for the recent trades (each of the chain's cap, 1,000 blocks by default). */
export const TRADE_RANGES = 8;
const WANT = 20;

/**
 * Recent OrderFilled events, newest first: eth_getLogs in ranges of the chain's cap walking back
 * from the head, never before the deployment's registryBlock, at most TRADE_RANGES ranges (a
 * handful of calls). `olderNotLoaded` says the walk stopped before the deployment with fewer than
 * WANT trades: older trades may exist and the screen says they were not loaded.
 */
export function useRecentTrades(chainId: number, market: Address) {
  const client = useClient({ chainId });
  const from = BigInt(deploymentOf(chainId)?.registryBlock ?? 0);
  return useQuery({
    queryKey: ['market', 'trades', chainId, market],
    enabled: !!client,
    queryFn: async () => {
      if (!client) return { trades: [], olderNotLoaded: false, blocksRead: 0n };
      const head = await getBlockNumber(client, { cacheTime: 0 });
      const fills = (r: { from: bigint; to: bigint }) =>
        getContractEvents(client, { address: market, abi: communityMarketAbi, eventName: 'OrderFilled', fromBlock: r.from, toBlock: r.to, strict: true });
      const out: Awaited<ReturnType<typeof fills>> = [];
      let ranges = 0;
      const walk = await forEachLogRange(
        from,
        head,
        logsRangeOf(chainId),
        fills,
        (_r, logs) => {
          out.push(...logs.reverse());
          return out.length < WANT && ++ranges < TRADE_RANGES;
        },
        { descending: true },
      );
      const trades = out.slice(0, WANT).map((l) => ({ key: `${l.transactionHash}-${l.logIndex}`, ...l.args }));
      const blocksRead = walk.read ? walk.read.to - walk.read.from + 1n : 0n;
      return { trades, olderNotLoaded: !walk.complete && out.length < WANT, blocksRead };
    },
  });
}
