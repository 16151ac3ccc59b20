import { StakemeshFailure } from '../../errors/result.js';
import { isId } from './bytes.js';
import { conditionKindLengthMax } from './conditionBounds.js';
import type { ConditionKind } from './conditionKind.js';
import { doubleSignKind } from './verifiers/doubleSign.js';
import { livenessKind } from './verifiers/liveness.js';
import { oracleDeviationKind } from './verifiers/oracleDeviation.js';

/**
 * Condition kinds known to a ledger. No global mutable state: `createConditionRegistry()` gives
 * a fresh registry holding the built-ins, to which a library user adds pure verifiers with
 * `register`; the ledger commands use `defaultConditionRegistry` (built-ins only, frozen)
 * unless built with another one (`createConditionCommands(registry)`).
 */
export interface ConditionRegistry {
  get(kind: string): ConditionKind | undefined;
  kinds(): string[];
  /** Adds a kind; throws StakemeshFailure CONDITION_KIND_EXISTS / BAD_FIELD, or on a frozen registry. */
  register<P, E>(kind: string, verifier: Omit<ConditionKind<P, E>, 'kind'> | ConditionKind<P, E>): ConditionRegistry;
  /** A copy that can no longer be changed. */
  freeze(): ConditionRegistry;
}

export const builtInConditionKinds: readonly ConditionKind[] = [
  doubleSignKind as unknown as ConditionKind,
  livenessKind as unknown as ConditionKind,
  oracleDeviationKind as unknown as ConditionKind,
];

function makeRegistry(initial: ReadonlyMap<string, ConditionKind>, frozen: boolean): ConditionRegistry {
  const kinds = new Map(initial);
  const registry: ConditionRegistry = {
    get: (kind) => kinds.get(kind),
    kinds: () => [...kinds.keys()].sort(),
    register(kind, verifier) {
      if (frozen) throw new StakemeshFailure('BAD_FIELD', 'this condition registry is frozen; use createConditionRegistry()');
      if (!isId(kind) || kind.length > conditionKindLengthMax)
        throw new StakemeshFailure('BAD_FIELD', `kind ${JSON.stringify(kind).slice(0, 40)} is not a valid id`);
      if (kinds.has(kind)) throw new StakemeshFailure('CONDITION_KIND_EXISTS', kind);
      const v = verifier as ConditionKind<unknown, unknown>;
      kinds.set(kind, {
        kind,
        parseParams: (raw) => v.parseParams(raw),
        decodeEvidence: (raw) => v.decodeEvidence(raw),
        verify: (ctx, params, evidence) => v.verify(ctx, params, evidence),
      } as ConditionKind);
      return registry;
    },
    freeze: () => makeRegistry(kinds, true),
  };
  return registry;
}

export function createConditionRegistry(): ConditionRegistry {
  return makeRegistry(new Map(builtInConditionKinds.map((k) => [k.kind, k])), false);
}

/** Built-in kinds only; frozen, so sharing it is safe. */
export const defaultConditionRegistry: ConditionRegistry = createConditionRegistry().freeze();
