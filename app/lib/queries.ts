import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Address } from 'viem';

/** Every string a query key holds, lowercased (wagmi's keys hold an options object; the app's, an array). */
function keyStrings(key: QueryKey): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (typeof v === 'string') out.push(v.toLowerCase());
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  walk(key, 0);
  return out;
}

/** Does this query read one of `contracts` (its key names the address)? */
export function readsContract(key: QueryKey, contracts: readonly Address[]): boolean {
  const wanted = new Set(contracts.map((a) => a.toLowerCase()));
  return keyStrings(key).some((s) => wanted.has(s));
}

/**
 * After a write: refetch only what reads the contracts the write changed (the community, its
 * market, the payment token), not every query of the app (the registry's lists, another
 * community's figures, the token's name and decimals stay as they are when not named).
 */
export function invalidateContracts(qc: QueryClient, contracts: readonly (Address | undefined)[]): Promise<void> {
  const list = contracts.filter((a): a is Address => a !== undefined);
  return qc.invalidateQueries({ predicate: (q) => readsContract(q.queryKey, list) });
}
