import { useState } from 'react';
import { numberToHex } from 'viem';
import { useConnection, useSwitchChain } from 'wagmi';
import { chains } from '../lib/chains.ts';

export function hasCode(err: unknown, code: number): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 10 && typeof cur === 'object' && cur !== null; i++) {
    if ((cur as { code?: unknown }).code === code) return true;
    const data = (cur as { data?: { originalError?: { code?: unknown } } }).data;
    if (data?.originalError?.code === code) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

/** switchChain; if the wallet does not know the chain (4902), wallet_addEthereumChain then switch. */
export function useSwitchToChain() {
  const { connector } = useConnection();
  const { mutateAsync: switchChain } = useSwitchChain();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();

  async function switchTo(chainId: number) {
    setPending(true);
    setError(undefined);
    try {
      try {
        await switchChain({ chainId });
      } catch (e) {
        const chain = chains.find((c) => c.id === chainId);
        if (!hasCode(e, 4902) || !chain || !connector) throw e;
        const provider = (await connector.getProvider()) as Eip1193;
        await provider.request({
          method: 'wallet_addEthereumChain',
          params: [
            {
              chainId: numberToHex(chainId),
              chainName: chain.name,
              nativeCurrency: chain.nativeCurrency,
              rpcUrls: chain.rpcUrls.default.http,
              blockExplorerUrls: chain.blockExplorers ? [chain.blockExplorers.default.url] : undefined,
            },
          ],
        });
        await switchChain({ chainId });
      }
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }
  return { switchTo, pending, error };
}
