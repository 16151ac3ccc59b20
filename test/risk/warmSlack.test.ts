import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import type { Attack } from '../../src/risk/attack.js';
import type { WarmProofs } from '../../src/risk/componentCache.js';
import { fineGrid } from '../../src/risk/gridPolish.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { coopEdgesMin, isCoopDefault, slack } from '../../src/risk/slack.js';
import { recordedColdOptions, warmSlack } from '../../src/risk/warmSlack.js';
import { warmBestAttack } from '../../src/risk/warmBestAttack.js';
import type { ProofTree } from '../../src/risk/milp/proofTree.js';
import { scaleAllocation, slashOperator } from './networkEdits.js';
import { arbNetwork } from './randomNetwork.js';

// Issue 14, sixth pass (warm): the replay of a kept γ* proof has a bounded share of the budget; when it has not
// proven γ* by then, the cold search runs from the replay's best coalition. `replayMsMax: 0` takes that fallback
// at once. Either way the figure is the cold one, proven, and the proof is kept for the next command.
// Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261205;

const show = (x: Rational | null): string => (x === null ? 'null' : x.toString());

test('warm γ* with the replay cut short (cold fallback) and in full both equal cold γ*, 120 random commands', async () => {
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 12 }),
      fc.nat(),
      fc.constantFrom(Rational.of(1n, 4n), Rational.of(1n, 2n), Rational.of(3n, 2n), Rational.of(2n)),
      async (net, pick, factor) => {
        const before: WarmProofs = {};
        await warmSlack(indexNetwork(net), {}, before);
        const ix = indexNetwork(scaleAllocation(net, pick, factor));
        const cold = await slack(ix);
        const short: WarmProofs = { ...before };
        const cut = await warmSlack(ix, {}, short, { replayMsMax: 0 });
        const full = await warmSlack(ix, {}, { ...before });
        assert.equal(cold.exact, true);
        for (const w of [cut, full]) {
          assert.equal(show(w.gamma), show(cold.gamma));
          assert.equal(w.exact, true);
        }
        // the fallback keeps its proof: the next command starts warm from the new weakest coalition
        if (cold.gamma !== null && cold.gamma.gt(Rational.of(-1n))) {
          const kept = short.slack!;
          assert.equal(kept.attack.cost.div(kept.attack.revenue).sub(Rational.ONE).toString(), cold.gamma.toString());
          assert.equal(typeof kept.coldCpuMs, 'number');
        }
      },
    ),
    { seed, numRuns: 120, endOnFailure: true },
  );
});

// Issue 14, eighth pass (inc3): after a command that moves the kept weakest coalition's ratio, or when a replay step
// meets a better coalition, the warm search first takes the cheapest cover of the old service set (cheapestCover, a
// HiGHS search step: never trusted, the replay then proves γ*). Warm = cold on allocations and slashes, and the repair
// must actually run and lower the incumbent on a good share of the commands (else this property tests nothing new).
test('warm γ* with the cover repair equals cold γ* after allocation changes and slashes, 200 random commands', async () => {
  let [repairs, lowered] = [0, 0];
  const bySet = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 14, svcsMax: 6, edgesMax: 40 }),
      fc.nat(),
      fc.constantFrom('allocation', 'slash', 'weakest'),
      fc.constantFrom(Rational.of(1n, 4n), Rational.of(1n, 2n), Rational.of(9n, 10n), Rational.of(3n, 2n), Rational.of(2n)),
      async (net, pick, kind, factor) => {
        const before: WarmProofs = {};
        await warmSlack(indexNetwork(net), {}, before);
        // 'weakest': an allocation of the kept weakest coalition (the incremental bench's kind of the same name)
        const edges = before.slack?.attack.edges ?? [];
        const e = edges[pick % Math.max(edges.length, 1)];
        const at = e ? net.allocations.findIndex((a) => a.operator === e.operator && a.service === e.service) : pick;
        const next =
          kind === 'slash'
            ? slashOperator(net, pick, factor.min(Rational.of(9n, 10n)))
            : scaleAllocation(net, kind === 'weakest' ? at : pick, factor);
        const ix = indexNetwork(next);
        const cold = await slack(ix);
        const onRepair = (a: Attack, b: Attack, set: string): void => {
          repairs++;
          if (!b.cost.mul(a.revenue).lt(a.cost.mul(b.revenue))) return;
          lowered++;
          bySet.set(set, (bySet.get(set) ?? 0) + 1);
        };
        const warm = await warmSlack(ix, { timeLimitS: 60 }, { ...before }, { onRepair });
        assert.equal(cold.exact, true);
        assert.equal(show(warm.gamma), show(cold.gamma));
        assert.equal(warm.exact, true);
      },
    ),
    { seed: seed + 8, numRuns: 200, endOnFailure: true },
  );
  const sets = JSON.stringify([...bySet]);
  assert.ok(repairs >= 20 && lowered >= 5, `cover repairs ${repairs}, of which lowered the incumbent ${lowered} (${sets})`);
});

/** The network with every stake, allocation and PfC × 10¹²: thresholds of more than 2³² grid units (a fine grid). */
function onFineGrid(net: Network): Network {
  const big = Rational.of(10n ** 12n);
  return {
    operators: net.operators.map((o) => ({ ...o, stake: o.stake.mul(big) })),
    services: net.services.map((s) => ({ ...s, profitFromCorruption: s.profitFromCorruption.mul(big) })),
    allocations: net.allocations.map((a) => ({ ...a, amount: a.amount.mul(big) })),
  };
}

// Issue 14, fifteenth pass: on a fine grid (gridPolish `fineGrid`) the cover repairs are skipped, except the kept
// set's after a command that made the kept coalition cheaper (a slash of one of its operators). Warm = cold, and that
// repair must run on a fine grid (and lower the incumbent now and then); no other set is repaired there.
test('on a fine grid, a slash of a kept coalition operator repairs the kept set; warm γ* equals cold, 100 commands', async () => {
  let [repairs, lowered] = [0, 0];
  const others: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 14, svcsMax: 6, edgesMax: 40 }),
      fc.nat(),
      fc.constantFrom(Rational.of(999n, 1000n), Rational.of(9n, 10n), Rational.of(1n, 2n), Rational.of(1n, 4n)),
      async (net0, pick, keep) => {
        const net = onFineGrid(net0);
        const before: WarmProofs = {};
        await warmSlack(indexNetwork(net), {}, before);
        const ops = before.slack?.attack.operators ?? [];
        if (ops.length === 0) return;
        const at = net.operators.findIndex((o) => o.id === ops[pick % ops.length]);
        const ix = indexNetwork(slashOperator(net, at, keep));
        assert.ok(fineGrid(ix));
        const cold = await slack(ix);
        const onRepair = (a: Attack, b: Attack, set: string): void => {
          if (set !== 'kept') others.push(set);
          repairs++;
          if (b.cost.mul(a.revenue).lt(a.cost.mul(b.revenue))) lowered++;
        };
        const warm = await warmSlack(ix, { timeLimitS: 60 }, { ...before }, { onRepair });
        assert.equal(cold.exact, true);
        assert.equal(show(warm.gamma), show(cold.gamma));
        assert.equal(warm.exact, true);
      },
    ),
    { seed: seed + 15, numRuns: 100, endOnFailure: true },
  );
  assert.deepEqual(others, []);
  // small networks: the slashed coalition is most often still its set's cheapest cover (seed + 15: 67 repairs, 3 lower)
  assert.ok(repairs >= 20 && lowered >= 2, `kept-set repairs on a fine grid ${repairs}, of which lowered the incumbent ${lowered}`);
});

// Issue 14, twenty-second pass: before its climb, repairs and replay, the warm search checks whether the cover bound at
// the incumbent's ratio closes the root (provenAtRoot): then that coalition is γ*'s, proven. After random commands the
// figure must be the cold one, and the check must both fire and not fire on a good share of them.
test('warm γ* proven at the root by the cover bound before any search equals cold γ*, 200 random commands', async () => {
  const seen = { root: 0, searched: 0 };
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 12, svcsMax: 6, edgesMax: 30 }),
      fc.nat(),
      fc.constantFrom('allocation', 'slash'),
      fc.constantFrom(Rational.of(1n, 2n), Rational.of(9n, 10n), Rational.of(11n, 10n), Rational.of(2n)),
      async (net, pick, kind, factor) => {
        const before: WarmProofs = {};
        await warmSlack(indexNetwork(net), {}, before);
        const next = kind === 'slash' ? slashOperator(net, pick, factor.min(Rational.of(9n, 10n))) : scaleAllocation(net, pick, factor);
        const ix = indexNetwork(next);
        const cold = await slack(ix);
        let root = false;
        const warm = await warmSlack(ix, {}, before, { onRootProof: () => void (root = true) });
        assert.equal(cold.exact, true);
        assert.equal(warm.exact, true);
        assert.equal(show(warm.gamma), show(cold.gamma));
        if (root) {
          seen.root++;
          // the coalition it keeps is a real one at γ*'s ratio
          const a = warm.attack!;
          assert.equal(a.cost.div(a.revenue).sub(Rational.ONE).toString(), show(cold.gamma));
        } else seen.searched++;
      },
    ),
    { seed: seed + 22, numRuns: 200, endOnFailure: true },
  );
  assert.ok(seen.root >= 30, `proven at the root ${seen.root} times`);
  assert.ok(seen.searched >= 30, `searched ${seen.searched} times`);
});

// Twenty-fourth pass: the first analysis with a cache ran the one-thread 'bnb' route (to record its proof steps) even
// where cold runs 'coop' on both cores, and left γ* unproven at 2,000 × 100 seed 1 after 30 s where cold proves it in
// 10 s. A recorded cold search now takes cold's route; after 'coop' the proof at γ* is recorded on its own.
test('a recorded cold γ* search takes the cold route: coop from coopEdgesMin edges, the recorded one-thread route below', () => {
  const proveAt = (): never => assert.fail('not called here');
  const onStep = (): void => undefined;
  const large = indexNetwork(generateNetwork({ operators: 1000, services: 75, seed: 1 }));
  const small = indexNetwork(generateNetwork({ operators: 60, services: 8, seed: 1 }));
  assert.ok(large.edges.length >= coopEdgesMin && small.edges.length < coopEdgesMin);
  for (const o of [{}, { timeLimitS: 60 }, { hints: [] }]) {
    const big = recordedColdOptions(large, o, proveAt, onStep);
    assert.equal(isCoopDefault(large, big), true);
    assert.equal(big.proveAt, undefined);
    assert.equal(big.method, undefined);
    const little = recordedColdOptions(small, o, proveAt, onStep);
    assert.equal(little.method, 'bnb');
    assert.equal(little.proveAt, proveAt);
  }
  // a method or node budget asked for is not 'coop' at any size: the recorded route, as before
  for (const o of [{ method: 'bnb' as const }, { nodesMax: 500 }]) {
    const r = recordedColdOptions(large, o, proveAt, onStep);
    assert.equal(isCoopDefault(large, r), false);
    assert.equal(r.proveAt, proveAt);
  }
  // the coop prover's proof is asked for on the coop route only (the one-thread route records its own steps)
  const onProof = (): void => undefined;
  assert.equal(recordedColdOptions(large, {}, proveAt, onStep, onProof).onProof, onProof);
  assert.equal(isCoopDefault(large, recordedColdOptions(large, {}, proveAt, onStep, onProof)), true);
  assert.equal(recordedColdOptions(small, {}, proveAt, onStep, onProof).onProof, undefined);
});

// Twenty-fifth pass: after 'coop' the proof at γ* was recorded again on one thread (0.3–0.55 of the coop search's CPU
// time at 2,000 × 100); the prover's own tree, with the regions the searcher closed in it, now comes back from its worker.
test("'coop' hands back the prover's proof at γ* (through its worker): a replay on the same network proves γ* from it", async () => {
  const ix = indexNetwork(generateNetwork({ operators: 1000, services: 75, seed: 1 }));
  assert.ok(ix.edges.length >= coopEdgesMin);
  // the prover's answer won 3 of 3 runs here (4 s each); the searcher's winning proof has none to give, so up to 3 tries
  for (let run = 0; run < 3; run++) {
    let got: { tree: ProofTree; lambda: Rational } | null = null;
    const r = await slack(ix, { timeLimitS: 120, onProof: (tree, lambda) => void (got = { tree, lambda }) });
    assert.equal(r.exact, true);
    const proof = got as { tree: ProofTree; lambda: Rational } | null;
    if (!proof) continue;
    assert.equal(proof.lambda.toString(), r.gamma!.add(Rational.ONE).toString());
    assert.ok(proof.tree.leaves.length > 0 && proof.tree.cols.length > 0 && proof.tree.rows.length > 0);
    assert.ok(proof.tree.leaves.every((l) => l.fix instanceof Int32Array && l.y.every((v) => typeof v === 'bigint')));
    const w = await warmBestAttack(ix, { pfcScale: proof.lambda, deadline: Number.POSITIVE_INFINITY, tree: proof.tree });
    assert.equal(w.exact, true);
    assert.equal(w.attack, null, 'nothing below γ* on the network it was proven on');
    assert.ok(w.replay && w.replay.closed > 0, 'regions of the prover closed again here');
    return;
  }
  assert.fail("no run of 'coop' handed back the prover's proof");
});

test('from coopEdgesMin edges the first warm γ* is proven as cold proves it, its proof at γ* kept and replayed next', async () => {
  // 1,000 × 75 seed 1 (4,721 edges): 'coop' proved γ* in 4.1 s here, the recording at γ* took 1.5 s (twenty-fourth pass)
  const net = generateNetwork({ operators: 1000, services: 75, seed: 1 });
  const ix = indexNetwork(net);
  assert.ok(ix.edges.length >= coopEdgesMin);
  const o = { timeLimitS: 120 };
  const cold = await slack(ix, o);
  assert.equal(cold.exact, true, 'cold γ* proven (else this network tells nothing)');
  const warm: WarmProofs = {};
  const first = await warmSlack(ix, o, warm);
  assert.equal(first.exact, true);
  assert.equal(show(first.gamma), show(cold.gamma));
  assert.ok(warm.slack?.tree, "the proof at γ* is kept after the coop search (the prover's, or recorded after it)");
  // an allocation off the weakest coalition, scaled: the kept proof is replayed, and γ* equals cold's
  const weakest = new Set(first.attack!.edges.map((e) => `${e.operator}>${e.service}`));
  const pick = net.allocations.findIndex((a) => !weakest.has(`${a.operator}>${a.service}`));
  const next = indexNetwork(scaleAllocation(net, pick, Rational.of(1n, 2n)));
  const [w, c] = [await warmSlack(next, o, warm), await slack(next, o)];
  assert.equal(c.exact, true);
  assert.equal(w.exact, true);
  assert.equal(show(w.gamma), show(c.gamma));
});
