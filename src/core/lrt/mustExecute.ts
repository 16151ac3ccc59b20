import { StakemeshFailure } from '../../errors/result.js';
import type { CommandSpec } from '../log/commandSpec.js';
import type { LedgerState } from '../state/state.js';

/**
 * Runs another command's execute inside a composite command's mutation phase. The caller has
 * already checked every precondition, so a failure here is a bug (it would leave a half-applied
 * state): it throws a programmer error, never a user error.
 */
export function mustExecute(spec: CommandSpec<unknown>, state: LedgerState, command: unknown): Readonly<Record<string, unknown>> {
  try {
    const r = spec.execute(state, command);
    if (!r.ok) throw new Error(`${spec.type} failed: ${r.error.message}`);
    return r.value;
  } catch (e) {
    if (e instanceof StakemeshFailure) throw new Error(`assertion failed: ${spec.type} inside an LRT command: ${e.message}`);
    throw e;
  }
}
