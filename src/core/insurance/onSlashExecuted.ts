import { assert } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { Rational } from '../../math/rational.js';
import { mulWad } from '../../math/wad.js';
import { addTo, maxMagnitudeOf, nested } from '../state/lookups.js';
import { beaconFactorOf } from '../native/slashingFactor.js';
import { assetPrice } from '../lrt/assetPrice.js';
import type { LedgerState } from '../state/state.js';
import { assetsForShares } from '../shares/vaultMath.js';
import type { Cover } from './insuranceState.js';
import { coverTargetKey } from './poolMath.js';

/** maxMagnitude of the operator per vault, read just before a slash (hook input). */
export function magnitudesBefore(state: LedgerState, operator: string, vaults: Iterable<string>): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const v of vaults) m.set(v, maxMagnitudeOf(state, operator, v));
  return m;
}

const unitOf = (state: LedgerState, asset: string): bigint => 10n ** BigInt(state.assets.get(asset)?.decimals ?? 0);

/**
 * Numeraire value of a buyer's loss from one slash: per slashed vault, the drop of its
 * withdrawable shares `mulWad(w, prevMax) − mulWad(w, newMax)` (w = mulWad(s, k)) valued with
 * assetsForShares (down) × price. Zero unless the buyer is delegated to the slashed operator.
 */
export function buyerLoss(
  state: LedgerState,
  buyer: string,
  operator: string,
  before: ReadonlyMap<string, bigint>,
  spared?: ReadonlyMap<string, bigint>,
): Rational {
  const staker = state.stakers.get(buyer);
  if (!staker || staker.delegatedTo !== operator) return Rational.ZERO;
  let value = Rational.ZERO;
  for (const [vaultId, prev] of before) {
    const pos = staker.positions.get(vaultId);
    const vault = state.vaults.get(vaultId);
    if (!pos || !vault) continue;
    const w = mulWad(pos.depositShares, pos.scalingFactor);
    // a late staker's scaling factor was raised after the slash (`spared`: its scaled shares before)
    // the native vault reads m·l: a pod owner loses the operator's fraction of what the beacon chain left
    const l = beaconFactorOf(state, buyer, vaultId);
    const drop = mulWad(spared?.get(vaultId) ?? w, mulWad(prev, l)) - mulWad(w, mulWad(maxMagnitudeOf(state, operator, vaultId), l));
    if (drop <= 0n) continue;
    const assets = assetsForShares(vault, drop);
    value = value.add(Rational.of(assets, unitOf(state, vault.asset)).mul(assetPrice(state, vault.asset)));
  }
  return value;
}

/**
 * Hook after a slash of (operator, set) executes (instant slash, executed veto request).
 * Each active cover on the target claims min(cover remaining, buyer's loss not yet claimed by
 * its earlier covers), the loss converted to the pool asset rounding down. Claims of one slash
 * are paid together per pool: in full when the pool holds enough, else each gets
 * floor(claim × assets / Σ claims) (pro rata; the dust stays in the pool).
 * O(covers on the target × slashed vaults).
 */
export function onSlashExecuted(
  state: LedgerState,
  set: string,
  operator: string,
  before: ReadonlyMap<string, bigint>,
  /** staker → vault → scaled shares before a late-stake refund (executed veto requests only). */
  spared?: ReadonlyMap<string, ReadonlyMap<string, bigint>>,
): void {
  const ins = state.insurance;
  const ids = ins.coversByTarget.get(coverTargetKey(operator, set));
  if (!ids || ids.length === 0) return;
  const lossLeft = new Map<string, Rational>();
  const claims: { cover: Cover; loss: bigint; claim: bigint }[] = [];
  for (const id of ids) {
    const cover = ins.covers.get(id);
    assert(cover, 'indexed cover exists');
    if (cover.remaining === 0n || state.block < cover.startBlock || state.block > cover.endBlock) continue;
    const left = lossLeft.get(cover.buyer) ?? buyerLoss(state, cover.buyer, operator, before, spared?.get(cover.buyer));
    lossLeft.set(cover.buyer, left);
    if (left.isZero()) continue;
    const pool = ins.pools.get(cover.pool);
    assert(pool, 'cover pool exists');
    const price = assetPrice(state, pool.asset);
    const unit = unitOf(state, pool.asset);
    const loss = price.isZero() ? cover.remaining : left.mul(Rational.of(unit)).div(price).toBigInt('down');
    const claim = loss < cover.remaining ? loss : cover.remaining;
    if (claim === 0n) continue;
    const rest = left.sub(Rational.of(claim, unit).mul(price));
    lossLeft.set(cover.buyer, rest.sign() < 0 ? Rational.ZERO : rest);
    claims.push({ cover, loss, claim });
  }
  payClaims(state, claims);
}

function payClaims(state: LedgerState, claims: readonly { cover: Cover; loss: bigint; claim: bigint }[]): void {
  const ins = state.insurance;
  const requested = new Map<string, bigint>();
  for (const c of claims) addTo(requested, c.cover.pool, c.claim);
  const available = new Map<string, bigint>();
  for (const p of requested.keys()) available.set(p, ins.pools.get(p)?.assets ?? 0n);
  for (const { cover, loss, claim } of claims) {
    const pool = ins.pools.get(cover.pool);
    assert(pool, 'cover pool exists');
    const total = requested.get(cover.pool) ?? 0n;
    const assets = available.get(cover.pool) ?? 0n;
    const paid = total <= assets ? claim : mulDiv(claim, assets, total, 'down');
    assert(paid <= pool.assets, 'a claim is paid from pool assets');
    pool.assets -= paid;
    pool.claimsPaid += paid;
    cover.remaining -= claim;
    cover.paid += paid;
    if (paid > 0n) addTo(nested(state.accounts, cover.buyer), pool.asset, paid);
    ins.claimNonce += 1;
    const id = `claim-${ins.claimNonce}`;
    ins.claims.set(id, { id, cover: cover.id, block: state.block, loss, claimed: claim, paid });
  }
}
