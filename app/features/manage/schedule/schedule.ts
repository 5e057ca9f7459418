import { keccak256, type Hex } from 'viem';
import { addCycles } from '../../../lib/cycles.ts';

/** How many cycles ahead a share schedule may take effect (Community.scheduleShares). */
export const MAX_CYCLES_AHEAD = 12;
const PPM = 1_000_000;

/** The cycles a new allocation table may take effect from: the one after the open cycle, up to 12 ahead. */
export function effectiveCycleChoices(openCycle: number): number[] {
  return Array.from({ length: MAX_CYCLES_AHEAD }, (_, i) => addCycles(openCycle, i + 1));
}

/** "2026-12-15" (an <input type="date">) → 20261215, the contract's `filedOn`; undefined if not a date. */
export function filedOnFromInput(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  if (y < 2000 || y > 2200) return undefined;
  return y * 10_000 + mo * 100 + d;
}

/** Today in Brasília (UTC−3) as an <input type="date"> value, the default filing date. */
export function todayInBrasilia(now: Date): string {
  return new Date(now.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
}

/** The hash the chain keeps of the filed document: keccak256 of its bytes (the file never leaves the device). */
export function documentHash(bytes: Uint8Array): Hex {
  return keccak256(bytes);
}

export interface ScheduleMember {
  id: number;
  sharePpm: number;
  active: boolean;
}

export type ScheduleProblem = { code: 'sum'; sumPpm: number } | { code: 'inactive'; memberId: number } | { code: 'unchanged' } | { code: 'empty' };

/**
 * The `scheduleShares` lists for a proposed table: every member whose share changes (the others keep
 * theirs), checked as the contract checks them — the shares then in force sum to exactly 100 %, and an
 * inactive member gets no share — so a refusal is said before anything is signed.
 */
export function scheduleLists(
  members: readonly ScheduleMember[],
  proposed: ReadonlyMap<number, number>,
): { ok: true; memberIds: number[]; sharesPpm: number[] } | { ok: false; problem: ScheduleProblem } {
  if (members.length === 0) return { ok: false, problem: { code: 'empty' } };
  let sum = 0;
  const memberIds: number[] = [];
  const sharesPpm: number[] = [];
  for (const m of members) {
    const next = proposed.get(m.id) ?? m.sharePpm;
    if (!m.active && next !== 0) return { ok: false, problem: { code: 'inactive', memberId: m.id } };
    sum += next;
    if (next !== m.sharePpm) {
      memberIds.push(m.id);
      sharesPpm.push(next);
    }
  }
  if (sum !== PPM) return { ok: false, problem: { code: 'sum', sumPpm: sum } };
  if (memberIds.length === 0) return { ok: false, problem: { code: 'unchanged' } };
  return { ok: true, memberIds, sharesPpm };
}
