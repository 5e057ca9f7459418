/**
 * The chain list of a release: `chains.json` next to index.html (an array of deployments, the
 * shape scripts/deploy.ts writes to contracts-abi/deployments/<chainId>.json). Pure, shared by the
 * app (runtime) and the build plugin (chains-plugin.ts), so both accept and reject the same entries.
 */

/** Shape of contracts-abi/deployments/<chainId>.json and of each entry of chains.json. */
export interface Deployment {
  chainId: number;
  name: string;
  rpcUrl: string;
  explorerUrl: string | null;
  registry: `0x${string}`;
  registryBlock: number;
  demoCommunity: `0x${string}` | null;
  /** The chain charges no gas (a permissioned network with gas price 0): every write goes out with zero fees. */
  zeroGas: boolean;
  /**
   * The most blocks one eth_getLogs may span on this chain's node (Besu `--rpc-max-logs-range`,
   * 5,000 by default; public RPCs often 1,000). Every log read is split into ranges of at most this
   * many blocks. Default 1,000 when absent.
   */
  logsBlockRange: number;
}

/** Blocks per eth_getLogs when a chain entry declares no `logsBlockRange` (fits Besu's default and most public RPCs). */
export const DEFAULT_LOGS_BLOCK_RANGE = 1_000;

export const LOCAL_CHAIN_ID = 31337;

export interface ParsedChains {
  deployments: Deployment[];
  /** One human-readable reason per rejected entry (or for the whole file). */
  errors: string[];
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
}

/** One entry → a Deployment, or the reason it is rejected. */
export function parseDeployment(x: unknown): Deployment | string {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'not an object';
  const o = x as Record<string, unknown>;
  const { chainId, name, rpcUrl, registry } = o;
  const explorerUrl = o.explorerUrl ?? null;
  const demoCommunity = o.demoCommunity ?? null;
  const registryBlock = o.registryBlock ?? 0;
  const zeroGas = o.zeroGas ?? false;
  const logsBlockRange = o.logsBlockRange ?? DEFAULT_LOGS_BLOCK_RANGE;
  const bad = (field: string, want: string, got: unknown) => `${field} must be ${want} (got ${JSON.stringify(got) ?? 'nothing'})`;
  if (!Number.isSafeInteger(chainId) || (chainId as number) <= 0) return bad('chainId', 'a positive integer', chainId);
  if (typeof name !== 'string' || name.trim() === '') return bad('name', 'a non-empty text', name);
  if (!isHttpUrl(rpcUrl)) return bad('rpcUrl', 'an http(s) URL', rpcUrl);
  if (explorerUrl !== null && !isHttpUrl(explorerUrl)) return bad('explorerUrl', 'an http(s) URL or null', explorerUrl);
  if (typeof registry !== 'string' || !ADDRESS.test(registry)) return bad('registry', 'a 0x address (40 hex digits)', registry);
  if (!Number.isSafeInteger(registryBlock) || (registryBlock as number) < 0) return bad('registryBlock', 'a block number', registryBlock);
  if (demoCommunity !== null && (typeof demoCommunity !== 'string' || !ADDRESS.test(demoCommunity)))
    return bad('demoCommunity', 'a 0x address or null', demoCommunity);
  if (typeof zeroGas !== 'boolean') return bad('zeroGas', 'true or false', zeroGas);
  if (!Number.isSafeInteger(logsBlockRange) || (logsBlockRange as number) <= 0)
    return bad('logsBlockRange', 'a positive integer (blocks per eth_getLogs)', logsBlockRange);
  return {
    chainId: chainId as number,
    name: name.trim(),
    rpcUrl: rpcUrl as string,
    explorerUrl: explorerUrl as string | null,
    registry: registry as `0x${string}`,
    registryBlock: registryBlock as number,
    demoCommunity: demoCommunity as `0x${string}` | null,
    zeroGas,
    logsBlockRange: logsBlockRange as number,
  };
}

/**
 * The whole file: a JSON array of entries. Bad entries and repeated chain ids are dropped with a
 * reason; the good ones are kept, `firstChainId` (the local chain in a development build) first,
 * then by chain id. The app passes no number of its own in a production build, whose bundle holds
 * no trace of the development chain.
 */
export function parseChainConfig(json: unknown, firstChainId?: number): ParsedChains {
  if (!Array.isArray(json)) return { deployments: [], errors: ['chains.json must be a JSON array of chains'] };
  const deployments: Deployment[] = [];
  const errors: string[] = [];
  json.forEach((x, i) => {
    const d = parseDeployment(x);
    const where = `chain #${i + 1}${typeof (x as { chainId?: unknown })?.chainId === 'number' ? ` (chainId ${(x as { chainId: number }).chainId})` : ''}`;
    if (typeof d === 'string') errors.push(`${where}: ${d}`);
    else if (deployments.some((e) => e.chainId === d.chainId)) errors.push(`${where}: chainId ${d.chainId} is listed twice`);
    else deployments.push(d);
  });
  deployments.sort((a, b) => (a.chainId === firstChainId ? -1 : b.chainId === firstChainId ? 1 : a.chainId - b.chainId));
  return { deployments, errors };
}

/** VITE_LOCAL_RPC_URL points the local chain (31337) somewhere else (tests, other ports). */
export function withLocalRpc(list: Deployment[], localRpcUrl: unknown, localZeroGas: unknown = undefined): Deployment[] {
  const zeroGas = localZeroGas === '1' || localZeroGas === 'true';
  const rpcUrl = typeof localRpcUrl === 'string' && localRpcUrl !== '' ? localRpcUrl : undefined;
  if (!rpcUrl && !zeroGas) return list;
  return list.map((d) => (d.chainId === LOCAL_CHAIN_ID ? { ...d, ...(rpcUrl ? { rpcUrl } : {}), ...(zeroGas ? { zeroGas: true } : {}) } : d));
}

/** Drops the local development chain (31337): what a production release may list. */
export function withoutLocalChain(list: Deployment[]): Deployment[] {
  return list.filter((d) => d.chainId !== LOCAL_CHAIN_ID);
}

const CSP = /(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*connect-src )([^;"]*)/;

/**
 * index.html with its CSP's `connect-src` set for these chains: `'self'` plus each RPC's origin
 * (a production release talks to nothing else); a development build also allows any http port on
 * 127.0.0.1/localhost (tests and the dev chain move the RPC around) and any https origin.
 */
export function withConnectSrc(html: string, list: Deployment[], devChain: boolean): string {
  if (!CSP.test(html)) throw new Error('index.html has no Content-Security-Policy meta with connect-src');
  const origins = [...new Set(list.map((d) => new URL(d.rpcUrl).origin))].sort();
  const sources = devChain ? ["'self'", 'http://127.0.0.1:*', 'http://localhost:*', 'https:'] : ["'self'", ...origins];
  return html.replace(CSP, (_m, head: string) => `${head}${sources.join(' ')}`);
}
