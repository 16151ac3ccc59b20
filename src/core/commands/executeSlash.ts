import { ok } from '../../errors/result.js';
import { mulWad } from '../../math/wad.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, getSet } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';
import { closeRequest, executionWad, lateStake, rescaleLateElsewhere, restoreLateStake } from '../slashing/lateStake.js';
import { addTo, maxMagnitudeOf, nested, operatorVault } from '../state/lookups.js';
import { openRequest } from '../slashing/openRequest.js';
import { reachableShares } from '../shares/reachableShares.js';
import { slashVault } from '../slashing/slashVault.js';
import { onSlashExecuted } from '../insurance/onSlashExecuted.js';
import { slashBefore } from '../insurance/slashBefore.js';
import { lateQueued, restoreLateQueued } from '../slashing/lateQueued.js';
import type { LedgerState, Operator, SlashRequest } from '../state/state.js';

/**
 * Executes a request after its veto window, within its execute window: per vault it slashes
 * min(requested, still slashable) shares, where requested = wad × stake captured at the request and
 * "still slashable" leaves out stake that joined the operator after the request: the wad is sized on
 * the stake that was there, and the late stakers get their share of the slash back (lateStake.ts).
 */
export const executeSlash = defineCommand<{ request: string }>({
  type: 'executeSlash',
  parse: (raw) => ({ request: reqId(raw, 'request') }),
  execute(state, c) {
    const r = openRequest(state, c.request);
    const set = getSet(state, r.set);
    const opens = r.requestBlock + set.vetoWindowBlocks;
    check(state.block > opens, 'VETO_WINDOW_OPEN', `executable after block ${opens}`);
    const closes = opens + set.executeWindowBlocks;
    check(state.block <= closes, 'EXECUTE_WINDOW_CLOSED', `closed after block ${closes}`);
    const op = getOperator(state, r.operator);
    let total = 0n;
    const perVault: string[] = [];
    const spared = new Map<string, Map<string, bigint>>();
    const before = slashBefore(state, r.set, r.operator, r.captured.keys());
    for (const [vault, captured] of r.captured) {
      const slashed = executeVault(state, op, r, vault, captured, spared);
      total += slashed;
      perVault.push(`${vault}:${slashed}`);
    }
    onSlashExecuted(state, r.set, r.operator, before, spared);
    r.status = 'executed';
    closeRequest(state, r);
    return ok({ slashedShares: total.toString(), vaults: perVault });
  },
});

/** One vault of an execution: sizes the wad on the old stake, slashes, gives late stake back. */
function executeVault(
  state: LedgerState,
  op: Operator,
  r: SlashRequest,
  vault: string,
  captured: bigint,
  spared: Map<string, Map<string, bigint>>,
): bigint {
  const late = lateStake(state, r, vault);
  const queued = lateQueued(state, r, vault, late.excess);
  const lateTotal = late.total + queued.total;
  const old = reachableShares(state, op, r.set, vault, lateTotal);
  const target = [mulWad(captured, r.wad), old].reduce((x, y) => (x < y ? x : y));
  const a = op.allocations.get(r.set)?.get(vault);
  const ov = op.vaults.get(vault);
  const wadNow = a && ov ? executionWad(a.current, ov.maxMagnitude, target, old, lateTotal) : 0n;
  if (wadNow === 0n) return 0n;
  const s = slashVault(state, op, r.set, vault, wadNow);
  const newMax = maxMagnitudeOf(state, r.operator, vault);
  const back = restoreLateStake(state, late.entries, s.prevMaxMagnitude, newMax, s.fromOperator);
  const backQueued = restoreLateQueued(
    queued.entries,
    operatorVault(op, vault),
    s.prevMaxMagnitude,
    newMax,
    s.slashedShares - s.fromOperator,
  );
  rescaleLateElsewhere(state, r, vault, s.prevMaxMagnitude, newMax);
  for (const [staker, x] of back) nested(spared, staker).set(vault, x.scaledBefore);
  return s.slashedShares - unslash(state, op, r.set, vault, back, backQueued);
}

/** Moves the shares given back to late stakers from the set's slashed counters to the operator (delegated part). */
function unslash(
  state: LedgerState,
  op: Operator,
  set: string,
  vault: string,
  back: ReadonlyMap<string, { readonly shares: bigint }>,
  backQueued: bigint,
): bigint {
  let delegated = 0n;
  for (const x of back.values()) delegated += x.shares;
  const restored = delegated + backQueued;
  if (restored === 0n) return 0n;
  operatorVault(op, vault).shares += delegated; // the queue's part is in the withdrawals' q
  addTo(nested(state.slashed, set), vault, -restored);
  addTo(nested(state.unclearedSlashed, set), vault, -restored);
  return restored;
}
