import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { bestAttackBnb } from '../../src/risk/bestAttackBnb.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { slack } from '../../src/risk/slack.js';
import { warmBestAttack } from '../../src/risk/warmBestAttack.js';

// Issue 14, twenty-third pass: a kept proof's regions closed by the exact leaf search (milp/leafBound) keep what the
// search proved (a LeafPart), and a replay on the next command closes them by re-checking it, or by searching the box
// again, instead of re-opening them. The replayed proof must give the cold branch and bound's answer after commands
// that change an allocation, slash an operator or add an allocation (a new column), chained so that parts re-checked
// once are re-checked again; and parts must be used (the count), or the property would not test them. The networks
// are generated 60 × 8 ones, whose proofs at γ* have such regions. Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;

type Command = { readonly kind: 'scale' | 'slash' | 'add'; readonly k: number; readonly num: bigint };

const arbCommand: fc.Arbitrary<Command> = fc.record({
  kind: fc.constantFrom('scale' as const, 'slash' as const, 'add' as const),
  k: fc.nat({ max: 10_000 }),
  num: fc.bigInt({ min: 95n, max: 105n }),
});

/** The network after one command: an allocation's amount × num/100, an operator's stake and allocations × num/100
 *  (capped at 1: a slash), or a new allocation of a hundredth of an operator's stake to a service it lacks. Small
 *  changes: with a tenth, some new allocations made attacks at λ profitable whose maximum took both routes 9 s. */
function apply(net: Network, c: Command): Network {
  const f = Rational.of(c.num, 100n);
  if (c.kind === 'scale') {
    const at = c.k % net.allocations.length;
    return { ...net, allocations: net.allocations.map((a, i) => (i === at ? { ...a, amount: a.amount.mul(f) } : a)) };
  }
  const op = net.operators[c.k % net.operators.length]!;
  if (c.kind === 'slash') {
    const g = f.min(Rational.ONE);
    return {
      ...net,
      operators: net.operators.map((o) => (o.id === op.id ? { ...o, stake: o.stake.mul(g) } : o)),
      allocations: net.allocations.map((a) => (a.operator === op.id ? { ...a, amount: a.amount.mul(g) } : a)),
    };
  }
  const has = new Set(net.allocations.filter((a) => a.operator === op.id).map((a) => a.service));
  const svc = net.services.find((s) => !has.has(s.id));
  if (!svc) return net;
  return { ...net, allocations: [...net.allocations, { operator: op.id, service: svc.id, amount: op.stake.div(Rational.of(100n)) }] };
}

/** Nodes per search: a few commands make attacks at λ profitable whose maximum takes the cold branch and bound 30 s
 *  (the chain's answers are then compared only where both searches are proven within it, and counted). */
const nodesMax = 300;

test('a replayed proof whose leaf-search regions are re-checked gives the cold answer after chained commands (60 × 8, 60 chains of 3)', async () => {
  const seen = { parts: 0, replays: 0, compared: 0 };
  const nets = [1, 2, 3].map((s) => generateNetwork({ operators: 60, services: 8, seed: s }));
  const lambdas = await Promise.all(nets.map(async (n) => (await slack(indexNetwork(n), {})).gamma!.add(Rational.ONE)));
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: 2 }), fc.array(arbCommand, { minLength: 3, maxLength: 3 }), async (which, commands) => {
      let net = nets[which]!;
      const pfcScale = lambdas[which]!;
      const o = { pfcScale, deadline: Number.POSITIVE_INFINITY, nodesMax };
      let tree = (await warmBestAttack(indexNetwork(net), { ...o, tree: null })).tree;
      for (const c of commands) {
        net = apply(net, c);
        const ix = indexNetwork(net);
        const warm = await warmBestAttack(ix, { ...o, tree });
        const cold = await bestAttackBnb(ix, { pfcScale, nodesMax });
        if (warm.exact && cold.exact) {
          seen.compared++;
          assert.equal((warm.attack?.profit ?? Rational.ZERO).toString(), (cold.attack?.profit ?? Rational.ZERO).toString());
        }
        if (warm.replay) [seen.replays, seen.parts] = [seen.replays + 1, seen.parts + warm.replay.parts];
        tree = warm.tree;
      }
    }),
    { numRuns: 60, seed },
  );
  assert.ok(seen.compared >= 120, `compared ${seen.compared}`);
  assert.ok(seen.replays >= 30, `replays ${seen.replays}`);
  assert.ok(seen.parts >= 30, `regions closed by their leaf part ${seen.parts}`);
});
