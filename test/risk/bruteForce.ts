import { Rational } from '../../src/math/rational.js';
import type { Network } from '../../src/risk/network.js';

/**
 * Independent brute force over every set of corrupted edges (small networks only), in scaled integers
 * (JS numbers, exact below 2^53). Returns exact maxima as Rationals.
 */
export interface Brute {
  /** Max profit over attacks with a non-empty set of fallen PfC>0 services (null if none). */
  readonly bestProfit: Rational | null;
  /** min cost/PfC over attacks with PfC(A) > 0, minus 1 (null if none). */
  readonly slack: Rational | null;
}

interface Ints {
  L: number;
  stake: number[];
  pfc: number[];
  alpha: [number, number][];
  edges: { op: number; svc: number; w: number }[];
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

export function toInts(net: Network): Ints {
  let L = 1n;
  for (const r of [
    ...net.operators.map((o) => o.stake),
    ...net.services.map((s) => s.profitFromCorruption),
    ...net.allocations.map((a) => a.amount),
  ])
    L = lcm(L, r.den);
  const n = (r: Rational): number => Number((r.num * L) / r.den);
  const opIdx = new Map(net.operators.map((o, i) => [o.id, i]));
  const svcIdx = new Map(net.services.map((s, i) => [s.id, i]));
  return {
    L: Number(L),
    stake: net.operators.map((o) => n(o.stake)),
    pfc: net.services.map((s) => n(s.profitFromCorruption)),
    alpha: net.services.map((s) => [Number(s.attackThreshold.num), Number(s.attackThreshold.den)]),
    edges: net.allocations
      .filter((a) => a.amount.sign() > 0)
      .map((a) => ({ op: opIdx.get(a.operator)!, svc: svcIdx.get(a.service)!, w: n(a.amount) })),
  };
}

/** Evaluates edge mask `mask` with shocked operator mask `shock`: [revenue, cost, nFallen]. */
export function evalMask(x: Ints, mask: number, shock = 0): [number, number, number] {
  const cov = x.pfc.map(() => 0);
  const W = x.pfc.map(() => 0);
  const raw = x.stake.map(() => 0);
  x.edges.forEach((e, i) => {
    if ((shock >> e.op) & 1) return;
    W[e.svc]! += e.w;
    if ((mask >> i) & 1) {
      cov[e.svc]! += e.w;
      raw[e.op]! += e.w;
    }
  });
  let revenue = 0;
  let nFallen = 0;
  x.pfc.forEach((p, s) => {
    const [an, ad] = x.alpha[s]!;
    if (p > 0 && cov[s]! * ad >= an * W[s]!) {
      revenue += p;
      nFallen++;
    }
  });
  let cost = 0;
  raw.forEach((r, v) => (cost += Math.min(r, x.stake[v]!)));
  return [revenue, cost, nFallen];
}

export function brute(net: Network): Brute {
  const x = toInts(net);
  let best: number | null = null;
  let ratio: [number, number] | null = null;
  for (let mask = 0; mask < 1 << x.edges.length; mask++) {
    const [rev, cost, nf] = evalMask(x, mask);
    if (nf === 0) continue;
    if (best === null || rev - cost > best) best = rev - cost;
    if (rev > 0 && (ratio === null || cost * ratio[1] < ratio[0] * rev)) ratio = [cost, rev];
  }
  return {
    bestProfit: best === null ? null : Rational.of(BigInt(best), BigInt(x.L)),
    slack: ratio === null ? null : Rational.of(BigInt(ratio[0]), BigInt(ratio[1])).sub(Rational.ONE),
  };
}

/** Worst loss R_ψ by brute force over shock sets and edge sets (tiny networks only). */
export function bruteWorstLoss(net: Network, psi: Rational): Rational {
  const x = toInts(net);
  const total = x.stake.reduce((a, b) => a + b, 0);
  if (total === 0) return Rational.ZERO;
  let best = 0;
  for (let shock = 0; shock < 1 << x.stake.length; shock++) {
    let shocked = 0;
    x.stake.forEach((s, v) => ((shock >> v) & 1 ? (shocked += s) : 0));
    if (Rational.of(BigInt(shocked)).gt(psi.mul(Rational.of(BigInt(total))))) continue;
    best = Math.max(best, shocked);
    let free = 0;
    x.edges.forEach((e, i) => ((shock >> e.op) & 1 ? 0 : (free |= 1 << i)));
    for (let mask = free; ; mask = (mask - 1) & free) {
      const [rev, cost, nf] = evalMask(x, mask, shock);
      if (nf > 0 && rev - cost > 0) best = Math.max(best, shocked + cost);
      if (mask === 0) break;
    }
  }
  return Rational.of(BigInt(best), BigInt(total));
}
