import { useSyncExternalStore } from 'react';
import { findInFlight, txStore, type TxEntry, type TxKind } from './store.ts';

/**
 * The write of `kind` this account sent in this community that is still on its way (also after a
 * reload, from the persisted status list), or undefined. A form shows it and refuses a second one;
 * it re-renders when the entry settles (TxStatusList waits for its receipt and refetches).
 */
export function useInFlight(kind: TxKind, community: string, account: string): TxEntry | undefined {
  const entries = useSyncExternalStore(txStore.subscribe, txStore.snapshot, txStore.snapshot);
  return findInFlight(entries, kind, community, account);
}
