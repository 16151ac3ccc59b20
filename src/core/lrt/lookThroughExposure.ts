import { assert } from '../../errors/result.js';
import { Rational } from '../../math/rational.js';
import { slashingFactorOf } from '../native/slashingFactor.js';
import { slashableShares } from '../allocation/slashableShares.js';
import type { LedgerState, Vault } from '../state/state.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import { assetsForShares } from '../shares/vaultMath.js';
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
  const w = new Walker(state);
  if (target.kind === 'vault') {
    const v = state.vaults.get(target.id);
    if (v) w.vault(v, ONE, 0);
  } else if (target.kind === 'lrt') {
    const l = state.lrts.lrts.get(target.id);
    if (l) w.lrt(l, ONE, 0);
  } else w.staker(target.id, ONE, 0);
  return w.result();
}

/** Σ over (operator, set) of an exposure. */
export function totalExposure(e: Exposure): Rational {
  let t = Rational.ZERO;
  for (const bySet of e.values()) for (const x of bySet.values()) t = t.add(x);
  return t;
}

/**
 * Unnormalised fraction for the walk: products and sums without a gcd per step (gcds of these
 * 100-digit numbers dominate otherwise); normalised once per result entry, or when large.
 */
interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}
const ONE: Frac = { n: 1n, d: 1n };
const fracBitsMax = 4096n;
const mul = (a: Frac, b: Frac): Frac => ({ n: a.n * b.n, d: a.d * b.d });
function sum(a: Frac, b: Frac): Frac {
  const f = a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
  if (f.d < 1n << fracBitsMax) return f;
  const r = Rational.of(f.n, f.d);
  return { n: r.num, d: r.den };
}

class Walker {
  /** Asset prices memoised for one call (an LRT token's price walks every layer below it). */
  private readonly prices = new Map<string, Frac>();
  private readonly acc = new Map<string, Map<string, Frac>>();

  constructor(private readonly state: LedgerState) {}

  result(): Exposure {
    const out: Exposure = new Map();
    for (const [op, bySet] of this.acc) {
      const m = new Map<string, Rational>();
      for (const [set, f] of bySet) if (f.n !== 0n) m.set(set, Rational.of(f.n, f.d));
      if (m.size > 0) out.set(op, m);
    }
    return out;
  }

  private add(op: string, set: string, x: Frac): void {
    if (x.n === 0n) return;
    let bySet = this.acc.get(op);
    if (!bySet) this.acc.set(op, (bySet = new Map()));
    const prev = bySet.get(set);
    bySet.set(set, prev ? sum(prev, x) : x);
  }

  /** Numeraire value of `shares` of a vault: assets rounded down (as paid) × price per whole unit. */
  private value(v: Vault, shares: bigint): Frac {
    let price = this.prices.get(v.asset);
    if (!price) {
      const p = assetPrice(this.state, v.asset);
      const decimals = this.state.assets.get(v.asset)?.decimals ?? 0;
      this.prices.set(v.asset, (price = { n: p.num, d: p.den * 10n ** BigInt(decimals) }));
    }
    return mul(price, { n: assetsForShares(v, shares), d: 1n });
  }

  /** Exposure of `tokens` base units of a token: a share of the LRT that minted it, if any. */
  private tokens(asset: string, tokens: bigint, scale: Frac, depth: number): void {
    const l = lrtOfToken(this.state, asset);
    if (!l || l.supply === 0n || tokens === 0n) return;
    this.lrt(l, mul(scale, { n: tokens, d: l.supply }), depth + 1);
  }

  vault(v: Vault, scale: Frac, depth: number): void {
    for (const op of this.state.operators.values()) {
      if (!op.vaults.has(v.id)) continue;
      for (const [set, byVault] of op.allocations) {
        if (byVault.has(v.id)) this.add(op.id, set, mul(scale, this.value(v, slashableShares(this.state, op, set, v.id))));
      }
    }
    this.tokens(v.asset, v.balance, scale, depth);
  }

  lrt(l: Lrt, scale: Frac, depth: number): void {
    assert(depth <= recursionDepthMax, `look-through deeper than recursionDepthMax at ${l.id}`);
    for (const id of lrtStakers(l)) this.staker(id, scale, depth, l.asset);
    this.tokens(l.asset, l.idle, scale, depth);
  }

  /** A staker's positions (only vaults of `asset` when given: an LRT's internal staker) and token wallets. */
  staker(id: string, scale: Frac, depth: number, asset?: string): void {
    const s = this.state.stakers.get(id);
    for (const [vaultId, pos] of s?.positions ?? []) {
      const v = this.state.vaults.get(vaultId);
      if (!s || !v || (asset !== undefined && v.asset !== asset)) continue;
      const a = withdrawableShares(pos, slashingFactorOf(this.state, id, s.delegatedTo, vaultId));
      const op = s.delegatedTo === null ? undefined : this.state.operators.get(s.delegatedTo);
      const opShares = op?.vaults.get(vaultId)?.shares ?? 0n;
      if (op && opShares > 0n && a > 0n) {
        const part = mul(scale, { n: a, d: opShares });
        for (const [set, byVault] of op.allocations) {
          if (byVault.has(vaultId)) this.add(op.id, set, mul(part, this.value(v, slashableShares(this.state, op, set, vaultId))));
        }
      }
      this.tokens(v.asset, assetsForShares(v, a), scale, depth);
    }
    if (asset !== undefined) return;
    for (const l of this.state.lrts.lrts.values()) {
      const held = (l.balances.get(id) ?? 0n) + (this.state.accounts.get(id)?.get(l.token) ?? 0n);
      if (held > 0n && l.supply > 0n) this.lrt(l, mul(scale, { n: held, d: l.supply }), depth + 1);
    }
  }
}
