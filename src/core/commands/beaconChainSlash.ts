import { ok, StakemeshFailure } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { WAD } from '../../math/wad.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqId, reqWad, type Raw } from '../log/fields.js';
import { lowerBeaconFactor } from '../native/lowerBeaconFactor.js';
import { needFactorRoom, needNative } from '../native/needNative.js';
import { check } from '../need.js';

type Cut = { readonly kind: 'wad'; readonly wad: bigint } | { readonly kind: 'factor'; readonly factor: bigint };

function cutField(raw: Raw): Cut {
  const hasWad = raw['wad'] !== undefined;
  if (hasWad === (raw['factor'] !== undefined)) throw new StakemeshFailure('BAD_FIELD', 'give wad or factor, exactly one');
  return hasWad ? { kind: 'wad', wad: reqWad(raw, 'wad') } : { kind: 'factor', factor: reqWad(raw, 'factor') };
}

/**
 * A beacon-chain slash of a pod owner (the base layer, SPEC §11 native restaking). Either `wad`,
 * the fraction of its restaked balance lost (0 < wad ≤ 1): `l' = mulDiv(l, WAD − wad, WAD)` (down,
 * i.e. recordBeaconBalanceUpdate with prevBalance WAD and delta −wad); or `factor`, the exact new
 * beacon-chain slashing factor (≤ l: l only falls), as EigenPodManager's
 * `BeaconChainSlashingFactorDecreased(staker, prev, new)` reports it. The operator loses
 * `mulWad(mulWad(s, k), mulWad(m, l − l'))`.
 */
export const beaconChainSlash = defineCommand<{ staker: string; cut: Cut }>({
  type: 'beaconChainSlash',
  parse: (raw) => ({ staker: reqId(raw, 'staker'), cut: cutField(raw) }),
  execute(state, c) {
    const native = needNative(state);
    needFactorRoom(state, native, c.staker);
    const l = native.factors.get(c.staker) ?? WAD;
    if (c.cut.kind === 'wad') check(c.cut.wad > 0n, 'BAD_WAD', 'wad must be in (0, 1]');
    else check(c.cut.factor <= l, 'BEACON_FACTOR_RISE', `${c.staker}: ${c.cut.factor} above its factor ${l}`);
    const next = c.cut.kind === 'wad' ? mulDiv(l, WAD - c.cut.wad, WAD, 'down') : c.cut.factor;
    const removed = lowerBeaconFactor(state, native, c.staker, next);
    return ok({ beaconChainSlashingFactor: next.toString(), operatorSharesRemoved: removed.toString() });
  },
});
