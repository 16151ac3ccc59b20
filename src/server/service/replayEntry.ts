import { applyInPlace } from '../../core/apply.js';
import type { LedgerState } from '../../core/state/state.js';
import type { StoredEntry } from '../../store/storedEntry.js';
import { recordOwner, type Owners } from './owners.js';

/**
 * Applies a logged entry to `state` (in place). Every logged command succeeded when it was
 * appended, so a refusal or a different block means the log or the snapshot was altered: the
 * reason is returned (null when it replays exactly).
 */
export function replayEntry(state: LedgerState, entry: StoredEntry, owners: Owners | null): string | null {
  const outcome = applyInPlace(state, entry.envelope.command);
  if (!outcome.ok) return `the ledger refuses its command (${outcome.error.code}: ${outcome.error.message})`;
  if (state.block !== entry.block) return `replay reaches block ${state.block}, the log says ${entry.block}`;
  if (owners) recordOwner(owners, entry.envelope.account, entry.envelope.command);
  return null;
}
