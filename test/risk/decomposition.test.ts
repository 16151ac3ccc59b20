import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../src/math/rational.js';
import type { Attack } from '../../src/risk/attack.js';
import { bestAttack } from '../../src/risk/bestAttack.js';
import { bestAttackDecomposed } from '../../src/risk/bestAttackDecomposed.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network, NetworkAllocation, NetworkOperator, NetworkService } from '../../src/risk/network.js';
import { slack } from '../../src/risk/slack.js';
import { slackDecomposed } from '../../src/risk/slackDecomposed.js';
import { splitComponents } from '../../src/risk/splitComponents.js';
import { newComponentCache } from '../../src/risk/componentCache.js';
import { brute } from './bruteForce.js';

// Decomposition into connected components and warm starts (a cache of exact per-component answers
// kept across the commands of a sequence) against cold solves of the whole network, on random
// command sequences over a network view (new operator or service, allocate, deallocate, slash,
// PfC change): after every sequence the warm decomposed verdict, best attack and γ* must be the
// cold figures exactly, and both must equal brute force.

/** Deterministic PRNG (mulberry32) so a failure names its sequence. */
function prng(seed: number): (m: number) => number {
  let a = seed >>> 0;
  return (m) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % m) as number;
  };
}

const R = (n: number, d = 1) => Rational.of(BigInt(n), BigInt(d));
const alphas = [R(1, 3), R(1, 2), R(2, 3), R(1)];

interface Net {
  operators: NetworkOperator[];
  services: NetworkService[];
  allocations: NetworkAllocation[];
}

/** Two or three islands (operators allocate only within their island) of 1–3 operators and 1–2 services. */
function initial(r: (m: number) => number): Net {
  const net: Net = { operators: [], services: [], allocations: [] };
  const islands = 2 + r(2);
  for (let k = 0; k < islands; k++) {
    const ops = Array.from({ length: 1 + r(3) }, (_, i) => ({ id: `o${k}${i}`, stake: R(1 + r(10), r(4) === 0 ? 2 : 1) }));
    const svcs = Array.from({ length: 1 + r(2) }, (_, i) => ({
      id: `s${k}${i}`,
      profitFromCorruption: R(r(16)),
      attackThreshold: alphas[r(4)]!,
    }));
    net.operators.push(...ops);
    net.services.push(...svcs);
    for (const o of ops)
      for (const s of svcs)
        if (r(3) > 0) net.allocations.push({ operator: o.id, service: s.id, amount: r(2) ? o.stake : o.stake.mul(R(1 + r(3), 4)) });
  }
  return net;
}

/** One random command on the network view; may join islands (an allocation across them) or split them. */
function command(net: Net, r: (m: number) => number, n: number): void {
  const op = net.operators[r(net.operators.length)]!;
  const svc = net.services[r(net.services.length)]!;
  const kind = r(6);
  if (kind === 0 && net.operators.length < 8) net.operators.push({ id: `n${n}`, stake: R(1 + r(8)) });
  else if (kind === 1 && net.services.length < 6)
    net.services.push({ id: `t${n}`, profitFromCorruption: R(r(16)), attackThreshold: alphas[r(4)]! });
  else if (kind === 2 && net.allocations.length < 11 && !net.allocations.some((a) => a.operator === op.id && a.service === svc.id)) {
    net.allocations.push({ operator: op.id, service: svc.id, amount: r(2) ? op.stake : op.stake.mul(R(1 + r(3), 4)) });
  } else if (kind === 3 && net.allocations.length > 0) net.allocations.splice(r(net.allocations.length), 1);
  else if (kind === 4) {
    // slash: the operator loses a share of its stake and its allocations are clamped to what is left
    const stake = op.stake.mul(R(1 + r(3), 4));
    net.operators = net.operators.map((o) => (o.id === op.id ? { id: o.id, stake } : o));
    net.allocations = net.allocations.map((a) => (a.operator === op.id ? { ...a, amount: a.amount.min(stake) } : a));
  } else {
    const pfc = R(r(16), r(3) === 0 ? 2 : 1);
    net.services = net.services.map((s) => (s.id === svc.id ? { ...s, profitFromCorruption: pfc } : s));
  }
}

const str = (x: Rational | null | undefined) => (x === null || x === undefined ? null : x.toString());
const sortedAttack = (a: Attack | null) => (a === null ? null : [str(a.profit), [...a.services].sort()]);

test('decomposition by components and warm starts give the cold figures exactly on 120 random command sequences', async () => {
  let multi = 0;
  let warmHits = 0;
  for (let seq = 0; seq < 120; seq++) {
    const r = prng(1000 + seq);
    const net = initial(r);
    const steps = 2 + r(6);
    const cache = newComponentCache();
    const snapshot = (): Network => ({ operators: [...net.operators], services: [...net.services], allocations: [...net.allocations] });
    for (let n = 0; n < steps; n++) {
      // the live loop: analyse after every command, keeping exact component answers in the cache
      if (n > 0)
        await Promise.all([
          bestAttackDecomposed(indexNetwork(snapshot()), {}, cache),
          slackDecomposed(indexNetwork(snapshot()), {}, cache),
        ]);
      command(net, r, n);
    }
    const frozen = snapshot();
    const ix = indexNetwork(frozen);
    if (splitComponents(ix).length > 1) multi++;
    const before = cache.hits;
    const [cold, parts] = [await bestAttack(ix), await bestAttackDecomposed(ix, {}, cache)];
    const what = `sequence ${seq}`;
    assert.equal(cold.exact && parts.exact, true, what);
    assert.deepEqual(sortedAttack(parts.attack)?.[0], sortedAttack(cold.attack)?.[0], `${what}: best profit`);
    assert.equal(str(parts.profitUpperBound), str(cold.profitUpperBound), `${what}: bound`);
    const [coldSlack, partSlack] = [await slack(ix), await slackDecomposed(ix, {}, cache)];
    warmHits += cache.hits - before;
    assert.equal(coldSlack.exact && partSlack.exact, true, what);
    assert.equal(str(partSlack.gamma), str(coldSlack.gamma), `${what}: γ*`);
    const b = brute(frozen);
    assert.equal(str(partSlack.gamma), str(b.slack), `${what}: γ* vs brute force`);
    const bestPositive = b.bestProfit !== null && b.bestProfit.sign() > 0 ? b.bestProfit : null;
    assert.equal(str(parts.attack?.profit), str(bestPositive), `${what}: profit vs brute force`);
    if (parts.attack) {
      // the union is a real attack: re-valued on the whole network it has the reported figures
      assert.equal(parts.attack.profit.toString(), parts.attack.revenue.sub(parts.attack.cost).toString());
    }
  }
  assert.ok(multi >= 60, `only ${multi} of 120 sequences ended with several components`);
  assert.ok(warmHits >= 60, `only ${warmHits} component answers reused from the cache`);
});
