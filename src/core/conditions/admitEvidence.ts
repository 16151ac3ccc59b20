import { fail, ok, type Result } from '../../errors/result.js';
import { penaltyRecordsMax } from './conditionBounds.js';
import { penaltyKey, type ConditionState, type PenaltyRecord } from './conditionState.js';
import type { VerifiedEvidence } from './verifyEvidence.js';

export interface Admission {
  /** Penalty to issue (WAD of the allocation), after the window cap. */
  readonly wad: bigint;
  /** True when the window cap cut the penalty below the condition penalty. */
  readonly capped: boolean;
  /** Penalty issued within the window before this one. */
  readonly usedInWindow: bigint;
}

function windowUsed(records: readonly PenaltyRecord[] | undefined, block: number, windowBlocks: number): bigint {
  let used = 0n;
  for (const r of records ?? []) if (r.block > block - windowBlocks) used += r.wad;
  return used;
}

/** Replay protection, cooldown and the per-window cap. Reads `cs` only. */
export function admitEvidence(cs: ConditionState, v: VerifiedEvidence, operator: string, block: number): Result<Admission> {
  const prior = cs.evidence.get(v.evidenceId);
  if (prior) return fail('EVIDENCE_REPLAYED', `evidence ${v.evidenceId.slice(0, 16)}… slashed at block ${prior.block}`);
  const c = v.condition;
  const key = penaltyKey(c.set, c.id, operator);
  const last = cs.lastSlash.get(key);
  if (last !== undefined && block < last + c.cooldownBlocks) {
    return fail('CONDITION_COOLDOWN', `next slash possible at block ${last + c.cooldownBlocks}`);
  }
  const records = cs.penalties.get(key);
  if ((records?.length ?? 0) >= penaltyRecordsMax && (records?.[0]?.block ?? block) > block - c.windowBlocks) {
    return fail('BOUND_EXCEEDED', `more than ${penaltyRecordsMax} penalties within one window`);
  }
  const used = windowUsed(records, block, c.windowBlocks);
  const remaining = c.capWad - used;
  if (remaining <= 0n) return fail('CONDITION_CAP_REACHED', `${used} of cap ${c.capWad} used in the last ${c.windowBlocks} blocks`);
  const wad = c.penaltyWad < remaining ? c.penaltyWad : remaining;
  return ok({ wad, capped: wad < c.penaltyWad, usedInWindow: used });
}

/** Records an issued slash: the evidence id (never reusable), the penalty in the window, the cooldown start. */
export function recordEvidence(cs: ConditionState, v: VerifiedEvidence, operator: string, block: number, wad: bigint): void {
  const c = v.condition;
  const key = penaltyKey(c.set, c.id, operator);
  cs.evidence.set(v.evidenceId, { set: c.set, condition: c.id, operator, block, wad });
  const kept = (cs.penalties.get(key) ?? []).filter((r) => r.block > block - c.windowBlocks);
  kept.push({ block, wad });
  cs.penalties.set(key, kept);
  cs.lastSlash.set(key, block);
}
