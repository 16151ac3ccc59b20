import { assert } from '../../errors/result.js';
import { Rational } from '../../math/rational.js';
import { maxMagnitudeOf } from '../lookups.js';
import { slashableShares } from '../slashableShares.js';
import type { LedgerState, Vault } from '../state.js';
import { withdrawableShares } from '../stakerMath.js';
import { assetsForShares } from '../vaultMath.js';
import { assetPrice } from './assetPrice.js';
import { recursionDepthMax } from './lrtBounds.js';
import { lrtOfToken, lrtStakers } from './lrtLookups.js';
import type { Lrt } from './lrtState.js';

export type ExposureTarget = { readonly kind: 'vault' | 'lrt' | 'staker'; readonly id: string };
/** operator → operator set → slashable stake in numeraire, exact. */
export type Exposure = Map<string, Map<string, Rational>>;

/**
 * Look-through exposure (pure): the slashable stake, per (operator, operator set), in numeraire,
 * behind a vault, an LRT or a staker, after unwrapping every LRT layer.
 * - a vault: every operator's slashable stake in it (value of slashableShares at the asset price,
 *   NAV-derived for an LRT token), plus, when it holds an LRT token, (tokens held / supply) ×
 *   the exposure of that LRT;
 * - an LRT: for each internal staker position (vault W, operator o, withdrawable a):
 *   value(slashableShares(o, set, W)) × a / operatorShares(o, W), plus for an LRT over an LRT
 *   token, (tokens held in W and idle / underlying supply) × the underlying LRT's exposure;
 * - a staker: the same for each of its vault positions, plus its LRT token balances.
 * Recursion follows LRT depth, which is ≤ recursionDepthMax.
 */
export function lookThroughExposure(state: LedgerState, target: ExposureTarget): Exposure {
  const out: Exposure = new Map();
  const w = new Walker(state, out);
  if (target.kind === 'vault') {
    const v = state.vaults.get(target.id);
    if (v) w.vault(v, Rational.ONE, 0);
  } else if (target.kind === 'lrt') {
    const l = state.lrts.lrts.get(target.id);
    if (l) w.lrt(l, Rational.ONE, 0);
  } else w.staker(target.id, Rational.ONE, 0);
  return out;
}

/** Σ over (operator, set) of an exposure. */
export function totalExposure(e: Exposure): Rational {
  let t = Rational.ZERO;
  for (const bySet of e.values()) for (const x of bySet.values()) t = t.add(x);
  return t;
}

class Walker {
  constructor(
    private readonly state: LedgerState,
    private readonly out: Exposure,
  ) {}

  private add(op: string, set: string, x: Rational): void {
    if (x.isZero()) return;
    let bySet = this.out.get(op);
    if (!bySet) this.out.set(op, (bySet = new Map()));
    bySet.set(set, (bySet.get(set) ?? Rational.ZERO).add(x));
  }

  /** Numeraire value of `shares` of a vault: assets rounded down (as paid) × price per whole unit. */
  private value(v: Vault, shares: bigint): Rational {
    const decimals = this.state.assets.get(v.asset)?.decimals ?? 0;
    return assetPrice(this.state, v.asset).mul(Rational.of(assetsForShares(v, shares), 10n ** BigInt(decimals)));
  }

  /** Exposure of `tokens` base units of a token: a share of the LRT that minted it, if any. */
  private tokens(asset: string, tokens: bigint, scale: Rational, depth: number): void {
    const l = lrtOfToken(this.state, asset);
    if (!l || l.supply === 0n || tokens === 0n) return;
    this.lrt(l, scale.mul(Rational.of(tokens, l.supply)), depth + 1);
  }

  vault(v: Vault, scale: Rational, depth: number): void {
    for (const op of this.state.operators.values()) {
      if (!op.vaults.has(v.id)) continue;
      for (const [set, byVault] of op.allocations) {
        if (byVault.has(v.id)) this.add(op.id, set, scale.mul(this.value(v, slashableShares(this.state, op, set, v.id))));
      }
    }
    this.tokens(v.asset, v.balance, scale, depth);
  }

  lrt(l: Lrt, scale: Rational, depth: number): void {
    assert(depth <= recursionDepthMax, `look-through deeper than recursionDepthMax at ${l.id}`);
    for (const id of lrtStakers(l)) this.staker(id, scale, depth, l.asset);
    this.tokens(l.asset, l.idle, scale, depth);
  }

  /** A staker's positions (only vaults of `asset` when given: an LRT's internal staker) and token wallets. */
  staker(id: string, scale: Rational, depth: number, asset?: string): void {
    const s = this.state.stakers.get(id);
    for (const [vaultId, pos] of s?.positions ?? []) {
      const v = this.state.vaults.get(vaultId);
      if (!s || !v || (asset !== undefined && v.asset !== asset)) continue;
      const a = withdrawableShares(pos, maxMagnitudeOf(this.state, s.delegatedTo, vaultId));
      const op = s.delegatedTo === null ? undefined : this.state.operators.get(s.delegatedTo);
      const opShares = op?.vaults.get(vaultId)?.shares ?? 0n;
      if (op && opShares > 0n && a > 0n) {
        const part = scale.mul(Rational.of(a, opShares));
        for (const [set, byVault] of op.allocations) {
          if (byVault.has(vaultId)) this.add(op.id, set, part.mul(this.value(v, slashableShares(this.state, op, set, vaultId))));
        }
      }
      this.tokens(v.asset, assetsForShares(v, a), scale, depth);
    }
    if (asset !== undefined) return;
    for (const l of this.state.lrts.lrts.values()) {
      const held = (l.balances.get(id) ?? 0n) + (this.state.accounts.get(id)?.get(l.token) ?? 0n);
      if (held > 0n && l.supply > 0n) this.lrt(l, scale.mul(Rational.of(held, l.supply)), depth + 1);
    }
  }
}
