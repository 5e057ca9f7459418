import { HttpRequestError, TimeoutError, type Transport } from 'viem';

/**
 * Whether the chain's JSON-RPC node answers, as the page sees it. Every request of the app goes
 * through `watchedTransport`, so any answer (even a revert) marks the node up and a failed fetch
 * marks it down. While down, one eth_blockNumber every PROBE_MS checks whether it is back; when it
 * is, the recover handlers run (App invalidates every query, so figures refresh without a reload).
 * While up, a heartbeat every HEARTBEAT_MS (visible tab only) notices an outage on a screen that
 * makes no other request; it starts long after a screen has loaded, so the dashboard's ≤ 2 calls
 * are untouched.
 */
export interface RpcHealth {
  down: boolean;
  /** When the node last answered (ms since epoch): the figures on screen are from then. */
  lastOkAt?: number;
}

export const PROBE_MS = 2_000;
export const HEARTBEAT_MS = 30_000;

type Request = (args: { method: string; params?: unknown }) => Promise<unknown>;

let state: RpcHealth = { down: false };
let lastOkAt: number | undefined;
let probe: Request | undefined;
let probeTimer: ReturnType<typeof setTimeout> | undefined;
let heartbeat: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();
const recoverHandlers = new Set<() => void>();

function set(next: RpcHealth) {
  state = next;
  for (const l of listeners) l();
}

function scheduleProbe() {
  if (probeTimer !== undefined || !probe) return;
  const p = probe;
  probeTimer = setTimeout(() => {
    probeTimer = undefined;
    // Through the watched transport: success calls markUp, failure markDown (which reschedules).
    p({ method: 'eth_blockNumber' }).catch(() => undefined);
  }, PROBE_MS);
}

function startHeartbeat() {
  if (heartbeat !== undefined || typeof setInterval !== 'function') return;
  heartbeat = setInterval(() => {
    if (state.down || !probe) return;
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    probe({ method: 'eth_blockNumber' }).catch(() => undefined);
  }, HEARTBEAT_MS);
}

function markUp() {
  lastOkAt = Date.now();
  if (!state.down) return;
  set({ down: false, lastOkAt });
  for (const fn of recoverHandlers) fn();
}

function markDown() {
  if (!state.down) set({ down: true, lastOkAt });
  scheduleProbe();
}

/** A failure of the connection itself (the node did not answer), not an answer with an error. */
export function isUnreachable(err: unknown): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 8 && cur; i++) {
    if (cur instanceof HttpRequestError || cur instanceof TimeoutError) return true;
    if (cur instanceof TypeError && /fetch|network|load failed/i.test(cur.message)) return true;
    cur = typeof cur === 'object' ? (cur as { cause?: unknown }).cause : undefined;
  }
  return false;
}

export const rpcHealth = {
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  snapshot(): RpcHealth {
    return state;
  },
  isDown(): boolean {
    return state.down;
  },
  /** Runs `fn` each time the node answers again after an outage. */
  onRecover(fn: () => void): () => void {
    recoverHandlers.add(fn);
    return () => recoverHandlers.delete(fn);
  },
};

/** Wraps a transport so that every request reports to rpcHealth. */
export function watchedTransport(inner: Transport): Transport {
  return (params) => {
    const t = inner(params);
    const request = (async (args: Parameters<typeof t.request>[0], options?: Parameters<typeof t.request>[1]) => {
      try {
        const result: unknown = await t.request(args, options);
        markUp();
        return result;
      } catch (err) {
        if (isUnreachable(err)) markDown();
        else markUp();
        throw err;
      }
    }) as typeof t.request;
    probe = request as Request;
    startHeartbeat();
    return { ...t, request };
  };
}
