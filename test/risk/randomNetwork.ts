import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import type { Network } from '../../src/risk/network.js';

export interface NetShape {
  readonly opsMax: number;
  readonly svcsMax: number;
  readonly edgesMax: number;
}

/** Random small networks: integer stakes (some in halves), PfC, α ∈ {1/3,1/2,2/3,1}, mixed full/partial edges. */
export function arbNetwork(shape: NetShape): fc.Arbitrary<Network> {
  return fc
    .record({
      nOps: fc.integer({ min: 1, max: shape.opsMax }),
      nSvcs: fc.integer({ min: 1, max: shape.svcsMax }),
      seedVals: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 200, maxLength: 200 }),
    })
    .map(({ nOps, nSvcs, seedVals }) => {
      let k = 0;
      const r = (m: number): number => seedVals[k++ % seedVals.length]! % m;
      const operators = Array.from({ length: nOps }, (_, i) => ({
        id: `o${i}`,
        stake: Rational.of(BigInt(1 + r(12)), r(4) === 0 ? 2n : 1n),
      }));
      const alphas = [Rational.of(1n, 3n), Rational.of(1n, 2n), Rational.of(2n, 3n), Rational.ONE];
      const services = Array.from({ length: nSvcs }, (_, s) => ({
        id: `s${s}`,
        profitFromCorruption: Rational.of(BigInt(r(20)), r(3) === 0 ? 2n : 1n),
        attackThreshold: alphas[r(4)]!,
      }));
      const allocations: { operator: string; service: string; amount: Rational }[] = [];
      for (const o of operators) {
        for (const s of services) {
          if (allocations.length >= shape.edgesMax || r(100) >= 45) continue;
          const full = r(2) === 0;
          const amount = full ? o.stake : o.stake.mul(Rational.of(BigInt(1 + r(4)), 4n));
          allocations.push({ operator: o.id, service: s.id, amount });
        }
      }
      return { operators, services, allocations };
    });
}

/** A network and the operands of one command on it (networkEdits): which allocation or operator (modulo their number)
 *  and the factor, ¼, ½ or 2 (a slash keeps at most ½). */
export function arbEdit(shape: NetShape): fc.Arbitrary<{ net: Network; pick: number; factor: Rational }> {
  return fc.record({
    net: arbNetwork(shape),
    pick: fc.nat(),
    factor: fc.constantFrom(Rational.of(1n, 4n), Rational.of(1n, 2n), Rational.of(2n)),
  });
}
