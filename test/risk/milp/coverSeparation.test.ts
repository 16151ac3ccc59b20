import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../../src/math/rational.js';
import { bestAttackBnb } from '../../../src/risk/bestAttackBnb.js';
import { indexNetwork } from '../../../src/risk/indexNetwork.js';
import { attackVariables } from '../../../src/risk/milp/attackProgram.js';
import { coverSeparation, separateCovers } from '../../../src/risk/milp/coverSeparation.js';
import { attackColumns, exactBestProgram } from '../../../src/risk/milp/exactAttackProgram.js';
import { evaluateAttack } from '../../../src/risk/evaluateAttack.js';
import { slackProver } from '../../../src/risk/slackProver.js';
import { brute } from '../bruteForce.js';
import { arbNetwork } from '../randomNetwork.js';
import { rowHolds } from './rowHolds.js';

// Issue 14, ninth pass: cover inequalities separated at each node from the LP point (milp/coverSeparation).
// Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261209;
const str = (x: Rational | null | undefined): string | null => (x === null || x === undefined ? null : x.toString());

test('separated cover rows hold at every 0/1 point of the exact best-attack program (all points enumerated), 200 random networks and LP points', () => {
  let rows = 0;
  fc.assert(
    fc.property(
      arbNetwork({ opsMax: 4, svcsMax: 3, edgesMax: 7 }),
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 14, maxLength: 14 }),
      (net, levels) => {
        const ix = indexNetwork(net);
        const vars = attackVariables(ix);
        const cols = attackColumns(ix, vars, false);
        const program = exactBestProgram(ix, vars, Rational.ONE, cols);
        const n = cols.count;
        assert.ok(n <= 14);
        // an arbitrary fractional point (the separation must not rely on x being the LP's optimum)
        const lp = Float64Array.from({ length: n }, (_, j) => levels[j]! / 10);
        for (const [, j] of cols.y) lp[j] = 1;
        const cuts = separateCovers(coverSeparation(ix, vars, cols), lp);
        rows += cuts.length;
        const x = new Uint8Array(n);
        for (let mask = 0; mask < 1 << n; mask++) {
          for (let j = 0; j < n; j++) x[j] = (mask >> j) & 1;
          if (!program.rows.every((r) => rowHolds(r, x))) continue;
          for (const c of cuts) assert.ok(rowHolds(c, x), `separated row violated at mask ${mask}`);
        }
      },
    ),
    { seed, numRuns: 200 },
  );
  // the property above is empty unless rows were separated
  assert.ok(rows >= 50, `only ${rows} rows separated`);
});

test('bestAttackBnb with cover separation (1 or 3 rounds per node) equals brute force, exact, on 150 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 11 }),
      fc.boolean(),
      fc.constantFrom(1, 3),
      async (net, bestBound, rounds) => {
        const ix = indexNetwork(net);
        const b = brute(net).bestProfit;
        const expected = b !== null && b.sign() > 0 ? b : null;
        for (const coverCuts of [true, false]) {
          const r = await bestAttackBnb(ix, { coverCuts, bestBound, coverSeparation: true, separateRounds: rounds, polish: false });
          assert.equal(r.exact, true);
          assert.equal(str(r.attack?.profit), str(expected));
        }
      },
    ),
    { seed: seed + 1, numRuns: 150 },
  );
});

test("slackProver (the 'coop' prover's descending tree) with cover separation from a random coalition equals brute force, exact, 120 random networks", async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 6, svcsMax: 4, edgesMax: 12 }), fc.nat(), fc.constantFrom(0, 1, 3), async (net, from, rounds) => {
      const ix = indexNetwork(net);
      const expected = str(brute(net).slack);
      // a random start coalition (one edge subset), so the tree has to descend
      const edges = new Set([...ix.edges.keys()].filter((e) => (from >> e) & 1));
      const start = evaluateAttack(ix, edges.size > 0 ? edges : new Set(ix.edges.keys()), new Set(), Rational.ONE, true).attack;
      if (start.revenue.sign() <= 0) return;
      const share = { publish: () => undefined, better: () => null };
      const r = await slackProver(ix, start, { deadline: Number.POSITIVE_INFINITY, share, coverSeparation: true, separateRounds: rounds });
      assert.equal(r.exact, true);
      assert.equal(str(r.gamma), expected);
      assert.equal(r.attack!.cost.div(r.attack!.revenue).sub(Rational.ONE).toString(), r.gamma!.toString());
    }),
    { seed: seed + 2, numRuns: 120 },
  );
});
