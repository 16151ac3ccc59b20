import type { Cover as LedgerCover } from '../../core/insurance/insuranceState.js';
import { lookThroughExposure, type Exposure, type ExposureTarget } from '../../core/lrt/lookThroughExposure.js';
import { lrtNav } from '../../core/lrt/lrtNav.js';
import { lrtStakers } from '../../core/lrt/lrtLookups.js';
import { assetPrice } from '../../core/lrt/assetPrice.js';
import { lrtTokenDecimals } from '../../core/lrt/lrtBounds.js';
import { slashingFactorOf } from '../../core/native/slashingFactor.js';
import { slashableShares } from '../../core/allocation/slashableShares.js';
import { withdrawableShares } from '../../core/shares/stakerMath.js';
import type { LedgerState, Vault } from '../../core/state/state.js';
import { assetsForShares } from '../../core/shares/vaultMath.js';
import { withdrawalShares } from '../../core/shares/withdrawalShares.js';
import { Rational } from '../../math/rational.js';
import type { PositionKind } from './positionKind.js';

/**
 * Most positions derived from a ledger for one scenario (stakers, vaults, LRTs, insurance pools
 * and the covered exposures their covers insure). Each derived position adds a per-scenario loss
 * column, so a ledger with many stakers keeps the largest ones (see `ledgerPositions`).
 */
export const derivedPositionsMax = 128;

/** Where a derived position comes from; `covered`: a cover buyer's direct stake on the covered (operator, set). */
export type DerivedSource = 'staker' | 'vault' | 'lrt' | 'insurance' | 'covered';

/** Look-through exposure on one (operator, operator set) = network service, numeraire, exact. */
export interface DerivedHolding {
  readonly operator: string;
  readonly set: string;
  readonly amount: Rational;
}

/** A ledger cover as a scenario cover: pays min(limit, max(0, loss − deductible)) of `position`. */
export interface DerivedCover {
  readonly cover: string;
  readonly position: string;
  /** Cover left of the same buyer's earlier covers on the same target (they claim the loss first). */
  readonly deductible: Rational;
  /** The cover's remaining amount, in numeraire. */
  readonly limit: Rational;
}

export interface DerivedPosition {
  readonly id: string;
  readonly kind: PositionKind;
  readonly source: { readonly kind: DerivedSource; readonly id: string };
  readonly holdings: readonly DerivedHolding[];
  readonly covers: readonly DerivedCover[];
  /** Insurance pools: pool assets in numeraire (claims paid are capped by it); 0 otherwise. */
  readonly capital: Rational;
  /** Numeraire value: staker holdings, vault shares outstanding, LRT NAV, pool capital, covered exposure. */
  readonly value: Rational;
  /** The part of `value` that is natively restaked ETH (EigenPod shares): it loads on the base layer. */
  readonly native: Rational;
}

export interface DerivedPositionsSummary {
  /** The bound applied: derivedPositionsMax, lowered to fit the scenario bounds next to hand-written positions. */
  readonly max: number;
  readonly positions: readonly DerivedPosition[];
  /** Ids the scenario's hand-written positions took over (the hand-written position wins). */
  readonly overridden: readonly string[];
  /** Ledger stakers, vaults, LRTs and pools not examined because the bound was reached. */
  readonly notDerived: number;
  readonly truncated: boolean;
}

export interface LedgerPositionsLimits {
  readonly max: number;
  /** Holdings + covers budget (scenarioBounds.holdingsMax minus the hand-written ones). */
  readonly holdingsMax: number;
  /** Ids of hand-written positions: no derived position takes them. */
  readonly reserved: ReadonlySet<string>;
}

/** A derivable ledger entity with its value (for ordering) and how to derive it. */
interface Candidate {
  readonly kind: DerivedSource;
  readonly id: string;
  readonly value: Rational;
  readonly native: Rational;
}

const candidateOrder: readonly DerivedSource[] = ['lrt', 'insurance', 'vault', 'staker'];
const unitOf = (decimals: number): bigint => 10n ** BigInt(decimals);

/**
 * Positions of a ledger state (SPEC §6, look-through), exact: every staker (its LRT tokens
 * included), vault and LRT with slashable exposure holds its `lookThroughExposure` per
 * (operator, set), one allocation holding each; every insurance pool writes its covers in force
 * (remaining > 0, period containing the current block) on the buyer's direct stake on the covered
 * (operator, set) — a `covered` position — with capital = pool assets. Order: LRTs, pools, vaults,
 * stakers, each by value (largest first, then id); derivation stops at `limits.max` positions or
 * the holdings budget and counts what it left out.
 */
export function ledgerPositions(state: LedgerState, limits: LedgerPositionsLimits): DerivedPositionsSummary {
  const valuer = new Valuer(state);
  const live = liveCovers(state);
  const layers = coverLayers(state, live, valuer);
  const coversOf = new Map<string, LedgerCover[]>();
  for (const c of live) coversOf.set(c.pool, [...(coversOf.get(c.pool) ?? []), c]);
  const covered = new Map<string, DerivedPosition>();
  const out: DerivedPosition[] = [];
  const used = new Set<string>();
  const overridden: string[] = [];
  let holdings = 0;
  const candidates = candidatesOf(state, valuer);
  let i = 0;
  for (; i < candidates.length; i++) {
    const c = candidates[i] as Candidate;
    const unit =
      c.kind === 'insurance' ? poolUnit(state, valuer, c, coversOf.get(c.id) ?? [], layers, covered, used) : exposureUnit(state, c, used);
    const kept = unit.filter((p) => {
      if (!limits.reserved.has(p.id)) return true;
      overridden.push(p.id);
      return false;
    });
    const size = kept.reduce((s, p) => s + p.holdings.length + p.covers.length, 0);
    if (out.length + kept.length > limits.max || holdings + size > limits.holdingsMax) break;
    for (const p of kept) used.add(p.id);
    out.push(...kept);
    holdings += size;
  }
  const notDerived = candidates.length - i;
  return { max: limits.max, positions: out, overridden, notDerived, truncated: notDerived > 0 };
}

/** A staker, vault or LRT: one position holding its look-through exposure (none when it has no exposure). */
function exposureUnit(state: LedgerState, c: Candidate, used: ReadonlySet<string>): DerivedPosition[] {
  const holdings = holdingsOf(lookThroughExposure(state, { kind: c.kind, id: c.id } as ExposureTarget));
  if (holdings.length === 0) return [];
  const kind: PositionKind = c.kind === 'lrt' ? 'lrt' : c.kind === 'vault' ? 'vault' : 'staker';
  return [
    {
      id: freeId(c.id, c.kind, used),
      kind,
      source: { kind: c.kind, id: c.id },
      holdings,
      covers: [],
      capital: Rational.ZERO,
      value: c.value,
      native: c.native,
    },
  ];
}

/**
 * An insurance pool with its covers in force (`live`) and the covered positions they need that no
 * earlier pool derived (`covered`, shared across pools; covers with no stake behind them are left out).
 */
function poolUnit(
  state: LedgerState,
  valuer: Valuer,
  c: Candidate,
  live: readonly LedgerCover[],
  layers: ReadonlyMap<string, Rational>,
  covered: Map<string, DerivedPosition>,
  used: ReadonlySet<string>,
): DerivedPosition[] {
  const pool = state.insurance.pools.get(c.id);
  const fresh: DerivedPosition[] = [];
  const covers: DerivedCover[] = [];
  const taken = new Set(used);
  for (const cover of live) {
    const key = `${cover.buyer}@${cover.operator}/${cover.set}`;
    let target = covered.get(key);
    if (!target) {
      const amount = directExposure(state, valuer, cover.buyer, cover.operator, cover.set);
      if (amount.isZero()) continue;
      const id = freeId(key, 'covered', taken);
      taken.add(id);
      const holdings = [{ operator: cover.operator, set: cover.set, amount }];
      const source = { kind: 'covered', id: key } as const;
      target = { id, kind: 'staker', source, holdings, covers: [], capital: Rational.ZERO, value: amount, native: Rational.ZERO };
      covered.set(key, target);
      fresh.push(target);
    }
    const limit = valuer.units(pool?.asset, cover.remaining);
    covers.push({ cover: cover.id, position: target.id, deductible: layers.get(cover.id) ?? Rational.ZERO, limit });
  }
  const id = freeId(c.id, 'insurance', taken);
  const source = { kind: 'insurance', id: c.id } as const;
  return [...fresh, { id, kind: 'insurance', source, holdings: [], covers, capital: c.value, value: c.value, native: Rational.ZERO }];
}

/** Ledger covers in force at the current block with cover left, in purchase order. */
function liveCovers(state: LedgerState): LedgerCover[] {
  return [...state.insurance.covers.values()].filter((c) => c.remaining > 0n && c.startBlock <= state.block && state.block <= c.endBlock);
}

/**
 * Per cover in force, the cover left of the same buyer's earlier covers on the same (operator,
 * set), in numeraire: a slash's loss is claimed by those first (docs/insurance.md), so in the
 * scenario this cover is a layer above them.
 */
function coverLayers(state: LedgerState, live: readonly LedgerCover[], valuer: Valuer): Map<string, Rational> {
  const below = new Map<string, Rational>();
  const out = new Map<string, Rational>();
  for (const c of live) {
    const key = `${c.buyer}\u0000${c.operator}\u0000${c.set}`;
    const d = below.get(key) ?? Rational.ZERO;
    out.set(c.id, d);
    below.set(key, d.add(valuer.units(state.insurance.pools.get(c.pool)?.asset, c.remaining)));
  }
  return out;
}

/**
 * A buyer's direct slashable stake on (operator, set): what a covered slash can take from it
 * (only its delegated position counts, as for claims): Σ over the set's vaults of
 * value(slashableShares) × withdrawable / operator shares.
 */
function directExposure(state: LedgerState, valuer: Valuer, buyer: string, operator: string, set: string): Rational {
  const staker = state.stakers.get(buyer);
  const op = state.operators.get(operator);
  if (!staker || !op || staker.delegatedTo !== operator) return Rational.ZERO;
  let e = Rational.ZERO;
  for (const vaultId of op.allocations.get(set)?.keys() ?? []) {
    const pos = staker.positions.get(vaultId);
    const vault = state.vaults.get(vaultId);
    const opShares = op.vaults.get(vaultId)?.shares ?? 0n;
    if (!pos || !vault || opShares === 0n) continue;
    const a = withdrawableShares(pos, slashingFactorOf(state, buyer, operator, vaultId));
    e = e.add(valuer.shares(vault, slashableShares(state, op, set, vaultId)).mul(Rational.of(a, opShares)));
  }
  return e;
}

function holdingsOf(e: Exposure): DerivedHolding[] {
  return [...e].flatMap(([operator, bySet]) => [...bySet].map(([set, amount]) => ({ operator, set, amount })));
}

/** `id`, or `kind:id` when another derived position already has it. */
function freeId(id: string, kind: DerivedSource, used: ReadonlySet<string>): string {
  if (!used.has(id)) return id;
  let alt = `${kind}:${id}`;
  for (let n = 2; used.has(alt); n++) alt = `${kind}:${id}#${n}`;
  return alt;
}

/** Every derivable entity with a positive value, in derivation order. */
function candidatesOf(state: LedgerState, valuer: Valuer): Candidate[] {
  const lrts = [...state.lrts.lrts.values()];
  const all: Candidate[] = [];
  const nativeVault = state.native ? state.vaults.get(state.native.vault) : undefined;
  for (const l of lrts) {
    const u = state.assets.get(l.asset);
    const value = Rational.of(lrtNav(state, l), unitOf(u?.decimals ?? 0)).mul(valuer.price(l.asset));
    // NAV counts the internal stakers' positions in vaults of the LRT's asset: so does its native part
    const native = nativeVault?.asset === l.asset ? lrtStakers(l).reduce((s, id) => s.add(valuer.native(id)), Rational.ZERO) : Rational.ZERO;
    all.push({ kind: 'lrt', id: l.id, value, native });
  }
  for (const p of state.insurance.pools.values()) {
    all.push({ kind: 'insurance', id: p.id, value: valuer.units(p.asset, p.assets), native: Rational.ZERO });
  }
  for (const v of state.vaults.values()) {
    if (v === nativeVault) continue;
    all.push({ kind: 'vault', id: v.id, value: valuer.shares(v, v.totalShares), native: Rational.ZERO });
  }
  if (nativeVault) {
    // shares lost on the beacon chain stay in the vault unowned (l lowers claims, not shares): the
    // native vault is worth what its owners can still claim
    const value = valuer.shares(nativeVault, nativeClaims(state, nativeVault.id));
    all.push({ kind: 'vault', id: nativeVault.id, value, native: value });
  }
  // LRT tokens per holder (wallets and ledger accounts), so valuing stakers is linear in the ledger
  const tokens = new Map<string, { token: string; held: bigint }[]>();
  const addTokens = (id: string, token: string, held: bigint) => {
    if (held > 0n) tokens.set(id, [...(tokens.get(id) ?? []), { token, held }]);
  };
  for (const l of lrts) for (const [id, held] of l.balances) addTokens(id, l.token, held);
  for (const [id, held] of state.accounts) for (const [asset, x] of held) if (state.lrts.byToken.has(asset)) addTokens(id, asset, x);
  const internal = new Set(lrts.flatMap(lrtStakers));
  const stakers = new Set([...state.stakers.keys(), ...tokens.keys()].filter((id) => !internal.has(id)));
  for (const id of stakers) all.push({ kind: 'staker', id, value: valuer.staker(id, tokens.get(id) ?? []), native: valuer.native(id) });
  const rank = (c: Candidate) => candidateOrder.indexOf(c.kind);
  return all
    .filter((c) => c.kind === 'insurance' || c.value.sign() > 0)
    .sort((a, b) => rank(a) - rank(b) || b.value.cmp(a.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Shares of the native vault someone can claim: withdrawable positions, pending withdrawals, uncleared slashes. */
function nativeClaims(state: LedgerState, vault: string): bigint {
  let claims = 0n;
  for (const s of state.stakers.values()) {
    const pos = s.positions.get(vault);
    if (pos) claims += withdrawableShares(pos, slashingFactorOf(state, s.id, s.delegatedTo, vault));
  }
  for (const w of state.withdrawals.values()) if (!w.completed && w.vault === vault) claims += withdrawalShares(state, w);
  for (const byVault of state.unclearedSlashed.values()) claims += byVault.get(vault) ?? 0n;
  return claims;
}

/** Numeraire values with asset prices memoised (an LRT token's price walks every layer below it). */
class Valuer {
  private readonly prices = new Map<string, Rational>();

  constructor(private readonly state: LedgerState) {}

  price(asset: string): Rational {
    let p = this.prices.get(asset);
    if (!p) this.prices.set(asset, (p = assetPrice(this.state, asset)));
    return p;
  }

  /** `amount` base units of `asset` (e.g. a pool's), in numeraire. */
  units(asset: string | undefined, amount: bigint): Rational {
    const a = asset === undefined ? undefined : this.state.assets.get(asset);
    if (!a || amount === 0n) return Rational.ZERO;
    return Rational.of(amount, unitOf(a.decimals)).mul(this.price(a.id));
  }

  /** Vault shares: assets rounded down (as paid) × price per whole unit. */
  shares(v: Vault, shares: bigint): Rational {
    return shares === 0n ? Rational.ZERO : this.units(v.asset, assetsForShares(v, shares));
  }

  /** A staker's withdrawable shares in the native (EigenPod) vault; zero without one. */
  native(id: string): Rational {
    const vaultId = this.state.native?.vault;
    const s = this.state.stakers.get(id);
    const pos = vaultId === undefined ? undefined : s?.positions.get(vaultId);
    const vault = vaultId === undefined ? undefined : this.state.vaults.get(vaultId);
    if (!s || !pos || !vault || vaultId === undefined) return Rational.ZERO;
    return this.shares(vault, withdrawableShares(pos, slashingFactorOf(this.state, id, s.delegatedTo, vaultId)));
  }

  /** A staker's withdrawable vault shares plus its LRT tokens (wallet and ledger account). */
  staker(id: string, tokens: readonly { readonly token: string; readonly held: bigint }[]): Rational {
    const s = this.state.stakers.get(id);
    let v = Rational.ZERO;
    for (const [vaultId, pos] of s?.positions ?? []) {
      const vault = this.state.vaults.get(vaultId);
      if (s && vault) v = v.add(this.shares(vault, withdrawableShares(pos, slashingFactorOf(this.state, id, s.delegatedTo, vaultId))));
    }
    for (const t of tokens) v = v.add(Rational.of(t.held, unitOf(lrtTokenDecimals)).mul(this.price(t.token)));
    return v;
  }
}
