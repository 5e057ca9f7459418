import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useConnection } from 'wagmi';

/**
 * "The wallet dropped this site" — it was connected and went away without the user pressing
 * Sair: a locked wallet answers eth_accounts with [] and emits accountsChanged([]), which wagmi
 * turns into a disconnect. The connect screen then says the wallet is locked instead of starting
 * over as if nothing happened. Cleared on the next connection or a deliberate sign-out.
 */
let dropped = false;
let userLeft = false;
const listeners = new Set<() => void>();

function set(v: boolean) {
  if (dropped === v) return;
  dropped = v;
  for (const l of listeners) l();
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const snapshot = () => dropped;

/** Call right before a deliberate disconnect (the header's Sair). */
export function noteUserDisconnect(): void {
  userLeft = true;
  set(false);
}

export function useWalletDropped(): boolean {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Mounted once (in the header): watches the connection for a drop. */
export function useWatchWalletDrop(): void {
  const { status } = useConnection();
  const prev = useRef(status);
  useEffect(() => {
    if (status === 'connected') {
      userLeft = false;
      set(false);
    } else if (status === 'disconnected' && prev.current === 'connected' && !userLeft) {
      set(true);
    }
    prev.current = status;
  }, [status]);
}
