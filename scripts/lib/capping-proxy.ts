// A JSON-RPC proxy in front of a local node (anvil) that behaves like a production node's limits,
// for tests and benchmarks (issue #14):
// - eth_getLogs whose block range is wider than `cap` is rejected the way Besu rejects it
//   (`--rpc-max-logs-range`: refused when to − from > cap, error -32005 "Requested range exceeds
//   maximum RPC range limit"); block tags (latest, pending, safe, finalized, earliest) are resolved
//   against the node first; a filter by blockHash is one block and always passes;
// - optional added latency per HTTP request (a batch is one round trip);
// - every call counted by method (a batch counts each of its calls);
// - CORS answered, so a page on another origin can use it as its RPC.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BESU_RANGE_ERROR = { code: -32005, message: 'Requested range exceeds maximum RPC range limit' } as const;

export interface CappingProxyOptions {
  /** The node behind the proxy (e.g. anvil's http://127.0.0.1:8545). */
  target: string;
  /** Port to listen on (0: any free port). */
  port?: number;
  host?: string;
  /** Largest accepted `to − from` of an eth_getLogs (Besu's --rpc-max-logs-range); undefined: no cap. */
  cap?: number;
  /** Added to every HTTP request before it is answered (ms). */
  latencyMs?: number;
}

interface JsonRpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export interface CappingProxy {
  url: string;
  port: number;
  /** Calls per method since start (or the last reset); a batch adds each of its calls. */
  counts: () => Record<string, number>;
  /** Total calls since start (or the last reset). */
  total: () => number;
  /** eth_getLogs refused for their range since start (or the last reset). */
  rejected: () => number;
  /** HTTP requests since start (or the last reset): a batch is one. */
  httpRequests: () => number;
  reset: () => void;
  setCap: (cap: number | undefined) => void;
  setLatency: (ms: number) => void;
  close: () => Promise<void>;
}

const TAGS_AT_HEAD = new Set(['latest', 'pending', 'safe', 'finalized']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startCappingProxy(opts: CappingProxyOptions): Promise<CappingProxy> {
  let cap = opts.cap;
  let latencyMs = opts.latencyMs ?? 0;
  let counts: Record<string, number> = {};
  let rejected = 0;
  let httpRequests = 0;

  const upstream = async (body: unknown): Promise<unknown> => {
    const res = await fetch(opts.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  };

  /** A block tag or hex number as a number; tags at the head cost one eth_blockNumber to the node (not counted). */
  const blockOf = async (tag: unknown, head: () => Promise<bigint>): Promise<bigint> => {
    if (tag === undefined || tag === null || (typeof tag === 'string' && TAGS_AT_HEAD.has(tag))) return head();
    if (tag === 'earliest') return 0n;
    if (typeof tag === 'string' && /^0x[0-9a-fA-F]+$/.test(tag)) return BigInt(tag);
    throw new Error(`bad block ${JSON.stringify(tag)}`);
  };

  /** The Besu error for an eth_getLogs wider than the cap, or undefined when it may go to the node. */
  const refusal = async (r: JsonRpcRequest): Promise<object | undefined> => {
    if (cap === undefined || r.method !== 'eth_getLogs') return undefined;
    const filter = (Array.isArray(r.params) ? r.params[0] : undefined) as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown } | undefined;
    if (!filter || typeof filter !== 'object' || filter.blockHash !== undefined) return undefined;
    let headCache: Promise<bigint> | undefined;
    const head = () =>
      (headCache ??= upstream({ jsonrpc: '2.0', id: 0, method: 'eth_blockNumber', params: [] }).then((a) => BigInt((a as { result: string }).result)));
    let from: bigint;
    let to: bigint;
    try {
      from = await blockOf(filter.fromBlock, head);
      to = await blockOf(filter.toBlock, head);
    } catch {
      return undefined; // the node answers a malformed filter with its own error
    }
    if (to - from > BigInt(cap)) {
      rejected++;
      return { jsonrpc: '2.0', id: r.id ?? null, error: { ...BESU_RANGE_ERROR } };
    }
    return undefined;
  };

  const one = async (r: JsonRpcRequest): Promise<unknown> => {
    const method = typeof r.method === 'string' ? r.method : '(none)';
    counts[method] = (counts[method] ?? 0) + 1;
    return (await refusal(r)) ?? upstream(r);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.method !== 'POST') return void res.writeHead(405).end();
    httpRequests++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    try {
      const answer = Array.isArray(parsed) ? await Promise.all(parsed.map((r) => one(r as JsonRpcRequest))) : await one(parsed as JsonRpcRequest);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    } catch (error) {
      // The node itself did not answer: a gateway error, as a reverse proxy gives.
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream ${opts.target}: ${(error as Error).message}`);
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    counts: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    rejected: () => rejected,
    httpRequests: () => httpRequests,
    reset: () => {
      counts = {};
      rejected = 0;
      httpRequests = 0;
    },
    setCap: (c) => {
      cap = c;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
