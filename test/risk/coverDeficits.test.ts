import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gcd, Rational } from '../../src/math/rational.js';
import { coverBoundData } from '../../src/risk/attackCoverBound.js';
import { coverDeficits, type DeficitData } from '../../src/risk/coverDeficits.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import { attackVariables } from '../../src/risk/milp/attackProgram.js';
import { attackColumns } from '../../src/risk/milp/exactAttackProgram.js';
import type { Network } from '../../src/risk/network.js';
import { arbNetwork } from './randomNetwork.js';

// The node bound's grid deficits (src/risk/coverDeficits.ts) against the definition read edge by edge. Replay with
// FC_SEED=<seed>.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;

/** The definition: forced weight per service, and the gcd of the weights of its open edges, every edge read. */
function reference(d: DeficitData, lo: Uint8Array, up: Uint8Array): (bigint | null)[] {
  const covered = d.services.map(() => 0n);
  const grid = d.services.map(() => 0n);
  for (let e = 0; e < d.edgeService.length; e++) {
    const s = d.edgeService[e]!;
    if (s < 0) continue;
    const cols = d.colsOfEdge[e]!.map((k) => d.costCols[k]!.col);
    if (cols.some((j) => lo[j] === 1)) covered[s]! += d.edgeWeight[e]!;
    else if (cols.some((j) => up[j] === 1)) grid[s] = gcd(grid[s]!, d.edgeWeight[e]!);
  }
  return d.services.map((sv, s) => {
    const deficit = sv.need - covered[s]!;
    if (deficit <= 0n) return 0n;
    const g = grid[s]!;
    return g === 0n ? null : ((deficit + g - 1n) / g) * g;
  });
}

/** Some amounts cut by k/1000 (off the others' grid, as after a slash), some operators' stakes raised (b columns). */
const arbNet = fc
  .record({
    net: arbNetwork({ opsMax: 12, svcsMax: 4, edgesMax: 30 }),
    cuts: fc.array(fc.record({ at: fc.nat(), k: fc.integer({ min: 1, max: 999 }) }), { maxLength: 3 }),
  })
  .map(({ net, cuts }): Network => {
    const allocations = net.allocations.map((a) => ({ ...a }));
    for (const { at, k } of cuts) {
      const a = allocations[at % Math.max(1, allocations.length)];
      if (a) a.amount = a.amount.mul(Rational.of(BigInt(1000 - k), 1000n));
    }
    return { ...net, allocations };
  });

test('coverDeficits equals the edge-by-edge definition on 40 boxes of each of 150 random networks (one index reused across boxes)', () => {
  let services = 0;
  let partial = 0;
  fc.assert(
    fc.property(arbNet, fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40 * 64, maxLength: 40 * 64 }), (net, fixes) => {
      const ix = indexNetwork(net);
      const vars = attackVariables(ix);
      if (vars.services.length === 0) return;
      const cols = attackColumns(ix, vars, false);
      const d = coverBoundData(ix, vars, cols);
      if (d === null) return;
      for (let box = 0; box < 40; box++) {
        // column j free (4 in 6), fixed to 0 (value 4) or to 1 (value 5); every fifth box leaves every column free
        const f = (j: number): number => (box % 5 === 0 ? 0 : fixes[(box * 64 + j) % fixes.length]!);
        const lo = Uint8Array.from({ length: cols.count }, (_, j) => (f(j) === 5 ? 1 : 0));
        const up = Uint8Array.from({ length: cols.count }, (_, j) => (f(j) === 4 ? 0 : 1));
        const want = reference(d, lo, up);
        assert.deepEqual(coverDeficits(d, lo, up), want);
        services += want.length;
        partial += want.filter((x) => x !== null && x !== 0n).length;
      }
    }),
    { seed, numRuns: 150 },
  );
  assert.ok(partial >= services / 10, `only ${partial} of ${services} deficits strictly between 0 and unknown`);
});
