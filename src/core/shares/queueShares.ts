import { assert } from '../../errors/result.js';
import { mulWad } from '../../math/wad.js';
import { operatorVault } from '../state/lookups.js';
import { slashingFactorOf } from '../native/slashingFactor.js';
import { pushSnapshot } from '../state/snapshots.js';
import { withdrawableShares } from './stakerMath.js';
import { indexWithdrawal } from './withdrawalIndex.js';
import type { LedgerState, Staker } from '../state/state.js';

/**
 * Moves `x` deposit shares of a staker into the withdrawal queue (EigenLayer
 * `_removeSharesAndQueueWithdrawal`): stores `q = mulWad(x, k)`, takes the withdrawable part (read
 * with the slashing factor, m or m·l) off
 * the operator, and records `q` in the operator's cumulative queue history, which is what keeps
 * queued shares slashable for withdrawalDelayBlocks. Preconditions are checked by the caller.
 */
export function queueShares(state: LedgerState, staker: Staker, vault: string, x: bigint, id: string): void {
  const pos = staker.positions.get(vault);
  assert(pos && x > 0n && x <= pos.depositShares, 'queueShares: caller checked the shares');
  const operator = staker.delegatedTo;
  // native vault: m·l (EigenLayer _getSlashingFactor), so a beacon-chain slash is not taken twice
  const sf = slashingFactorOf(state, staker.id, operator, vault);
  const q = mulWad(x, pos.scalingFactor);
  const withdrawable = withdrawableShares({ depositShares: x, scalingFactor: pos.scalingFactor }, sf);
  if (operator !== null) {
    const op = state.operators.get(operator);
    assert(op, 'delegated operator exists');
    const ov = operatorVault(op, vault);
    ov.shares -= withdrawable;
    assert(ov.shares >= 0n, 'operator shares cover a staker withdrawal');
    const latest = ov.queuedHistory[ov.queuedHistory.length - 1]?.value ?? 0n;
    pushSnapshot(ov.queuedHistory, state.block, latest + q);
  }
  pos.depositShares -= x;
  // EigenLayer resets the scaling factor once a position is emptied.
  if (pos.depositShares === 0n) staker.positions.delete(vault);
  const w = { id, staker: staker.id, vault, operator, scaledShares: q, startBlock: state.block, completed: false };
  state.withdrawals.set(id, w);
  indexWithdrawal(state, w);
}
