import type { StakemeshError } from '../errors/result.js';
import { StakemeshFailure } from '../errors/result.js';
import { cloneState } from './state/cloneState.js';
import { defaultRegistry, type CommandRegistry } from './commandRegistry.js';
import type { ResultFields } from './log/commandSpec.js';
import { parseCommand } from './log/parseCommand.js';
import type { LedgerState } from './state/state.js';

export type CommandOutcome =
  | { readonly ok: true; readonly type: string; readonly fields: ResultFields }
  | { readonly ok: false; readonly type: string; readonly error: StakemeshError };

/**
 * Applies one command to `state` in place. A user error (bad field, failed precondition) is
 * returned and leaves the state as it was: commands check everything before their first
 * mutation. Programmer errors (broken assertions) throw.
 */
export function applyInPlace(state: LedgerState, raw: unknown, registry: CommandRegistry = defaultRegistry): CommandOutcome {
  const type =
    raw !== null && typeof raw === 'object' && typeof (raw as { type?: unknown }).type === 'string' ? (raw as { type: string }).type : '';
  const spec = registry.get(type);
  if (!spec) {
    const error = new StakemeshFailure(
      type ? 'UNKNOWN_COMMAND' : 'BAD_FIELD',
      type ? type.slice(0, 60) : 'a command is an object with a string "type"',
    );
    return { ok: false, type, error: { code: error.code, message: error.message } };
  }
  try {
    const command = parseCommand(spec, raw as Record<string, unknown>);
    const result = spec.execute(state, command);
    if (!result.ok) return { ok: false, type, error: result.error };
    state.applied += 1;
    return { ok: true, type, fields: result.value };
  } catch (e) {
    if (e instanceof StakemeshFailure) return { ok: false, type, error: { code: e.code, message: e.message } };
    throw e;
  }
}

/** The pure transition `apply(state, command) → { state', outcome }` (SPEC §2): `state` is not touched. */
export function apply(
  state: LedgerState,
  raw: unknown,
  registry: CommandRegistry = defaultRegistry,
): { state: LedgerState; outcome: CommandOutcome } {
  const next = cloneState(state);
  const outcome = applyInPlace(next, raw, registry);
  return { state: outcome.ok ? next : state, outcome };
}
