import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import { lowerFrom } from '../../src/risk/slackBnb.js';
import { thresholdRatioBound } from '../../src/risk/thresholdRatioBound.js';
import { brute, evalMask, toInts } from './bruteForce.js';
import { arbNetwork } from './randomNetwork.js';

// Issue 14, ninth pass: the proven lower bound on γ* from an unfinished proof's bound U at λ and the services'
// thresholds, against brute force. Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261210;

test('thresholdRatioBound and lowerFrom never exceed brute-force γ* + 1, given any U ≥ max λ·PfC − cost (300 random networks)', () => {
  let above = 0;
  fc.assert(
    fc.property(
      arbNetwork({ opsMax: 4, svcsMax: 3, edgesMax: 8 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 40 }),
      (net, p, q, slackUnits) => {
        const exact = brute(net);
        if (exact.slack === null) return;
        // U = max over attacks of λ·PfC − cost (at least 0: the empty attack), exactly, then loosened
        const x = toInts(net);
        let best = 0;
        for (let mask = 0; mask < 1 << x.edges.length; mask++) {
          const [rev, cost, nf] = evalMask(x, mask);
          if (nf > 0) best = Math.max(best, p * rev - q * cost);
        }
        const lambda = Rational.of(BigInt(p), BigInt(q));
        const upper = Rational.of(BigInt(best), BigInt(q * x.L)).add(Rational.of(BigInt(slackUnits), BigInt(x.L)));
        if (upper.sign() <= 0) return;
        const ix = indexNetwork(net);
        const bound = thresholdRatioBound(ix, lambda, upper);
        const min = exact.slack.add(Rational.ONE);
        assert.ok(bound.lte(min), `bound ${bound} > least ratio ${min} (λ ${lambda}, U ${upper})`);
        assert.ok(lowerFrom(ix, lambda, upper)!.lte(exact.slack));
        if (bound.sign() > 0) above++;
      },
    ),
    { seed, numRuns: 300 },
  );
  // not vacuous: the bound says something on a good share of the cases
  assert.ok(above >= 60, `bound > 0 in only ${above} cases`);
});
