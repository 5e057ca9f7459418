import { isHex, type Hex } from 'viem';
import { ucCommitment } from './shares.ts';

/** The manager's local directory: UC numbers and their salts, never on-chain. Keyed by wallet (lower case). */
export interface DirectoryEntry {
  uc: string;
  salt: Hex;
}
export type Directory = Record<string, DirectoryEntry>;

const key = (chainId: number, community: string) => `compartilha.directory.${chainId}.${community.toLowerCase()}`;

export function parseDirectory(json: string): Directory | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const entries = typeof raw === 'object' && raw !== null && 'entries' in raw ? (raw as { entries: unknown }).entries : raw;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return null;
  const out: Directory = {};
  for (const [wallet, v] of Object.entries(entries)) {
    if (typeof v !== 'object' || v === null) return null;
    const { uc, salt } = v as { uc?: unknown; salt?: unknown };
    if (typeof uc !== 'string' || typeof salt !== 'string' || !isHex(salt) || salt.length !== 66) return null;
    out[wallet.toLowerCase()] = { uc, salt };
  }
  return out;
}

export function loadDirectory(chainId: number, community: string): Directory {
  try {
    return parseDirectory(localStorage.getItem(key(chainId, community)) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

/** Fired on window when this tab saves a directory, so other sections (the allocation CSV) read it again. */
export const DIRECTORY_CHANGED = 'compartilha:directory-changed';

export function saveDirectory(chainId: number, community: string, d: Directory): void {
  try {
    localStorage.setItem(key(chainId, community), JSON.stringify(d));
  } catch {
    /* storage full or private mode: kept in memory only */
  }
  window.dispatchEvent(new Event(DIRECTORY_CHANGED));
}

export function exportDirectory(chainId: number, community: string, d: Directory): string {
  return JSON.stringify({ kind: 'compartilha-directory', chainId, community, entries: d }, null, 2);
}

/** The UC number of a member, only when the local entry matches the on-chain commitment. */
export function ucOf(d: Directory, wallet: string, commitment: Hex): string | undefined {
  const e = d[wallet.toLowerCase()];
  if (e && ucCommitment(e.salt, e.uc) === commitment) return e.uc;
  // A unit added without a wallet is filed under its commitment, and a member whose wallet changed
  // (an invitation re-pointed it) keeps its commitment: find the entry that opens it.
  const byCommitment = d[commitment.toLowerCase()];
  if (byCommitment && ucCommitment(byCommitment.salt, byCommitment.uc) === commitment) return byCommitment.uc;
  return Object.values(d).find((x) => ucCommitment(x.salt, x.uc) === commitment)?.uc;
}

/** The directory key of a member's entry: its wallet, or its commitment while it has none. */
export function directoryKey(wallet: string, commitment: Hex): string {
  return wallet.trim() === '' || /^0x0{40}$/i.test(wallet.trim()) ? commitment.toLowerCase() : wallet.toLowerCase();
}

/** Offers text as a file download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
