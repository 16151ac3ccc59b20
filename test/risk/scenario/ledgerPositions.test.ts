// Positions derived from a command log's ledger (SPEC §6: loss distributions per staker, vault,
// LRT and insurance pool, look-through). The log below is small enough to compute every
// exposure by hand: ETH at price 2, USD at price 1, vault shares 1:1 with ETH.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runLog } from '../../../src/core/runLog.js';
import { Rational } from '../../../src/math/rational.js';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { networkSourceFromText } from '../../../src/risk/readNetworkFile.js';
import { derivePositions } from '../../../src/risk/scenario/derivePositions.js';
import { derivedPositionsMax, ledgerPositions, type DerivedPosition } from '../../../src/risk/scenario/ledgerPositions.js';
import { parseScenario } from '../../../src/risk/scenario/parseScenario.js';
import type { Scenario } from '../../../src/risk/scenario/scenario.js';
import { loadScenario } from '../../../src/cli/risk/loadScenario.js';
import { simulationTables } from '../../../src/cli/risk/riskTables.js';

const E = (n: number): string => (BigInt(n) * 10n ** 18n).toString();
const USD = (n: number): string => (BigInt(n) * 10n ** 6n).toString();

/**
 * Two stakers, one LRT across two operators, a pool with one cover:
 * - L (token LT) over vault v, weights 1:1 on opA and opB; dave deposits 200 ETH → 100 ETH
 *   behind each operator, 200 LT in dave's wallet.
 * - carol deposits 100 ETH in v, delegated to opA. opA holds 200 ETH of v, opB 100 ETH.
 * - opA allocates 1/2 of v to s1 and 1/4 to s2; opB allocates 2/5 to s1.
 * - pool P (USD, 1,000 underwritten) sells carol 20 USD of cover on (opA, s2); then pool P2
 *   (100 USD) sells her 15 more on the same target, which claims only the loss above P's 20.
 */
const log = [
  { type: 'configure', withdrawalDelayBlocks: 10, deallocationDelayBlocks: 10, allocationConfigurationDelayBlocks: 5 },
  { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '2', kind: 'lst' },
  { type: 'registerAsset', asset: 'USD', decimals: 6, price: '1', kind: 'erc20' },
  { type: 'createVault', vault: 'v', asset: 'ETH' },
  { type: 'registerOperator', operator: 'opA' },
  { type: 'registerOperator', operator: 'opB' },
  { type: 'createService', service: 'svc1' },
  { type: 'createService', service: 'svc2' },
  { type: 'createOperatorSet', service: 'svc1', set: 's1', vaults: ['v'], profitFromCorruption: '100' },
  { type: 'createOperatorSet', service: 'svc2', set: 's2', vaults: ['v'], profitFromCorruption: '100' },
  { type: 'registerForOperatorSet', operator: 'opA', set: 's1' },
  { type: 'registerForOperatorSet', operator: 'opA', set: 's2' },
  { type: 'registerForOperatorSet', operator: 'opB', set: 's1' },
  {
    type: 'createLrt',
    lrt: 'L',
    asset: 'ETH',
    token: 'LT',
    manager: 'm',
    operators: [
      { operator: 'opA', vault: 'v', weight: 1 },
      { operator: 'opB', vault: 'v', weight: 1 },
    ],
  },
  { type: 'depositLrt', lrt: 'L', account: 'dave', amount: E(200) },
  { type: 'deposit', staker: 'carol', vault: 'v', amount: E(100) },
  { type: 'delegate', staker: 'carol', operator: 'opA' },
  { type: 'allocate', operator: 'opA', set: 's1', vault: 'v', magnitude: '0.5' },
  { type: 'allocate', operator: 'opA', set: 's2', vault: 'v', magnitude: '0.25' },
  { type: 'allocate', operator: 'opB', set: 's1', vault: 'v', magnitude: '0.4' },
  { type: 'createInsurancePool', pool: 'P', asset: 'USD' },
  { type: 'underwrite', pool: 'P', underwriter: 'uw', amount: USD(1000) },
  { type: 'buyCover', pool: 'P', buyer: 'carol', operator: 'opA', set: 's2', amount: USD(20), periodBlocks: 100, premium: '0' },
  { type: 'createInsurancePool', pool: 'P2', asset: 'USD' },
  { type: 'underwrite', pool: 'P2', underwriter: 'uw', amount: USD(100) },
  { type: 'buyCover', pool: 'P2', buyer: 'carol', operator: 'opA', set: 's2', amount: USD(15), periodBlocks: 100, premium: '0' },
];

const all = { max: derivedPositionsMax, holdingsMax: 100_000, reserved: new Set<string>() };

function ledger() {
  const { state, results } = runLog(log);
  assert.deepEqual(
    results.filter((r) => r.status !== 'ok'),
    [],
  );
  return state;
}

/** Exposure as { "op/set": "p/q" }. */
function exposure(p: DerivedPosition | undefined): Record<string, string> {
  return Object.fromEntries((p?.holdings ?? []).map((h) => [`${h.operator}/${h.set}`, h.amount.toString()]));
}

function scenarioOf(raw: Record<string, unknown>): Scenario {
  const r = parseScenario({ network: 'log.json', ...raw }, () => networkSourceFromText(JSON.stringify(log)));
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('positions derived from a command log', () => {
  it('stakers, vault, LRT and pool hold the exact look-through exposures computed by hand', () => {
    const d = ledgerPositions(ledger(), all);
    assert.equal(d.truncated, false);
    // order: LRTs, pools (their covered positions first), vaults, stakers by value
    assert.deepEqual(
      d.positions.map((p) => [p.id, p.kind, p.source.kind]),
      [
        ['L', 'lrt', 'lrt'],
        ['carol@opA/s2', 'staker', 'covered'],
        ['P', 'insurance', 'insurance'],
        ['P2', 'insurance', 'insurance'],
        ['v', 'vault', 'vault'],
        ['dave', 'staker', 'staker'],
        ['carol', 'staker', 'staker'],
      ],
    );
    const by = new Map(d.positions.map((p) => [p.id, p]));
    // opA holds 200 ETH of v (100 of L's, 100 of carol's): s1 = 1/2 → 100 ETH = 200; s2 = 1/4 → 50 ETH = 100.
    // opB holds L's other 100 ETH: s1 = 2/5 → 40 ETH = 80.
    assert.deepEqual(exposure(by.get('v')), { 'opA/s1': '200', 'opA/s2': '100', 'opB/s1': '80' });
    // L: half of opA's stake, all of opB's
    assert.deepEqual(exposure(by.get('L')), { 'opA/s1': '100', 'opA/s2': '50', 'opB/s1': '80' });
    // dave holds every LT token: L's exposure, through the token
    assert.deepEqual(exposure(by.get('dave')), { 'opA/s1': '100', 'opA/s2': '50', 'opB/s1': '80' });
    // carol: the other half of opA
    assert.deepEqual(exposure(by.get('carol')), { 'opA/s1': '100', 'opA/s2': '50' });
    // the covered exposure: carol's direct stake on (opA, s2) only
    assert.deepEqual(exposure(by.get('carol@opA/s2')), { 'opA/s2': '50' });
    // values: L's NAV 200 ETH, v's 300 ETH, dave's 200 LT at 2, carol's 100 ETH, pool capital 1,000 USD
    const value = (id: string) => by.get(id)?.value.toString();
    assert.deepEqual(['L', 'v', 'dave', 'carol', 'P', 'carol@opA/s2'].map(value), ['400', '600', '400', '200', '1000', '50']);
    const pool = by.get('P');
    assert.ok(pool?.capital.eq(Rational.of(1000n)));
    assert.deepEqual(
      pool?.covers.map((c) => [c.position, c.deductible.toString(), c.limit.toString()]),
      [['carol@opA/s2', '0', '20']],
    );
    const p2 = by.get('P2');
    assert.equal(p2?.capital.toString(), '100');
    assert.deepEqual(
      p2?.covers.map((c) => [c.position, c.deductible.toString(), c.limit.toString()]),
      [['carol@opA/s2', '20', '15']],
    );
  });

  it('a scenario over the log gets them as positions; hand-written positions still apply and win on the same id', () => {
    const sc = scenarioOf({
      positions: [
        { id: 'carol', kind: 'staker', holdings: [{ operator: 'opA', amount: 1 }] },
        { id: 'dave-cover', kind: 'insurance', covers: [{ position: 'dave', deductible: 1, limit: 10 }] },
      ],
    });
    const ids = sc.positions.map((p) => p.id);
    assert.deepEqual([...ids].sort(), ['L', 'P', 'P2', 'carol', 'carol@opA/s2', 'dave', 'dave-cover', 'v']);
    const carol = sc.positions.find((p) => p.id === 'carol');
    assert.deepEqual(carol?.holdings, [{ kind: 'operator', operator: 0, amount: 1 }]);
    assert.deepEqual(sc.derivedPositions?.overridden, ['carol']);
    const v = sc.positions.find((p) => p.id === 'v');
    assert.deepEqual(
      v?.holdings.map((h) => (h.kind === 'allocation' ? [h.operator, h.service, h.amount] : h)),
      [
        [0, 0, 200],
        [0, 1, 100],
        [1, 0, 80],
      ],
    );
    assert.equal(v?.value, 600);
  });

  it('simulation: per-staker, per-LRT and per-pool distributions; the pool pays nothing while its covered set has no fault', async () => {
    // s1 faults often and slashes opA and opB; s2 (the covered set) never faults; no operator faults
    const sc = scenarioOf({
      defaults: { operator: { faultProbability: 0 } },
      services: [
        { id: 's1', faultProbability: 0.3, severity: { kind: 'fixed', value: 0.2 } },
        { id: 's2', faultProbability: 0 },
      ],
      simulation: { scenarios: 4000, seed: 3 },
    });
    const { report, raw } = await simulate(sc, { threads: 1 });
    const n = raw.scenarios;
    const at = (id: string) => {
      const i = sc.positions.findIndex((p) => p.id === id);
      return { stats: report.positions[i], sample: raw.positions.subarray(i * n, (i + 1) * n) };
    };
    for (const id of ['carol', 'dave', 'L', 'P', 'v']) assert.ok(at(id).stats, id);
    assert.deepEqual(report.derivedPositions?.bySource, { lrt: 1, covered: 1, insurance: 2, vault: 1, staker: 2 });
    const pool = at('P');
    assert.equal(pool.stats?.kind, 'insurance');
    assert.equal(pool.stats?.exposure, 1000);
    assert.ok(pool.sample.every((x) => x === 0));
    assert.ok(at('P2').sample.every((x) => x === 0));
    // an s1 fault takes 20 % of opA's 200 on s1 (40) and of opB's 80 (16): carol loses half of
    // opA's (20), dave and L half of opA's plus all of opB's (36)
    const carol = at('carol').sample;
    const dave = at('dave').sample;
    const lrt = at('L').sample;
    let faults = 0;
    for (let i = 0; i < n; i++) {
      const hit = (carol[i] ?? 0) > 0;
      if (hit) faults++;
      assert.ok(Math.abs((carol[i] ?? 0) - (hit ? 20 : 0)) < 1e-9);
      assert.ok(Math.abs((dave[i] ?? 0) - (hit ? 36 : 0)) < 1e-9);
      assert.equal(lrt[i], dave[i]);
    }
    assert.ok(faults > 0.25 * n && faults < 0.35 * n, `s1 faulted in ${faults} of ${n}`);
    assert.equal(at('carol').stats?.exposure, 200);
    assert.match(
      simulationTables(report),
      /Derived from the ledger: 7 positions \(1 LRT, 1 covered exposure, 2 insurance pools, 1 vault, 2 stakers\)/,
    );
  });

  it('simulation: when the covered set faults the pool pays min(cover left, loss) and nothing otherwise', async () => {
    const sc = scenarioOf({
      defaults: { operator: { faultProbability: 0 } },
      services: [
        { id: 's1', faultProbability: 0.3, severity: { kind: 'fixed', value: 0.2 } },
        { id: 's2', faultProbability: 0.5, severity: { kind: 'fixed', value: 0.6 } },
      ],
      simulation: { scenarios: 4000, seed: 5 },
    });
    const { raw } = await simulate(sc, { threads: 1 });
    const n = raw.scenarios;
    const sample = (id: string) => {
      const i = sc.positions.findIndex((p) => p.id === id);
      return raw.positions.subarray(i * n, (i + 1) * n);
    };
    const covered = sample('carol@opA/s2');
    const pool = sample('P');
    const pool2 = sample('P2');
    let paid = 0;
    for (let i = 0; i < n; i++) {
      // carol's (opA, s2) stake is 50: an s2 fault takes 30, P's cover pays its 20, P2's the 10 above
      const s2 = (covered[i] ?? 0) > 0;
      assert.ok(Math.abs((covered[i] ?? 0) - (s2 ? 30 : 0)) < 1e-9);
      assert.equal(pool[i], s2 ? 20 : 0);
      assert.ok(Math.abs((pool2[i] ?? 0) - (s2 ? 10 : 0)) < 1e-9);
      if (s2) paid++;
    }
    assert.ok(paid > 0.45 * n && paid < 0.55 * n);
  });

  it('the number of derived positions is bounded, and the summary says what was left out', () => {
    const d = ledgerPositions(ledger(), { ...all, max: 3 });
    assert.deepEqual(
      d.positions.map((p) => p.id),
      ['L', 'carol@opA/s2', 'P'],
    );
    assert.equal(d.truncated, true);
    assert.equal(d.notDerived, 4); // P2, v, dave, carol
    // the scenario bounds lower it: at 2^23 scenarios only 64M / 2^23 = 7 position columns fit, 1 is hand-written
    const { summary } = derivePositions(ledger(), [{ id: 'x', kind: 'staker', holdings: [], covers: [] }], 2 ** 23);
    assert.equal(summary.max, 6);
  });

  it('an allocation holding loses its share of the operator loss attributed to the allocation (elastic: never more than the stake)', async () => {
    // one elastic operator of stake 1 with 1 allocated to each of two services, both certain to slash all
    const r = parseScenario(
      {
        network: {
          operators: [{ id: 'o', stake: '1' }],
          services: ['a', 'b'].map((id) => ({ id, profitFromCorruption: '1', attackThreshold: '1' })),
          allocations: [
            { operator: 'o', service: 'a', amount: '1' },
            { operator: 'o', service: 'b', amount: '1' },
          ],
        },
        defaults: { service: { faultProbability: 1, severity: { kind: 'fixed', value: 1 } }, operator: { faultProbability: 0 } },
        positions: [
          {
            id: 'h',
            kind: 'staker',
            holdings: [
              { operator: 'o', service: 'a', amount: 0.5 },
              { operator: 'o', service: 'b', amount: 0.5 },
            ],
          },
        ],
        simulation: { scenarios: 10 },
      },
      () => {
        throw new Error('no files');
      },
    );
    assert.ok(r.ok);
    const { raw } = await simulate(r.value, { threads: 1 });
    // Σ d = 2 > stake 1: L = 1, each allocation bears 1/2 of it; h holds half of each → 1/2
    assert.ok(raw.positions.subarray(0, 10).every((x) => Math.abs(x - 0.5) < 1e-12));
  });

  it('examples/shared-security-scenario.yaml: network relative to the scenario file, derived and hand-written positions', () => {
    const sc = loadScenario(fileURLToPath(new URL('../../../../examples/shared-security-scenario.yaml', import.meta.url)));
    assert.deepEqual(
      sc.derivedPositions?.positions.map((p) => p.id),
      ['etherfi-eETH', 'restaking-cover', 'strategy-stETH', 'eETH-vault', 'whale-0x5f3a', 'alice', 'bob'],
    );
    assert.deepEqual(
      sc.positions.map((p) => p.id),
      ['etherfi-eETH', 'restaking-cover', 'strategy-stETH', 'eETH-vault', 'whale-0x5f3a', 'alice', 'bob', 'alice-cover'],
    );
    // the whale: 1,900 stETH after the covered slash, at 3,400
    assert.equal(sc.derivedPositions?.positions.find((p) => p.id === 'whale-0x5f3a')?.value.toString(), '6460000');
  });
});
