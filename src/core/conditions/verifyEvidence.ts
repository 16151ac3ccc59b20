import { fail, ok, StakemeshFailure, type Result } from '../../errors/result.js';
import { evidenceJsonCharsMax } from './conditionBounds.js';
import type { ConditionRegistry } from './conditionRegistry.js';
import type { AttachedCondition, ConditionState } from './conditionState.js';
import { evidenceId } from './evidenceId.js';
import { keyAt } from './keyRegistry.js';

export interface EvidenceSubmission {
  readonly set: string;
  readonly condition: string;
  readonly operator: string;
  /** Evidence JSON (hex strings for keys, messages and signatures). */
  readonly evidence: unknown;
}

export interface VerifiedEvidence {
  readonly evidenceId: string;
  readonly kind: string;
  readonly height: number;
  readonly condition: AttachedCondition;
}

function jsonSize(v: unknown): number | null {
  try {
    const s = JSON.stringify(v);
    return typeof s === 'string' ? s.length : null;
  } catch {
    return null;
  }
}

/**
 * Pure, deterministic check of one piece of evidence against a condition attached to a set.
 * Reads `cs` and never changes it; never throws on any input: bad evidence is a returned error.
 * Replay, cooldown and cap are checked by `admitEvidence`.
 */
export function verifyEvidence(
  cs: ConditionState,
  registry: ConditionRegistry,
  block: number,
  sub: EvidenceSubmission,
): Result<VerifiedEvidence> {
  const condition = cs.conditions.get(sub.set)?.get(sub.condition);
  if (!condition) return fail('UNKNOWN_CONDITION', `${sub.condition} on ${sub.set}`);
  const kind = registry.get(condition.kind);
  if (!kind) return fail('UNKNOWN_CONDITION_KIND', `${condition.kind} is not in this registry`);
  const size = jsonSize(sub.evidence);
  if (size === null) return fail('EVIDENCE_MALFORMED', 'evidence must be JSON data');
  if (size > evidenceJsonCharsMax) return fail('EVIDENCE_TOO_LARGE', `${size} > ${evidenceJsonCharsMax} characters`);
  const ctx = { set: sub.set, operator: sub.operator, block, keyAt: (op: string, h: number) => keyAt(cs, op, h) };
  try {
    const decoded = kind.decodeEvidence(sub.evidence);
    const verdict = kind.verify(ctx, condition.params, decoded);
    if (!verdict.ok) return verdict;
    if (verdict.value.height < condition.attachedBlock) {
      return fail(
        'EVIDENCE_BEFORE_CONDITION',
        `height ${verdict.value.height} < block ${condition.attachedBlock} when ${condition.id} was attached`,
      );
    }
    return ok({
      evidenceId: evidenceId(condition.kind, verdict.value.offence),
      kind: condition.kind,
      height: verdict.value.height,
      condition,
    });
  } catch (e) {
    if (e instanceof StakemeshFailure) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}
