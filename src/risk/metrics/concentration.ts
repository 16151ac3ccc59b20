import { Rational } from '../../math/rational.js';
import { sumRationals } from '../../math/sumRationals.js';
import type { IndexedNetwork } from '../indexNetwork.js';

/**
 * Nakamoto coefficient of service s: the fewest operators whose edges on s reach α_s·W_s. Exact by the
 * exchange argument: any k operators cover at most the k largest edges, so the shortest prefix of the edges by
 * decreasing amount that reaches the threshold is optimal. 0 when no stake secures s (it falls for free).
 */
export function serviceNakamoto(ix: IndexedNetwork, s: number): number {
  const need = ix.weight[s]!.mul(ix.alpha[s]!);
  const amounts = ix.edgesOfSvc[s]!.map((e) => ix.edges[e]!.amount).sort((a, b) => b.cmp(a));
  let covered = Rational.ZERO;
  let k = 0;
  while (covered.lt(need) && k < amounts.length) covered = covered.add(amounts[k++]!);
  return k;
}

/** Largest single edge on s over W_s (null when W_s = 0). */
export function topOperatorShare(ix: IndexedNetwork, s: number): Rational | null {
  const W = ix.weight[s]!;
  if (W.sign() <= 0) return null;
  const top = ix.edgesOfSvc[s]!.reduce((m, e) => m.max(ix.edges[e]!.amount), Rational.ZERO);
  return top.div(W);
}

/** Herfindahl–Hirschman index of operator stake: Σ (stake_v / total)², exact; 0 with no stake. */
export function stakeHhi(ix: IndexedNetwork): Rational {
  const total = ix.totalStake;
  if (total.sign() <= 0) return Rational.ZERO;
  const squares = ix.stake.reduce((a, st) => a.add(st.mul(st)), Rational.ZERO);
  return squares.div(total.mul(total));
}

/** Mean number of services per operator with positive stake (0 when none has stake). */
export function meanRestakingDegree(ix: IndexedNetwork): Rational {
  const staked = ix.opIds.map((_, v) => v).filter((v) => ix.stake[v]!.sign() > 0);
  if (staked.length === 0) return Rational.ZERO;
  const degrees = staked.reduce((a, v) => a + ix.edgesOfOp[v]!.length, 0);
  return Rational.of(BigInt(degrees), BigInt(staked.length));
}

/**
 * Structural contagion (exact, no sampling): if service s turns Byzantine and slashes all stake allocated to it,
 * operator v loses min(stake_v, w_vs) and its other edges are clamped to what is left (SPEC §5 Byzantine shock),
 * so service t loses w_vt − min(w_vt, stake_v − loss) through v (sEdge = (v, s), tEdge = (v, t)).
 */
export function clampLoss(ix: IndexedNetwork, v: number, sEdge: number, tEdge: number): Rational {
  const stake = ix.stake[v]!;
  const a = ix.edges[sEdge]!.amount;
  const b = ix.edges[tEdge]!.amount;
  const left = stake.sub(a.min(stake));
  return b.sub(b.min(left));
}

/**
 * Contagion of service s: out = Σ over its operators v and their other services t of the loss on t when s turns
 * Byzantine; in = Σ over its operators and their other services t of the loss on s when t turns Byzantine.
 * O(Σ_{v on s} degree_v) rationals.
 */
export function serviceContagion(ix: IndexedNetwork, s: number): { out: Rational; in: Rational } {
  const out: Rational[] = [];
  const inn: Rational[] = [];
  for (const se of ix.edgesOfSvc[s]!) {
    const v = ix.edges[se]!.op;
    for (const te of ix.edgesOfOp[v]!) {
      if (te === se) continue;
      out.push(clampLoss(ix, v, se, te));
      inn.push(clampLoss(ix, v, te, se));
    }
  }
  return { out: sumRationals(out), in: sumRationals(inn) };
}
