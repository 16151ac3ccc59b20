import { Rational } from '../math/rational.js';
import type { Network, NetworkAllocation, NetworkOperator, NetworkService } from './network.js';
import { operatorsMax, servicesMax } from './networkBounds.js';
import { createPrng, type Prng } from './prng.js';

export interface GenerateOptions {
  readonly operators: number;
  readonly services: number;
  readonly seed: number;
  /** Names for the services, used in order (then `service-NN`). */
  readonly serviceNames?: readonly string[];
}

/** Calibration (SPEC §7): mean stake per operator (ETH), share of the 10 largest operators, degrees. */
export const generatorCalibration = {
  meanStakeEth: 2_500,
  minStakeEth: 32,
  top10ShareMin: 0.6,
  top10ShareMax: 0.75,
  largeDegreeMin: 20,
  largeDegreeMax: 30,
  fullRestakingShare: 0.6,
  /** Σ PfC over all services as a share of total stake. */
  totalPfcShare: 0.4,
  pfcSigma: 0.8,
} as const;

/** Zipf weights (rank^-a) whose top-10 share is `target` (bisection on a). */
function zipfWeights(n: number, target: number): number[] {
  const share = (a: number): number => {
    let top = 0;
    let all = 0;
    for (let i = 1; i <= n; i++) {
      const w = i ** -a;
      all += w;
      if (i <= 10) top += w;
    }
    return top / all;
  };
  let [lo, hi] = [0, 6];
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (share(mid) < target) lo = mid;
    else hi = mid;
  }
  return Array.from({ length: n }, (_, i) => (i + 1) ** -hi);
}

/** Weighted sample of k distinct indices. */
function sampleDistinct(rng: Prng, weights: readonly number[], k: number): number[] {
  const w = [...weights];
  const out: number[] = [];
  for (let j = 0; j < Math.min(k, w.length); j++) {
    const total = w.reduce((a, b) => a + b, 0);
    let r = rng.next() * total;
    let pick = w.findIndex((x) => (r -= x) < 0);
    if (pick < 0) pick = w.findIndex((x) => x > 0);
    out.push(pick);
    w[pick] = 0;
  }
  return out.sort((a, b) => a - b);
}

function operatorsOf(rng: Prng, n: number): NetworkOperator[] {
  const c = generatorCalibration;
  const target = c.top10ShareMin + (c.top10ShareMax - c.top10ShareMin) * rng.next();
  const weights = zipfWeights(n, target).map((w) => w * Math.exp(0.05 * rng.nextNormal()));
  const total = weights.reduce((a, b) => a + b, 0);
  const totalEth = c.meanStakeEth * n;
  const width = String(n).length;
  return weights.map((w, i) => ({
    id: `operator-${String(i + 1).padStart(Math.max(4, width), '0')}`,
    stake: Rational.of(BigInt(Math.max(c.minStakeEth, Math.round((totalEth * w) / total)))),
  }));
}

/**
 * Synthetic network calibrated to mainnet magnitudes (SPEC §7): heavy-tailed (Zipf) stake with the top
 * 10 operators holding 60–75 %, the largest operators in 20–30 services, small ones in 1–6, service
 * popularity heavy-tailed, 60 % full restaking and the rest partial allocations, PfC proportional to the
 * stake needed to corrupt each service alone (lognormal), scaled so that Σ PfC = 40 % of total stake.
 * Integer amounts; deterministic by seed.
 */
export function generateNetwork(o: GenerateOptions): Network {
  if (!(o.operators >= 1 && o.operators <= operatorsMax && o.services >= 1 && o.services <= servicesMax)) {
    throw new RangeError(`generateNetwork: sizes out of bounds`);
  }
  const c = generatorCalibration;
  const rng = createPrng(o.seed);
  const operators = operatorsOf(rng.fork(), o.operators);
  const srng = rng.fork();
  const popularity = Array.from({ length: o.services }, (_, s) => 1 / (s + 1) ** 0.8);
  const alphas = [Rational.of(1n, 3n), Rational.of(1n, 2n), Rational.of(2n, 3n)];
  const largeCount = Math.max(10, Math.round(o.operators / 20));
  const allocations: NetworkAllocation[] = [];
  const arng = rng.fork();
  for (const [rank, op] of operators.entries()) {
    const degree = rank < largeCount ? c.largeDegreeMin + arng.nextInt(c.largeDegreeMax - c.largeDegreeMin + 1) : 1 + arng.nextInt(6);
    const full = arng.next() < c.fullRestakingShare;
    for (const s of sampleDistinct(arng, popularity, Math.min(degree, o.services))) {
      const f = full ? 1 : 0.25 + 0.75 * arng.next();
      const amount = full ? op.stake : Rational.of(BigInt(Math.max(1, Math.round(Number(op.stake.num) * f))));
      allocations.push({ operator: op.id, service: serviceId(o, s), amount });
    }
  }
  const weight = new Map<string, Rational>();
  for (const a of allocations) weight.set(a.service, (weight.get(a.service) ?? Rational.ZERO).add(a.amount));
  const alphaOf = Array.from({ length: o.services }, () => alphas[srng.nextInt(alphas.length)]!);
  const raw = alphaOf.map(
    (alpha, s) => (weight.get(serviceId(o, s)) ?? Rational.ZERO).mul(alpha).toNumber() * Math.exp(c.pfcSigma * srng.nextNormal()),
  );
  const rawTotal = raw.reduce((a, b) => a + b, 0) || 1;
  const totalStake = operators.reduce((a, op) => a + Number(op.stake.num), 0);
  const services: NetworkService[] = alphaOf.map((alpha, s) => ({
    id: serviceId(o, s),
    profitFromCorruption: Rational.of(BigInt(Math.max(1, Math.round((c.totalPfcShare * totalStake * raw[s]!) / rawTotal)))),
    attackThreshold: alpha,
  }));
  return { operators, services, allocations };
}

function serviceId(o: GenerateOptions, s: number): string {
  return o.serviceNames?.[s] ?? `service-${String(s + 1).padStart(3, '0')}`;
}
