/**
 * The solidarity pool in the manager's console: which lots are about to expire, what an assignment
 * form may send, and the manager's private notes (this browser only). Pure except the notes' storage.
 */
import type { Hex } from 'viem';
import { checkWithinBalance, parseKwhToWh, type AmountProblem } from '../../../lib/amounts.ts';
import { cyclesBetween } from '../../../lib/cycles.ts';
import type { Lang } from '../../../lib/format.ts';
import { POOL_REASONS, type PoolReason } from '../../../lib/pool-reasons.ts';

/** Cycles ahead that count as "about to expire": the dashboard's 3-cycle horizon (the open one and the next two). */
export const SOON_CYCLES = 3;

/** A lot expires at the close of its expiry cycle: soon when that close is one of the next SOON_CYCLES. */
export function expiresSoon(lot: { expiryCycle: number }, openCycle: number): boolean {
  return cyclesBetween(openCycle, lot.expiryCycle) < SOON_CYCLES;
}

export function soonWh(lots: readonly { expiryCycle: number; amountWh: bigint }[], openCycle: number): bigint {
  return lots.reduce((a, l) => (expiresSoon(l, openCycle) ? a + l.amountWh : a), 0n);
}

export interface PoolMember {
  id: number;
  label: string;
  active: boolean;
}

export type AssignField = 'member' | 'amount' | 'reason';
export type AssignProblem = AmountProblem | 'overPool' | 'chooseMember' | 'chooseReason';

export type AssignCheck<M extends PoolMember> =
  { ok: true; member: M; amountWh: bigint; reason: PoolReason } | { ok: false; field: AssignField; problem: AssignProblem; max?: number };

/** The form's three choices, checked in order: an active member, an amount within the pool, a reason of the list. */
export function checkAssign<M extends PoolMember>(
  input: { memberId: string; amount: string; reason: string },
  members: readonly M[],
  poolWh: bigint,
  lang: Lang,
): AssignCheck<M> {
  const member = input.memberId === '' ? undefined : members.find((x) => String(x.id) === input.memberId);
  if (!member) return { ok: false, field: 'member', problem: 'chooseMember' };
  if (!member.active) return { ok: false, field: 'member', problem: 'notMember' };
  const parsed = parseKwhToWh(input.amount, lang);
  if (!parsed.ok) return { ok: false, field: 'amount', problem: parsed.problem, max: parsed.max };
  const within = checkWithinBalance(parsed.value, poolWh);
  if (!within.ok) return { ok: false, field: 'amount', problem: within.problem === 'overBalance' ? 'overPool' : within.problem };
  const reason = POOL_REASONS.find((r) => r === input.reason);
  if (!reason) return { ok: false, field: 'reason', problem: 'chooseReason' };
  return { ok: true, member, amountWh: parsed.value, reason };
}

const notesKey = (chainId: number, community: string) => `compartilha.pool-notes.${chainId}.${community.toLowerCase()}`;

/** The manager's own notes on assignments, keyed by transaction hash: never sent anywhere. */
export function loadPoolNotes(chainId: number, community: string): Record<string, string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(notesKey(chainId, community)) ?? '{}');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function savePoolNote(chainId: number, community: string, txHash: Hex, note: string): void {
  const text = note.trim();
  if (text === '') return;
  try {
    const all = loadPoolNotes(chainId, community);
    all[txHash.toLowerCase()] = text;
    localStorage.setItem(notesKey(chainId, community), JSON.stringify(all));
  } catch {
    /* private mode: not kept */
  }
}
