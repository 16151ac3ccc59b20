import { noteLateStake } from '../slashing/lateStake.js';
import { ok } from '../../errors/result.js';
import { divWad } from '../../math/wad.js';
import { stakersMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, stakerRecord } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { maxMagnitudeOf, operatorVault } from '../state/lookups.js';
import { beaconFactorOf } from '../native/slashingFactor.js';
import { check } from '../need.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';

/**
 * Delegates all of a staker's shares to an operator: `k = divWad(k, m)`, operator shares +=
 * `mulWad(mulWad(s, k), l)` (l = WAD except for the native vault).
 * Slashes the operator suffered before are not inherited by the new stake.
 */
export const delegate = defineCommand<{ staker: string; operator: string }>({
  type: 'delegate',
  parse: (raw) => ({ staker: reqId(raw, 'staker'), operator: reqId(raw, 'operator') }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    const known = state.stakers.get(c.staker);
    check(known?.delegatedTo == null, 'ALREADY_DELEGATED', `${c.staker} → ${known?.delegatedTo}`);
    check(known !== undefined || state.stakers.size < stakersMax, 'BOUND_EXCEEDED', `stakersMax ${stakersMax}`);
    for (const [vault, pos] of known?.positions ?? []) {
      check(pos.depositShares === 0n || maxMagnitudeOf(state, c.operator, vault) > 0n, 'FULLY_SLASHED', vault);
    }
    settleStakerRewards(state, c.staker);
    const staker = known ?? stakerRecord(state, c.staker);
    for (const [vault, pos] of staker.positions) {
      // EigenLayer _delegate: the pod owner's beacon-chain slashing carries over (l is WAD elsewhere)
      const a = withdrawableShares(pos, beaconFactorOf(state, c.staker, vault));
      pos.scalingFactor = divWad(pos.scalingFactor, maxMagnitudeOf(state, c.operator, vault));
      operatorVault(op, vault).shares += a;
      noteLateStake(state, c.operator, vault, c.staker, a);
    }
    staker.delegatedTo = c.operator;
    return ok({});
  },
});
