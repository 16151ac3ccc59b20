import { ok, type Result } from '../../errors/result.js';
import type { ResultFields } from '../log/commandSpec.js';
import { getOperator } from '../state/entities.js';
import type { SlashOrder } from './slashOrder.js';
import { reachableShares } from '../shares/reachableShares.js';
import type { LedgerState } from '../state/state.js';

/** Records a veto-mode slash request capturing the slashable shares per vault at this block. */
export function requestSlashFor(state: LedgerState, o: SlashOrder, vaults: readonly string[]): Result<ResultFields> {
  const op = getOperator(state, o.operator);
  const captured = new Map<string, bigint>();
  for (const v of vaults) captured.set(v, reachableShares(state, op, o.set, v));
  let id: string;
  do id = `r${++state.slashRequestNonce}`;
  while (state.slashRequests.has(id));
  const source = o.source.kind === 'evidence' ? `evidence:${o.source.evidence}` : 'slasher';
  state.slashRequests.set(id, {
    id,
    set: o.set,
    operator: o.operator,
    wad: o.wad,
    requestBlock: state.block,
    captured,
    late: new Map(),
    source,
    status: 'pending',
  });
  const open = state.openSlashRequests.get(o.operator);
  if (open) open.push(id);
  else state.openSlashRequests.set(o.operator, [id]);
  return ok({ request: id });
}
