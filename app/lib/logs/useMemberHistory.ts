import { useEffect, useState } from 'react';
import type { Address } from 'viem';
import { useClient, useReadContract } from 'wagmi';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { deploymentOf, logsRangeOf } from '../chains.ts';
import { browserStore, historyKey } from './cache.ts';
import { loadHistory, type HistoryProgress, type RpcClient } from './loader.ts';
import type { HistoryRow } from './rows.ts';

const store = browserStore();

const NO_MARKET = '0x0000000000000000000000000000000000000000';

/**
 * The community's market contract (Community.market()). With an address, the loader adds
 * OrderPlaced / OrderFilled / OrderCancelled / OrderExpired (app/lib/logs/events.ts) to the history.
 */
function useMarketOf(chainId: number, community: Address) {
  const q = useReadContract({ address: community, abi: communityAbi, functionName: 'market', chainId, query: { staleTime: Infinity } });
  const market = q.data && q.data !== NO_MARKET ? q.data : undefined;
  return { market, settled: q.isSuccess || q.isError };
}

export interface MemberHistory {
  rows: readonly HistoryRow[];
  progress: HistoryProgress | null;
  done: boolean;
  fromCache: boolean;
  lastBlock: bigint | null;
  error: unknown;
  retry: () => void;
}

export function useMemberHistory(chainId: number, community: Address, memberId: number | undefined, wallet?: Address): MemberHistory {
  const client = useClient({ chainId });
  const { market, settled } = useMarketOf(chainId, community);
  const [attempt, setAttempt] = useState(0);
  const [s, setS] = useState<Omit<MemberHistory, 'retry'>>({ rows: [], progress: null, done: false, fromCache: false, lastBlock: null, error: null });

  useEffect(() => {
    if (!client || memberId === undefined || !settled) return;
    const ctrl = new AbortController();
    loadHistory({
      client: client as unknown as RpcClient,
      community,
      market,
      memberId,
      wallet,
      startBlock: BigInt(deploymentOf(chainId)?.registryBlock ?? 0),
      chunkSize: logsRangeOf(chainId),
      store,
      key: historyKey(chainId, community, memberId),
      signal: ctrl.signal,
      onProgress: (progress) => !ctrl.signal.aborted && setS((p) => ({ ...p, progress, rows: progress.rows })),
    }).then(
      (r) => !ctrl.signal.aborted && setS((p) => ({ ...p, rows: r.rows, done: true, fromCache: r.fromCache, lastBlock: r.lastBlock })),
      (error: unknown) => !ctrl.signal.aborted && setS((p) => ({ ...p, error })),
    );
    return () => ctrl.abort();
  }, [client, chainId, community, memberId, wallet, attempt, market, settled]);

  const retry = () => {
    setS((p) => ({ ...p, done: false, error: null }));
    setAttempt((a) => a + 1);
  };
  return { ...s, retry };
}
