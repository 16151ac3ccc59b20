import { fail, ok, StakemeshFailure } from '../../errors/result.js';
import { WAD } from '../../math/wad.js';
import { defineCommand, type CommandSpec } from '../log/commandSpec.js';
import { conditionsPerSetMax, paramsJsonCharsMax, windowBlocksMax } from '../conditions/conditionBounds.js';
import { defaultConditionRegistry, type ConditionRegistry } from '../conditions/conditionRegistry.js';
import type { AttachedCondition, PlainData } from '../conditions/conditionState.js';
import { getSet } from '../state/entities.js';
import { optInt, reqId, reqInt, reqWad, type Raw } from '../log/fields.js';
import { check } from '../need.js';

interface AttachCondition {
  set: string;
  condition: string;
  kind: string;
  params: PlainData;
  penaltyWad: bigint;
  capWad: bigint;
  windowBlocks: number;
  cooldownBlocks: number;
}

function parseParams(registry: ConditionRegistry, kind: string, raw: unknown): PlainData {
  const verifier = registry.get(kind);
  if (!verifier) throw new StakemeshFailure('UNKNOWN_CONDITION_KIND', kind);
  const text = raw === undefined ? '' : JSON.stringify(raw);
  if (text.length > paramsJsonCharsMax) throw new StakemeshFailure('TOO_LARGE', `params longer than ${paramsJsonCharsMax} characters`);
  return verifier.parseParams(raw) as PlainData;
}

function wadIn(raw: Raw, field: string): bigint {
  const w = reqWad(raw, field);
  if (w <= 0n || w > WAD) throw new StakemeshFailure('BAD_WAD', `${field} must be in (0, 1e18]`);
  return w;
}

/**
 * Attaches a slashing condition to an operator set: kind, params, penalty (WAD of the
 * allocation) per valid evidence, a cap on the penalty issued per operator within any
 * `windowBlocks` blocks, and a cooldown between slashes of the same operator.
 */
export function makeAttachCondition(registry: ConditionRegistry): CommandSpec<unknown> {
  return defineCommand<AttachCondition>({
    type: 'attachCondition',
    parse(raw) {
      const kind = reqId(raw, 'kind');
      return {
        set: reqId(raw, 'set'),
        condition: reqId(raw, 'condition'),
        kind,
        params: parseParams(registry, kind, raw['params']),
        penaltyWad: wadIn(raw, 'penalty'),
        capWad: wadIn(raw, 'cap'),
        windowBlocks: reqInt(raw, 'windowBlocks', 1, windowBlocksMax),
        cooldownBlocks: optInt(raw, 'cooldownBlocks', 0, windowBlocksMax, 0),
      };
    },
    execute(state, c) {
      getSet(state, c.set);
      const existing = state.conditions.conditions.get(c.set);
      if (existing?.has(c.condition)) return fail('CONDITION_EXISTS', `${c.condition} on ${c.set}`);
      check((existing?.size ?? 0) < conditionsPerSetMax, 'BOUND_EXCEEDED', `at most ${conditionsPerSetMax} conditions per set`);
      const { set, condition: id, kind, params, penaltyWad, capWad, windowBlocks, cooldownBlocks } = c;
      const attached: AttachedCondition = {
        id,
        set,
        kind,
        params,
        penaltyWad,
        capWad,
        windowBlocks,
        cooldownBlocks,
        attachedBlock: state.block,
      };
      if (existing) existing.set(id, attached);
      else state.conditions.conditions.set(set, new Map([[id, attached]]));
      return ok({ set, condition: id, kind });
    },
  });
}

export const attachCondition = makeAttachCondition(defaultConditionRegistry);
