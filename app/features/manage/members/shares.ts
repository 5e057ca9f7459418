import { encodePacked, isAddress, keccak256, toHex, type Hex } from 'viem';
import { decimalSeparator } from '../../../lib/format.ts';

export const SHARE_TOTAL_PPM = 1_000_000;

export type ShareProblem = 'empty' | 'notANumber' | 'negative' | 'tooManyDecimals' | 'tooLarge';

/** "12,5" / "12.5" / "12,5 %" → 125 000 ppm. At most 4 decimals (1 ppm = 0,0001 %). */
export function parseSharePercent(text: string): { ok: true; ppm: number } | { ok: false; problem: ShareProblem } {
  const t = text.replace(/[\s\u00a0%]/g, '');
  if (t === '') return { ok: false, problem: 'empty' };
  if (/^[-−]/.test(t)) return /[1-9]/.test(t) ? { ok: false, problem: 'negative' } : { ok: true, ppm: 0 };
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(t);
  if (!m) return { ok: false, problem: 'notANumber' };
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 4) return { ok: false, problem: 'tooManyDecimals' };
  const ppm = Number(m[1]) * 10_000 + Number((frac + '0000').slice(0, 4));
  if (ppm > SHARE_TOTAL_PPM) return { ok: false, problem: 'tooLarge' };
  return { ok: true, ppm };
}

/** ppm → "12,5" (pt-BR) for an input field. */
export function ppmToPercentInput(ppm: number, lang: 'pt-BR' | 'en'): string {
  const int = Math.floor(ppm / 10_000);
  const frac = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${int}${decimalSeparator(lang)}${frac}` : String(int);
}

export interface ShareCheck {
  sumPpm: number;
  /** Rows whose text is not a valid percentage. */
  invalid: number[];
  ok: boolean;
}

/** The send button is enabled only when every row parses and the sum is exactly 100 %. */
export function checkShares(texts: readonly string[]): ShareCheck {
  let sumPpm = 0;
  const invalid: number[] = [];
  texts.forEach((t, i) => {
    const r = parseSharePercent(t);
    if (r.ok) sumPpm += r.ppm;
    else invalid.push(i);
  });
  return { sumPpm, invalid, ok: invalid.length === 0 && sumPpm === SHARE_TOTAL_PPM };
}

/** Salted commitment of a UC number, as the contract stores it: keccak256(abi.encodePacked(bytes32 salt, string uc)). */
export function ucCommitment(salt: Hex, ucNumber: string): Hex {
  return keccak256(encodePacked(['bytes32', 'string'], [salt, ucNumber.trim()]));
}

export function randomSalt(): Hex {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

export const LABEL_MAX_BYTES = 32;
export const byteLength = (s: string) => new TextEncoder().encode(s).length;

export type MemberFormProblem = 'invalidAddress' | 'duplicateWallet' | 'labelTooLong' | 'labelEmpty' | 'ucEmpty' | 'ucInvalid';

const ZERO = '0x0000000000000000000000000000000000000000';

/** No wallet yet: an empty field (or the zero address), a unit waiting for its invitation (#12). */
export const noWallet = (wallet: string) => wallet.trim() === '' || wallet.trim().toLowerCase() === ZERO;

/** Checks the add-member fields before anything is sent. An empty wallet is allowed (see noWallet). */
export function checkMemberForm(f: { wallet: string; uc: string; label: string }, existingWallets: readonly string[]): MemberFormProblem[] {
  const out: MemberFormProblem[] = [];
  if (noWallet(f.wallet)) {
    // the resident's wallet comes with the invitation
  } else if (!isAddress(f.wallet.trim(), { strict: false })) out.push('invalidAddress');
  else if (existingWallets.some((w) => w.toLowerCase() === f.wallet.trim().toLowerCase())) out.push('duplicateWallet');
  if (f.uc.trim() === '') out.push('ucEmpty');
  else if (!/^[\d.\-/\s]+$/.test(f.uc.trim())) out.push('ucInvalid');
  if (f.label.trim() === '') out.push('labelEmpty');
  else if (byteLength(f.label.trim()) > LABEL_MAX_BYTES) out.push('labelTooLong');
  return out;
}
