import { ok } from '../../errors/result.js';
import { defineCommand, type CommandSpec } from '../log/commandSpec.js';
import { admitEvidence, recordEvidence } from '../conditions/admitEvidence.js';
import { defaultConditionRegistry, type ConditionRegistry } from '../conditions/conditionRegistry.js';
import { verifyEvidence, type EvidenceSubmission } from '../conditions/verifyEvidence.js';
import { reqId } from '../log/fields.js';
import { issueSlash } from '../slashing/issueSlash.js';
import { StakemeshFailure } from '../../errors/result.js';

/**
 * Anyone submits evidence against an operator under a condition of a set. Valid evidence
 * (pure verification, then replay / cooldown / window-cap checks) issues the slash: instant,
 * or a veto request in a veto-mode set. Invalid evidence returns its error and changes nothing.
 */
export function makeSubmitEvidence(registry: ConditionRegistry): CommandSpec<unknown> {
  return defineCommand<EvidenceSubmission>({
    type: 'submitEvidence',
    parse(raw) {
      if (raw['evidence'] === undefined) throw new StakemeshFailure('BAD_FIELD', 'evidence is required');
      return { set: reqId(raw, 'set'), condition: reqId(raw, 'condition'), operator: reqId(raw, 'operator'), evidence: raw['evidence'] };
    },
    execute(state, c) {
      const v = verifyEvidence(state.conditions, registry, state.block, c);
      if (!v.ok) return v;
      const a = admitEvidence(state.conditions, v.value, c.operator, state.block);
      if (!a.ok) return a;
      const slashed = issueSlash(state, {
        set: c.set,
        operator: c.operator,
        wad: a.value.wad,
        source: { kind: 'evidence', evidence: v.value.evidenceId },
      });
      if (!slashed.ok) return slashed;
      recordEvidence(state.conditions, v.value, c.operator, state.block, a.value.wad);
      return ok({
        ...slashed.value,
        evidenceId: v.value.evidenceId,
        kind: v.value.kind,
        condition: c.condition,
        wad: a.value.wad.toString(),
        capped: a.value.capped,
      });
    },
  });
}

export const submitEvidence = makeSubmitEvidence(defaultConditionRegistry);
