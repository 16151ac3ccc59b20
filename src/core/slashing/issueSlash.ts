import { ok, type Result } from '../../errors/result.js';
import { WAD } from '../../math/wad.js';
import type { ResultFields } from '../log/commandSpec.js';
import { getOperator, getSet } from '../state/entities.js';
import { isSlashable } from '../state/lookups.js';
import { check } from '../need.js';
import { slashVault } from './slashVault.js';
import { requestSlashFor } from './requestSlash.js';
import type { SlashOrder } from './slashOrder.js';
import type { LedgerState } from '../state/state.js';
import { onSlashExecuted } from '../insurance/onSlashExecuted.js';
import { slashBefore } from '../insurance/slashBefore.js';

/** Checks a slash order against the state (throws user errors; mutates nothing). */
export function checkSlashOrder(state: LedgerState, o: SlashOrder): readonly string[] {
  const set = getSet(state, o.set);
  const op = getOperator(state, o.operator);
  if (o.source.kind === 'slasher' && o.source.caller !== undefined) {
    check(o.source.caller === set.slasher, 'NOT_SLASHER', `${o.source.caller} is not the slasher of ${o.set}`);
  }
  check(o.wad > 0n && o.wad <= WAD, 'BAD_WAD', o.wad.toString());
  check(isSlashable(op.registrations.get(o.set), state.block), 'NOT_SLASHABLE', `${o.operator} by ${o.set}`);
  const vaults = o.vaults ?? set.vaults;
  for (const v of vaults) check(set.vaults.includes(v), 'VAULT_NOT_IN_SET', `${v} in ${o.set}`);
  return vaults;
}

/**
 * Issues a slash: executed at once in an `instant` set; in a `veto` set it becomes a request
 * (see requestSlash) that the resolver may veto. Every check precedes the first mutation.
 */
export function issueSlash(state: LedgerState, o: SlashOrder): Result<ResultFields> {
  const vaults = checkSlashOrder(state, o);
  const set = getSet(state, o.set);
  if (set.slashingMode === 'veto') return requestSlashFor(state, o, vaults);
  const op = getOperator(state, o.operator);
  let total = 0n;
  const perVault: string[] = [];
  const before = slashBefore(state, o.set, o.operator, vaults);
  for (const v of vaults) {
    const s = slashVault(state, op, o.set, v, o.wad);
    total += s.slashedShares;
    perVault.push(`${v}:${s.slashedShares}`);
  }
  onSlashExecuted(state, o.set, o.operator, before);
  return ok({ slashedShares: total.toString(), vaults: perVault });
}
