import { ok, type Result } from '../errors/result.js';
import { runLog } from '../core/runLog.js';
import type { LedgerState } from '../core/state/state.js';
import type { CommandLogSource, Network } from './network.js';
import { networkFromLedger } from './networkFromLedger.js';

/**
 * Network view of a command log (SPEC §4 → §5): the ledger state after the log, viewed as a network.
 * Failing commands are skipped (SPEC §4) and counted in `source` with the first failure, so that callers
 * can report them.
 */
export function commandLogNetwork(commands: readonly unknown[]): Result<Network> {
  return ok(commandLogLedger(commands).network);
}

/** The ledger state after a command log and its network view (with `source`). */
export function commandLogLedger(commands: readonly unknown[]): { network: Network; state: LedgerState } {
  const { state, results } = runLog(commands);
  const failures = results.filter((r) => r.status !== 'ok');
  const first = failures[0];
  const source: CommandLogSource = {
    commands: results.length,
    failed: failures.length,
    firstFailure: first ? { index: first.index, code: first.status, message: (first.message ?? '').replace(/\s*\n\s*/g, ' ') } : null,
  };
  return { network: { ...networkFromLedger(state), source }, state };
}

/** The one-line stderr summary of a log's failed commands (null when none failed). */
export function failedCommandsLine(command: string, s: CommandLogSource): string | null {
  const f = s.firstFailure;
  if (s.failed === 0 || !f) return null;
  return `${command}: ${s.failed} of ${s.commands} commands failed (first: ${f.code} at command ${f.index}: ${f.message})`;
}
