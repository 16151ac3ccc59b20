import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { evaluateAttack } from '../../src/risk/evaluateAttack.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import { separatingRatio } from '../../src/risk/slackDinkelbachBnb.js';
import { arbNetwork } from './randomNetwork.js';

// The separating ratio λ' below an incumbent's ratio λ: no attack's ratio lies in [λ', λ) (every attack
// enumerated), so a proof "nothing below λ'" proves λ. Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;

test("separatingRatio: no attack ratio lies in [λ', λ) for any incumbent, all edge subsets enumerated, 150 random networks", () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 6, svcsMax: 4, edgesMax: 9 }), (net) => {
      const ix = indexNetwork(net);
      const attacks = [];
      for (let mask = 1; mask < 1 << ix.edges.length; mask++) {
        const corrupted = new Set(ix.edges.map((_, e) => e).filter((e) => (mask >> e) & 1));
        const ev = evaluateAttack(ix, corrupted, new Set(), Rational.ONE, true);
        if (ev.attack.revenue.sign() > 0) attacks.push(ev.attack);
      }
      const ratios = attacks.map((a) => a.cost.div(a.revenue));
      for (const [i, a] of attacks.entries()) {
        const lambda = ratios[i]!;
        const lo = separatingRatio(ix, a);
        assert.ok(lo.lt(lambda));
        for (const r of ratios) assert.ok(!(r.gte(lo) && r.lt(lambda)), `ratio ${r} in [${lo}, ${lambda})`);
      }
    }),
    { seed, numRuns: 150 },
  );
});
