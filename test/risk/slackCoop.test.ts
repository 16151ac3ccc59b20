import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import type { Attack } from '../../src/risk/attack.js';
import { evaluateAttack } from '../../src/risk/evaluateAttack.js';
import { indexNetwork, type IndexedNetwork } from '../../src/risk/indexNetwork.js';
import { slack } from '../../src/risk/slack.js';
import type { SlackResult } from '../../src/risk/slackResult.js';
import { slackProver } from '../../src/risk/slackProver.js';
import type { SlackShare } from '../../src/risk/slackShare.js';
import { brute } from './bruteForce.js';
import { arbNetwork } from './randomNetwork.js';

// Issue 14, eighth pass (coop): the slack's 'coop' method (two 'bnb' routes on two worker threads sharing coalitions,
// a proof at λ stopped once the other thread has a lower ratio) against brute force over every edge subset, and the
// 'bnb' route with a share that hands it a coalition in the middle of its exact steps. Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261206;
const arbSmall = arbNetwork({ opsMax: 5, svcsMax: 4, edgesMax: 10 });
const arbMid = arbNetwork({ opsMax: 6, svcsMax: 4, edgesMax: 12 });
const ratioOf = (a: { cost: Rational; revenue: Rational }): Rational => a.cost.div(a.revenue);
const str = (x: Rational | null | undefined): string | null => (x === null || x === undefined ? null : x.toString());

/** Every coalition of the network with PfC > 0 (one per edge subset), valued exactly. */
function coalitions(ix: IndexedNetwork): Attack[] {
  const out: Attack[] = [];
  for (let mask = 0; mask < 1 << ix.edges.length; mask++) {
    const edges = new Set([...ix.edges.keys()].filter((e) => (mask >> e) & 1));
    const a = evaluateAttack(ix, edges, new Set(), Rational.ONE, true).attack;
    if (a.revenue.sign() > 0) out.push(a);
  }
  return out;
}

/** Whether the call comes from an exact step's stop hook (branchAndBound, before a node), not a round boundary. */
const inProof = (): boolean => (new Error().stack ?? '').includes('branchAndBound');

test("slack 'coop' (two worker threads sharing coalitions) with and without a time limit, equals brute force, exact, 110 random networks", async () => {
  await fc.assert(
    fc.asyncProperty(arbSmall, fc.boolean(), async (net, limited) => {
      const ix = indexNetwork(net);
      // with a (never reached) time limit the searcher waits for the prover at a settled set instead of proving too
      const r = await slack(ix, { method: 'coop', ...(limited ? { timeLimitS: 600 } : {}) });
      assert.equal(r.exact, true);
      assert.equal(str(r.gamma), str(brute(net).slack));
      if (r.gamma !== null) assert.equal(ratioOf(r.attack!).sub(Rational.ONE).toString(), r.gamma.toString());
    }),
    { seed, numRuns: 110 },
  );
});

/** The weakest coalition of `all` when `pick` is even, else any of them. */
function handed(all: readonly Attack[], pick: number): Attack {
  return pick % 2 === 0 ? all.reduce((a, b) => (ratioOf(b).lt(ratioOf(a)) ? b : a)) : all[pick % all.length]!;
}

/** A share that hands `given` over from the `after`-th read inside an exact tree on (a read before each node), so that
 *  it retargets or stops a running tree; `fired` counts hand-overs after at least one node of a tree. */
function handingShare(given: Attack, after: number, published: Attack[], fired: { count: number }): SlackShare {
  let reads = 0;
  let done = false;
  return {
    publish: (a) => void published.push(a),
    better(than) {
      if (!done && (!inProof() || reads++ < after)) return null;
      if (!ratioOf(given).lt(than)) return null;
      if (!done && after > 0) fired.count++;
      done = true;
      return given;
    },
  };
}

function assertBrute(r: SlackResult, expected: string | null, published: readonly Attack[]): void {
  assert.equal(r.exact, true);
  assert.equal(str(r.gamma), expected);
  if (r.gamma !== null) assert.equal(ratioOf(r.attack!).sub(Rational.ONE).toString(), r.gamma.toString());
  // every coalition published is real and strictly lower than the one published before it
  for (let k = 1; k < published.length; k++) assert.ok(ratioOf(published[k]!).lt(ratioOf(published[k - 1]!)));
}

test('slackProver from a random coalition, handed a coalition in the middle of its tree (retarget), equals brute force, exact, 200 random networks', async () => {
  const fired = { count: 0 };
  await fc.assert(
    fc.asyncProperty(arbMid, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 }), async (net, from, pick, after) => {
      const ix = indexNetwork(net);
      const expected = str(brute(net).slack);
      const all = coalitions(ix);
      if (all.length === 0) return assert.equal(expected, null);
      const published: Attack[] = [];
      const share = handingShare(handed(all, pick), after, published, fired);
      // a random start: slack's own start is often already the weakest coalition on networks this small
      const r = await slackProver(ix, all[from % all.length]!, { deadline: Number.POSITIVE_INFINITY, share });
      assertBrute(r, expected, published);
    }),
    { seed: seed + 1, numRuns: 200 },
  );
  // the property must have exercised a tree retargeted after some of its nodes, not only hand-overs at its start
  assert.ok(fired.count >= 10, `handed over mid-tree ${fired.count} times`);
});

test("slackProver with a node budget, handed a coalition mid-tree: γ* no lower than brute force, and an unproven answer's lower bound no higher (200 random networks)", async () => {
  let bounded = 0;
  await fc.assert(
    fc.asyncProperty(
      arbMid,
      fc.nat(),
      fc.nat(),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      async (net, from, pick, after, nodesMax) => {
        const ix = indexNetwork(net);
        const exact = brute(net).slack;
        const all = coalitions(ix);
        if (all.length === 0 || exact === null) return;
        const share = handingShare(handed(all, pick), after, [], { count: 0 });
        // without the leaf search, which closes these small networks at the root: the test is of unfinished trees
        const r = await slackProver(ix, all[from % all.length]!, { deadline: Number.POSITIVE_INFINITY, share, nodesMax, leafBound: false });
        assert.ok(r.gamma !== null && r.gamma.gte(exact));
        if (r.exact) return assert.equal(r.gamma.toString(), exact.toString());
        if (r.lowerBound === null) return;
        assert.ok(r.lowerBound.lte(exact), `lower bound ${r.lowerBound} above γ* ${exact}`);
        bounded++;
      },
    ),
    { seed: seed + 3, numRuns: 200 },
  );
  // the bound must have been reported on unproven answers, not only skipped
  assert.ok(bounded >= 10, `unproven with a lower bound ${bounded} times`);
});

test("slack 'bnb', every role of 'coop', with a share handing a coalition over during its exact steps (the stop hook) equals brute force, exact, 120 random networks", async () => {
  await fc.assert(
    fc.asyncProperty(
      arbMid,
      fc.nat(),
      fc.integer({ min: 0, max: 3 }),
      fc.boolean(),
      fc.constantFrom(undefined, 'search' as const, 'prove' as const),
      async (net, pick, after, polish, role) => {
        const ix = indexNetwork(net);
        const expected = str(brute(net).slack);
        const all = coalitions(ix);
        if (all.length === 0) return assert.equal(expected, null);
        const published: Attack[] = [];
        const share = handingShare(handed(all, pick), after, published, { count: 0 });
        const r = await slack(ix, { method: 'bnb', coverPolish: polish, share, ...(role ? { role } : {}) });
        assertBrute(r, expected, published);
      },
    ),
    { seed: seed + 2, numRuns: 120 },
  );
});
