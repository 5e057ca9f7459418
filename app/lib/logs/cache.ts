/**
 * Browser cache of a member's history: the rows read so far and the last block read, keyed by
 * chain + community + member, so a second visit only reads new blocks. IndexedDB (no size worry
 * for thousands of rows), falling back to localStorage, then to memory (private modes, Node).
 */
import type { HistoryRow, ReduceState } from './rows.ts';

/**
 * 2: market withdrawals (ProceedsWithdrawn) are in the history; older caches lack them and are read again.
 * 3: adjustment rows carry their reason and the manager who made them (#13); older rows lack both.
 */
export const CACHE_VERSION = 3;

export interface CachedHistory {
  version: typeof CACHE_VERSION;
  /** The block the history starts at (the registry's deployment block): a different one invalidates. */
  startBlock: string;
  /** The last block fully read. */
  lastBlock: string;
  /** The newest block that had a log, with its hash: re-checked on the next visit (chain reset, reorg). */
  anchor: { block: string; hash: string } | null;
  rows: HistoryRow[];
  state: ReduceState;
}

export interface HistoryStore {
  get(key: string): Promise<CachedHistory | undefined>;
  set(key: string, value: CachedHistory): Promise<void>;
  delete(key: string): Promise<void>;
}

export function historyKey(chainId: number, community: string, memberId: number): string {
  return `compartilha.history.v${CACHE_VERSION}:${chainId}:${community.toLowerCase()}:${memberId}`;
}

export function isCachedHistory(v: unknown): v is CachedHistory {
  const c = v as CachedHistory | null;
  return (
    !!c &&
    c.version === CACHE_VERSION &&
    typeof c.lastBlock === 'string' &&
    typeof c.startBlock === 'string' &&
    Array.isArray(c.rows) &&
    !!c.state &&
    Array.isArray(c.state.orderIds)
  );
}

/** In-memory store (tests, the benchmark, and the last resort in the browser). */
export function memoryStore(): HistoryStore & { writes: number } {
  const m = new Map<string, string>();
  const store = {
    writes: 0,
    get: async (key: string) => {
      const raw = m.get(key);
      const v: unknown = raw === undefined ? undefined : JSON.parse(raw);
      return isCachedHistory(v) ? v : undefined;
    },
    set: async (key: string, value: CachedHistory) => {
      store.writes++;
      m.set(key, JSON.stringify(value));
    },
    delete: async (key: string) => {
      m.delete(key);
    },
  };
  return store;
}

const DB = 'compartilha';
const STORE = 'history';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
}

function idbStore(): HistoryStore {
  let db: Promise<IDBDatabase> | undefined;
  const run = <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>) =>
    (db ??= openDb()).then(
      (d) =>
        new Promise<T>((resolve, reject) => {
          const req = f(d.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error ?? new Error('indexedDB request failed'));
        }),
    );
  return {
    get: async (key) => {
      const v: unknown = await run('readonly', (s) => s.get(key));
      return isCachedHistory(v) ? v : undefined;
    },
    set: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (s) => s.delete(key));
    },
  };
}

function localStore(): HistoryStore {
  return {
    get: async (key) => {
      const raw = localStorage.getItem(key);
      const v: unknown = raw === null ? undefined : JSON.parse(raw);
      return isCachedHistory(v) ? v : undefined;
    },
    set: async (key, value) => {
      localStorage.setItem(key, JSON.stringify(value));
    },
    delete: async (key) => {
      localStorage.removeItem(key);
    },
  };
}

/** A store that never fails the load: each failing backend hands over to the next one. */
export function browserStore(): HistoryStore {
  const backends: HistoryStore[] = [];
  if (typeof indexedDB !== 'undefined') backends.push(idbStore());
  if (typeof localStorage !== 'undefined') backends.push(localStore());
  backends.push(memoryStore());
  let i = 0;
  const attempt = async <T>(f: (s: HistoryStore) => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await f(backends[i]!);
      } catch (error) {
        if (i >= backends.length - 1) throw error;
        i++;
      }
    }
  };
  return {
    get: (key) => attempt((s) => s.get(key)),
    set: (key, value) => attempt((s) => s.set(key, value)),
    delete: (key) => attempt((s) => s.delete(key)),
  };
}
