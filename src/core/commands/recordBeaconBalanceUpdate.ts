import { ok } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { WAD } from '../../math/wad.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqAmount, reqId, reqSignedAmount } from '../log/fields.js';
import { lowerBeaconFactor } from '../native/lowerBeaconFactor.js';
import { needNative, needFactorRoom } from '../native/needNative.js';
import { check } from '../need.js';
import { depositAssets } from '../shares/depositAssets.js';

interface BeaconBalanceUpdate {
  staker: string;
  delta: bigint;
  prevBalance: bigint | undefined;
}

/**
 * A pod's restaked beacon-chain balance changed (EigenLayer
 * `EigenPodManager.recordBeaconChainETHBalanceUpdate`, reported by a checkpoint or a credential
 * proof). `delta > 0`: the pod owner gets `delta` new pod shares (a deposit into the native
 * vault, 1 share per wei). `delta < 0`: no share moves; the owner's beacon-chain slashing factor
 * falls in proportion to the balance, `l' = mulDiv(l, prevBalance + delta, prevBalance)` (down),
 * and its operator loses what that removes. A decrease needs `prevBalance` (the pod's restaked
 * balance before, wei) with `0 < −delta ≤ prevBalance`; otherwise the pod balance would go
 * negative, which the ledger never holds (NEGATIVE_POD_SHARES). `delta = 0` changes nothing.
 */
export const recordBeaconBalanceUpdate = defineCommand<BeaconBalanceUpdate>({
  type: 'recordBeaconBalanceUpdate',
  parse: (raw) => ({
    staker: reqId(raw, 'staker'),
    delta: reqSignedAmount(raw, 'delta'),
    prevBalance: raw['prevBalance'] === undefined ? undefined : reqAmount(raw, 'prevBalance'),
  }),
  execute(state, c) {
    const native = needNative(state);
    if (c.delta > 0n) return depositAssets(state, { staker: c.staker, vault: native.vault, amount: c.delta });
    if (c.delta === 0n) return ok({});
    const prev = c.prevBalance;
    check(prev !== undefined, 'BAD_FIELD', 'prevBalance (the restaked balance before, wei) is required for a decrease');
    const decrease = -c.delta;
    check(prev !== undefined && prev > 0n && decrease <= prev, 'NEGATIVE_POD_SHARES', `decrease ${decrease} of a balance of ${prev}`);
    needFactorRoom(state, native, c.staker);
    const l = native.factors.get(c.staker) ?? WAD;
    const next = mulDiv(l, (prev ?? 0n) - decrease, prev ?? 1n, 'down');
    const removed = lowerBeaconFactor(state, native, c.staker, next);
    return ok({ beaconChainSlashingFactor: next.toString(), operatorSharesRemoved: removed.toString() });
  },
});
