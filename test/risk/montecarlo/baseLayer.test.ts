// The base layer (beacon-chain slashing, SPEC §11 native restaking): every native position loads
// on one event, so native positions' losses correlate through it while positions without native
// stake, on independent operators, do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { isolatedNetwork, scenarioOf } from './fixtures.js';

/** Pearson correlation of two columns of per-scenario losses. */
function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) ((mx += x[i]!), (my += y[i]!));
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const q = 0.05; // P(event)
const c = 0.8; // P(hit | event)
const scenarios = 40_000;

function baseLayerScenario(): ReturnType<typeof scenarioOf> {
  return scenarioOf({
    network: isolatedNetwork(4),
    defaults: { operator: { faultProbability: 0.05, severity: { kind: 'fixed', value: 0.5 } }, service: { faultProbability: 0 } },
    positions: [
      // native pods restaked with independent operators o0, o1
      { id: 'pod0', kind: 'staker', holdings: [{ operator: 'o0', amount: 1 }], native: 1 },
      { id: 'pod1', kind: 'staker', holdings: [{ operator: 'o1', amount: 1 }], native: 1 },
      // LST stakers of independent operators o2, o3
      { id: 'lst2', kind: 'staker', holdings: [{ operator: 'o2', amount: 1 }] },
      { id: 'lst3', kind: 'staker', holdings: [{ operator: 'o3', amount: 1 }] },
    ],
    baseLayer: { probability: q, faultProbability: c, severity: { kind: 'fixed', value: 0.25 }, idiosyncraticProbability: 0 },
    simulation: { scenarios, seed: 5 },
  });
}

test('native positions correlate through the base layer; non-native positions do not', async () => {
  const sc = baseLayerScenario();
  assert.deepEqual(sc.baseLayer?.severity, { kind: 'fixed', value: 0.25 });
  const { raw } = await simulate(sc, { threads: 1 });
  const col = (p: number): Float64Array => raw.positions.subarray(p * scenarios, (p + 1) * scenarios);
  const ids = sc.positions.map((p) => p.id);
  const [pod0, pod1, lst2, lst3] = ['pod0', 'pod1', 'lst2', 'lst3'].map((id) => col(ids.indexOf(id))) as Float64Array[];
  const native = correlation(pod0!, pod1!);
  const plain = correlation(lst2!, lst3!);
  console.log(`# base layer: corr(pod0, pod1) ${native.toFixed(3)}, corr(lst2, lst3) ${plain.toFixed(3)}`);
  // Closed form with the operator faults (p = 0.05, loss 0.5) independent of the base layer
  // (hit B ~ event·Bernoulli(c), loss 0.25 capped by value 1): Cov = Var-part of the common event
  // = 0.25² · q · c² · (1 − q) (each pod's hit is the event times its own coin), and each pod's
  // variance adds its operator part 0.5²·p(1−p) and the hit part 0.25²·qc(1 − qc) (the 1-cap never
  // binds: 0.5 + 0.25 < 1). ρ = 0.0625·0.05·0.64·0.95 / (0.25·0.0475 + 0.0625·0.04·0.96) ≈ 0.1355
  const cov = 0.0625 * q * c * c * (1 - q);
  const variance = 0.25 * 0.05 * 0.95 + 0.0625 * q * c * (1 - q * c);
  const rho = cov / variance;
  assert.ok(Math.abs(native - rho) < 0.03, `corr ${native} vs closed form ${rho}`);
  assert.ok(Math.abs(plain) < 0.02, `non-native positions on independent operators: corr ${plain}`);
  // marginal: a pod is hit with probability q·c and loses 0.25 of its native stake then
  let hits = 0;
  for (let i = 0; i < scenarios; i++) if (pod0![i]! === 0.25 || pod0![i]! === 0.75) hits++;
  assert.ok(Math.abs(hits / scenarios - q * c) < 0.006, `pod0 hit rate ${hits / scenarios} vs ${q * c}`);
});

test('a scenario without native positions has no base layer and draws exactly as before', async () => {
  const plain = scenarioOf({
    network: isolatedNetwork(2),
    positions: [{ id: 'lst', kind: 'staker', holdings: [{ operator: 'o0', amount: 1 }] }],
    simulation: { scenarios: 5_000, seed: 3 },
  });
  assert.equal(plain.baseLayer, undefined);
  // the same scenario with a base layer section but no native stake: identical losses
  const withSection = scenarioOf({
    network: isolatedNetwork(2),
    positions: [{ id: 'lst', kind: 'staker', holdings: [{ operator: 'o0', amount: 1 }] }],
    baseLayer: { probability: 0.5 },
    simulation: { scenarios: 5_000, seed: 3 },
  });
  const a = await simulate(plain, { threads: 1 });
  const b = await simulate(withSection, { threads: 1 });
  assert.deepEqual([...a.raw.positions], [...b.raw.positions]);
  assert.deepEqual([...a.raw.totals], [...b.raw.totals]);
});

test('native positions get the default base layer; a pure native position is worth its native stake', async () => {
  const sc = scenarioOf({
    network: isolatedNetwork(1),
    positions: [{ id: 'solo', kind: 'staker', native: 32 }],
    simulation: { scenarios: 20_000, seed: 9 },
  });
  assert.deepEqual(sc.baseLayer, {
    probability: 0.001,
    faultProbability: 0.1,
    severity: { kind: 'fixed', value: 1 / 32 },
    idiosyncraticProbability: 0.0001,
  });
  const { raw, report } = await simulate(sc, { threads: 1 });
  const losses = new Set(raw.positions);
  // a hit loses exactly 32 · 1/32 = 1; nothing else can hit an undelegated pod
  for (const x of losses) assert.ok(x === 0 || x === 1, `loss ${x}`);
  assert.equal(report.positions[0]?.id, 'solo');
  assert.throws(() => scenarioOf({ network: isolatedNetwork(1), baseLayer: { probability: 2 } }), /SCENARIO_INVALID/);
  assert.throws(() => scenarioOf({ network: isolatedNetwork(1), baseLayer: { loading: 0.3 } }), /SCENARIO_INVALID/);
});
