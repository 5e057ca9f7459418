import { erc20Abi, zeroAddress, type Address } from 'viem';
import { useReadContracts } from 'wagmi';
import type { TokenMeta } from './money.ts';

/**
 * The payment token's symbol and decimals (two eth_calls, read once per session: they never
 * change), for the screens that show money outside the market (history, charts). Undefined while
 * loading or when the community has no payment token.
 */
export function useTokenMeta(chainId: number, token: Address | undefined): TokenMeta | undefined {
  const enabled = !!token && token !== zeroAddress;
  const q = useReadContracts({
    allowFailure: false,
    contracts: [
      { chainId, address: token ?? zeroAddress, abi: erc20Abi, functionName: 'symbol' },
      { chainId, address: token ?? zeroAddress, abi: erc20Abi, functionName: 'decimals' },
    ],
    query: { enabled, staleTime: Infinity },
  });
  return q.data ? { symbol: q.data[0], decimals: q.data[1] } : undefined;
}
