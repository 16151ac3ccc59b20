import { fail, type Result } from '../errors/result.js';
import type { Network } from './network.js';

/**
 * Network view of a command log (SPEC §4 → §5): `networkFromLedger(runLog(commands).state)`.
 * Placeholder until the lead's `src/risk/networkFromLedger.ts` exists; the lead wires it here.
 */
export function commandLogNetwork(_commands: readonly unknown[]): Result<Network> {
  return fail('NEEDS_LEDGER', 'command logs need the ledger');
}
