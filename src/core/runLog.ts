import { applyInPlace, type CommandOutcome } from './apply.js';
import { defaultRegistry, type CommandRegistry } from './commandRegistry.js';
import { createState, type LedgerState } from './state/state.js';

export type ResultEntry = { readonly index: number; readonly type: string; readonly status: string; readonly message?: string } & Readonly<
  Record<string, unknown>
>;

export interface RunOptions {
  readonly registry?: CommandRegistry;
  /** Start from this state (mutated in place) instead of genesis. */
  readonly state?: LedgerState;
  /** Called after every command, e.g. to assert invariants in tests or drive a progress bar. */
  readonly afterEach?: (state: LedgerState, outcome: CommandOutcome, index: number) => void;
}

/** Runs a command log from genesis; failing commands are reported and skipped (SPEC §4). */
export function runLog(commands: readonly unknown[], options: RunOptions = {}): { state: LedgerState; results: ResultEntry[] } {
  const state = options.state ?? createState();
  const registry = options.registry ?? defaultRegistry;
  const results: ResultEntry[] = [];
  commands.forEach((raw, index) => {
    const outcome = applyInPlace(state, raw, registry);
    results.push(toEntry(index, outcome));
    options.afterEach?.(state, outcome, index);
  });
  return { state, results };
}

export function toEntry(index: number, outcome: CommandOutcome): ResultEntry {
  if (!outcome.ok) return { index, type: outcome.type, status: outcome.error.code, message: outcome.error.message };
  return { index, type: outcome.type, status: 'ok', ...outcome.fields };
}
