import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { analyzeNetwork, type AnalyzeReport } from '../../src/risk/analyzeNetwork.js';
import { newComponentCache } from '../../src/risk/componentCache.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { arbNetwork } from './randomNetwork.js';
import { scaleAllocation, slashOperator } from './networkEdits.js';

// Issue 14, incremental: an analysis after a command starts from the proofs the analysis before it kept
// (src/risk/milp/replayProof.ts). Every figure must be the cold run's, exactly. Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261205;
const psi = Rational.of(1n, 10n);

type Command = { kind: 'allocation'; pick: number; factor: Rational } | { kind: 'slash'; pick: number; fraction: Rational };

const arbCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('allocation' as const),
    pick: fc.nat(),
    factor: fc.constantFrom(Rational.of(1n, 4n), Rational.of(1n, 2n), Rational.of(3n, 4n), Rational.of(3n, 2n), Rational.of(2n)),
  }),
  fc.record({
    kind: fc.constant('slash' as const),
    pick: fc.nat(),
    fraction: fc.constantFrom(Rational.of(1n, 10n), Rational.of(1n, 4n), Rational.of(1n, 2n)),
  }),
);

/** One allocation's amount scaled (at most the operator's stake), or one operator slashed: its stake and
 *  every allocation of it reduced by the fraction. */
function apply(net: Network, c: Command): Network {
  if (c.kind === 'allocation') return scaleAllocation(net, c.pick, c.factor);
  return slashOperator(net, c.pick, Rational.ONE.sub(c.fraction));
}

/** The figures of a report, exactly (the attacks themselves may differ between equally good ones). */
function figures(r: AnalyzeReport): string {
  const s = (x: Rational | null | undefined): string => (x === null || x === undefined ? 'null' : x.toString());
  return JSON.stringify({
    secure: r.secure,
    profit: s(r.bestAttack?.profit),
    bestExact: r.bestAttackExact,
    bound: s(r.profitUpperBound),
    gamma: s(r.slack.gamma),
    gammaExact: r.slack.exact,
    loss: s(r.worstLoss?.loss),
    lossExact: r.worstLoss?.exact,
  });
}

async function sequence(net: Network, commands: readonly Command[], shock = psi): Promise<void> {
  const cache = newComponentCache();
  let cur = net;
  await analyzeNetwork(cur, { psi: shock, cache });
  for (const c of commands) {
    cur = apply(cur, c);
    const warm = await analyzeNetwork(cur, { psi: shock, cache });
    const cold = await analyzeNetwork(cur, { psi: shock });
    assert.equal(figures(warm), figures(cold));
    assert.equal(warm.slack.exact && warm.bestAttackExact && warm.worstLoss?.exact, true);
  }
}

test('warm analyses after random commands give the cold figures exactly, 110 random sequences', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 12 }), fc.array(arbCommand, { minLength: 1, maxLength: 3 }), (net, cs) =>
      sequence(net, cs),
    ),
    { seed, numRuns: 110, endOnFailure: true },
  );
});

test('warm analyses after commands on a generated 30 × 6 network give the cold figures', async () => {
  for (const s of [1]) {
    const net = generateNetwork({ operators: 30, services: 6, seed: s });
    const big = [...net.operators].sort((a, b) => b.stake.cmp(a.stake))[0]!;
    const at = net.allocations.findIndex((a) => a.operator === big.id);
    await sequence(
      net,
      [
        { kind: 'allocation', pick: at, factor: Rational.of(1n, 2n) },
        { kind: 'slash', pick: net.operators.indexOf(big), fraction: Rational.of(1n, 4n) },
      ],
      Rational.of(1n, 100n),
    );
  }
});

/** Every allocation set to its operator's whole stake (full restaking: the cold routes' grid polish and
 *  parametric tree; a slash keeps the network full restaking, an allocation change leaves it). */
function fullRestaking(net: Network): Network {
  const stake = new Map(net.operators.map((o) => [o.id, o.stake] as const));
  return { ...net, allocations: net.allocations.map((a) => ({ ...a, amount: stake.get(a.operator)! })) };
}

/** Slashes by k/1000 (k ≤ 100, as a live service sees them): stakes leave the common grid (issue 14, fifth pass). */
const arbFineSlash: fc.Arbitrary<Command> = fc.record({
  kind: fc.constant('slash' as const),
  pick: fc.nat(),
  fraction: fc.integer({ min: 1, max: 100 }).map((k) => Rational.of(BigInt(k), 1000n)),
});

test('warm = cold on full-restaking networks and fine slashes, 100 random sequences', async () => {
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 12 }),
      fc.boolean(),
      fc.array(fc.oneof(arbCommand, arbFineSlash, arbFineSlash), { minLength: 1, maxLength: 3 }),
      (net, full, cs) => sequence(full ? fullRestaking(net) : net, cs),
    ),
    { seed: seed + 1, numRuns: 100, endOnFailure: true },
  );
});
