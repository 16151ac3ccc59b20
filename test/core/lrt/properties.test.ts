// Random LRT command sequences over the two-layer fixture: the harness checks the SPEC §3.8
// invariants and LRT token conservation after every command; here we also check that NAV per
// token never falls except through a slash, that failing commands change nothing, and that the
// accounts' look-through exposure to the bottom operator never exceeds the LRT's own.
// FC_SEED replays a failure (fast-check prints the seed and path).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lookThroughExposure, type ExposureTarget } from '../../../src/core/lrt/lookThroughExposure.js';
import { lrtNav } from '../../../src/core/lrt/lrtNav.js';
import { Rational } from '../../../src/math/rational.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import type { Cmd, TestLedger } from '../harness.js';
import { E, twoLayers } from './lrtFixture.js';

const runs = Number(process.env['LRT_FC_RUNS'] ?? 60); // LRT_FC_RUNS=500 for a longer local run
const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const params = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };

const accounts = ['alice', 'bob', 'carol'];
const amount = fc.oneof(
  fc.bigInt({ min: 1n, max: 5000n }),
  fc.bigInt({ min: 1n, max: 300n }).map((n) => n * 10n ** 18n),
);
const acct = fc.constantFrom(...accounts);

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ type: fc.constant('depositLrt'), lrt: fc.constantFrom('L1', 'L2'), account: acct, amount: amount.map(String) }),
  fc.record({ type: fc.constant('redeemLrt'), lrt: fc.constantFrom('L1', 'L2'), account: acct, tokens: amount.map(String) }),
  fc.record({ type: fc.constant('transferLrtTokens'), lrt: fc.constantFrom('L1', 'L2'), from: acct, to: acct, amount: amount.map(String) }),
  fc.record({ type: fc.constant('depositLrtTokens'), staker: acct, vault: fc.constantFrom('vT', 'vB'), amount: amount.map(String) }),
  fc.record({
    type: fc.constant('slash'),
    set: fc.constant('s1'),
    operator: fc.constant('opA'),
    vault: fc.constant('v1'),
    wad: fc.constantFrom('0.1', '1/3', '0.5'),
  }),
  fc.record({
    type: fc.constant('slash'),
    set: fc.constant('s3'),
    operator: fc.constant('opD'),
    vault: fc.constant('vB'),
    wad: fc.constantFrom('0.1', '1/3'),
  }),
  fc.record({ type: fc.constant('accrueYield'), vault: fc.constant('v1'), amount: amount.map(String) }),
  { weight: 2, arbitrary: fc.record({ type: fc.constant('advance'), blocks: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('completeLrtRedemption'), account: acct, pick: fc.nat(20) }) },
);

/** Two layers plus L2 over T1 (target opD/vB, allocated fully to s3). */
function ledger(): TestLedger {
  const l = twoLayers();
  l.ok({ type: 'createVault', vault: 'vB', asset: 'T1' });
  l.all([
    { type: 'registerOperator', operator: 'opD' },
    { type: 'createService', service: 'svc-s3' },
    { type: 'createOperatorSet', service: 'svc-s3', set: 's3', vaults: ['vB'] },
    { type: 'registerForOperatorSet', operator: 'opD', set: 's3' },
    { type: 'createLrt', lrt: 'L2', asset: 'T1', token: 'T2', manager: 'm2', operators: [{ operator: 'opD', vault: 'vB', weight: 1 }] },
    { type: 'depositLrt', lrt: 'L2', account: 'alice', amount: E(100) },
    { type: 'allocate', operator: 'opD', set: 's3', vault: 'vB', magnitude: '1/1' },
  ]);
  return l;
}

/** A completion picks an existing redemption (pick mod count) and, mostly, its owner as the issuer. */
function resolve(l: TestLedger, raw: Cmd): Cmd {
  if (raw.type !== 'completeLrtRedemption') return raw;
  const all = [...l.state.lrts.redemptions.values()];
  const pick = Number(raw['pick']);
  const r = all[pick % Math.max(all.length, 1)];
  const { pick: _, ...rest } = raw;
  return { ...rest, redemption: r?.id ?? 'r1', account: r && pick % 5 !== 0 ? r.account : String(raw['account']) };
}

const perToken = (l: TestLedger, id: string): [bigint, bigint] => {
  const lrt = l.state.lrts.lrts.get(id);
  assert.ok(lrt);
  return [lrtNav(l.state, lrt), lrt.supply];
};

describe('LRT properties', () => {
  it('invariants hold and NAV per token falls only on slashes, over random command sequences', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 5, maxLength: 40 }), (cmds) => {
        const l = ledger();
        for (const raw of cmds) {
          const c = resolve(l, raw);
          const before = ['L1', 'L2'].map((id) => perToken(l, id));
          const hash = stateHash(l.state);
          const out = l.try(c); // asserts the invariants
          if (!out.ok) assert.equal(stateHash(l.state), hash, `failing ${c.type} changed the state`);
          if (!out.ok || c.type === 'slash') continue;
          ['L1', 'L2'].forEach((id, i) => {
            const [nav0, s0] = before[i] as [bigint, bigint];
            const [nav1, s1] = perToken(l, id);
            // NAV of an LRT over T1 does not move with T1's price (NAV is in underlying units), so
            // every non-slash command must keep nav/supply from falling: nav1·s0 ≥ nav0·s1.
            if (s0 > 0n && s1 > 0n)
              assert.ok(nav1 * s0 >= nav0 * s1, `${c.type} lowered NAV per token of ${id}: ${nav0}/${s0} → ${nav1}/${s1}`);
          });
        }
        // opA is reached only through L1: the accounts' look-through shares of it never exceed L1's own
        // (their token claims, direct or through vT, vB and L2, are at most the supply)
        const opA = (t: ExposureTarget): Rational => lookThroughExposure(l.state, t).get('opA')?.get('s1') ?? Rational.ZERO;
        const held = accounts.reduce((sum, a) => sum.add(opA({ kind: 'staker', id: a })), Rational.ZERO);
        assert.ok(
          held.lte(opA({ kind: 'lrt', id: 'L1' })),
          `accounts ${held.toString()} > L1 ${opA({ kind: 'lrt', id: 'L1' }).toString()}`,
        );
      }),
      params,
    );
  });
});
