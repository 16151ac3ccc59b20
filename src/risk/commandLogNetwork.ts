import { ok, type Result } from '../errors/result.js';
import { runLog } from '../core/runLog.js';
import type { Network } from './network.js';
import { networkFromLedger } from './networkFromLedger.js';

/** Network view of a command log (SPEC §4 → §5): the ledger state after the log, viewed as a network. */
export function commandLogNetwork(commands: readonly unknown[]): Result<Network> {
  return ok(networkFromLedger(runLog(commands).state));
}
