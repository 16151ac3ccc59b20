import type { Result } from '../../errors/result.js';
import type { Raw } from './fields.js';
import type { LedgerState } from '../state/state.js';

/** Fields a successful command reports besides index/type/status (ids created, amounts moved). */
export type ResultFields = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/**
 * One ledger command: `parse` validates the raw object (throwing StakemeshFailure on bad
 * input), `execute` checks every precondition against the state before it mutates anything,
 * and returns a user error without touching the state when one fails.
 */
export interface CommandSpec<C> {
  readonly type: string;
  parse(raw: Raw): C;
  execute(state: LedgerState, command: C): Result<ResultFields>;
}

export function defineCommand<C>(spec: CommandSpec<C>): CommandSpec<unknown> {
  return spec as CommandSpec<unknown>;
}
