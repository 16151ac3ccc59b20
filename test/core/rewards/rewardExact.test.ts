// Property (issue 15, SPEC §3.6): reward claims are exact to the unit. An O(n) reference in exact
// rationals follows every submission (each staker's share P·w/W of the staker part P, W the pool's
// weight) and every settlement (a deposit settles the depositor: it is paid floor of what it
// accrued since its last settlement). A claim must equal Σ floor(exact share per settlement
// interval): whole units exactly, true fractions rounded down, never more. Submissions are often
// sized so that every share is a whole number (P = t·W/gcd of the weights). The old accumulator,
// which rounded its increment down, paid a unit less on those and fails within a few runs.
import { WAD } from '../../../src/math/wad.js';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { applyInPlace } from '../../../src/core/apply.js';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { stakerWeight } from '../../../src/core/rewards/rewardPools.js';
import { createState, type LedgerState } from '../../../src/core/state/state.js';
import { Rational } from '../../../src/math/rational.js';

const stakers = ['s0', 's1', 's2', 's3'];
/** FC_SEED replays a failure (fast-check prints the seed and path). */
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };
/** Largest submission the test sizes to whole shares (amounts are at most 2^128 − 1). */
const wholeAmountMax = 2n ** 120n;

type Step =
  | { kind: 'deposit'; staker: number; amount: bigint }
  | { kind: 'submit'; amount: bigint }
  | { kind: 'submitWhole'; times: bigint }
  | { kind: 'slash'; wad: bigint };

const amountArb = fc.oneof(fc.bigInt(1n, 10_000n), fc.bigInt(1n, 10n ** 20n), fc.bigInt(1n, 10n ** 30n));
/**
 * Whole shares need P = t·W/g (g = gcd of the weights), and a round-down accumulator is exact
 * anyway when g divides t·scale (g made of 2s and 5s only). So most deposits are multiples of a
 * unit with other prime factors, drawn per run.
 */
const unitArb = fc.constantFrom(3n, 7n, 12n, 999n, 1_000_000_007n, 3n * 10n ** 18n, 10n ** 6n);
const depositArb = (unit: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(
    fc.bigInt(1n, 50n).map((m) => m * unit),
    amountArb,
  );
const stepArb = (unit: bigint): fc.Arbitrary<Step> =>
  fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('deposit' as const), staker: fc.nat(3), amount: depositArb(unit) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('submit' as const), amount: amountArb }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('submitWhole' as const), times: fc.bigInt(1n, 1000n) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('slash' as const), wad: fc.bigInt(1n, 5n * 10n ** 17n) }), weight: 1 },
  );

function genesisState(initial: readonly bigint[]): LedgerState {
  const state = createState();
  const setup = [
    { type: 'registerAsset', asset: 'x', decimals: 18, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'x' },
    { type: 'registerOperator', operator: 'op', commissionBips: 0 },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
    { type: 'registerForOperatorSet', operator: 'op', set: 's' },
    { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '1' },
    ...stakers.flatMap((staker, i) => [
      { type: 'deposit', staker, vault: 'v', amount: String(initial[i] ?? 1n) },
      { type: 'delegate', staker, operator: 'op' },
    ]),
  ];
  for (const c of setup) assert.ok(applyInPlace(state, c).ok, c.type);
  return state;
}

const weights = (state: LedgerState): bigint[] =>
  stakers.map((id) => {
    const pos = state.stakers.get(id)?.positions.get('v');
    return pos ? stakerWeight(pos, WAD) : 0n; // not native: l = WAD
  });
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

function checkRun(initial: readonly bigint[], steps: readonly Step[]): void {
  const state = genesisState(initial);
  const exact = stakers.map(() => Rational.ZERO); // accrued since the staker's last settlement
  const settled = stakers.map(() => 0n);
  for (const step of steps) {
    if (step.kind === 'deposit') {
      const id = stakers[step.staker] as string;
      if (!applyInPlace(state, { type: 'deposit', staker: id, vault: 'v', amount: step.amount }).ok) continue;
      // the deposit hook settled the depositor against its old weight
      settled[step.staker] = (settled[step.staker] as bigint) + (exact[step.staker] as Rational).toBigInt('down');
      exact[step.staker] = Rational.ZERO;
    } else if (step.kind === 'slash') {
      applyInPlace(state, { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: step.wad });
    } else {
      const w = weights(state);
      const total = w.reduce((a, b) => a + b, 0n);
      const g = w.reduce(gcd, 0n);
      const whole = step.kind === 'submitWhole' && g > 0n ? step.times * (total / g) : 0n;
      const amount = step.kind === 'submit' ? step.amount : whole > 0n && whole <= wholeAmountMax ? whole : step.times;
      const out = applyInPlace(state, { type: 'submitRewards', service: 'svc', set: 's', asset: 'x', amount });
      if (!out.ok) continue;
      const [part] = out.fields['operators'] as string[];
      const stakerPart = BigInt((part ?? '').split(':')[1] ?? '0'); // commission 0: all of the op's part
      w.forEach((wi, i) => (exact[i] = (exact[i] as Rational).add(Rational.of(stakerPart * wi, total))));
    }
    assert.deepEqual(checkInvariants(state), []);
  }
  stakers.forEach((id, i) => {
    const want = (settled[i] as bigint) + (exact[i] as Rational).toBigInt('down');
    const out = applyInPlace(state, { type: 'claimRewards', staker: id, asset: 'x' });
    const got = out.ok ? BigInt(out.fields['amount'] as string) : 0n;
    assert.equal(got, want, `${id}: claimed ${got}, exact ${settled[i]} + ${(exact[i] as Rational).toDecimal(6)}`);
  });
}

it('reward claims are exact to the unit: Σ floor(exact share per settlement interval) (300 random histories)', () => {
  const run = unitArb.chain((unit) =>
    fc.tuple(fc.array(depositArb(unit), { minLength: 4, maxLength: 4 }), fc.array(stepArb(unit), { minLength: 1, maxLength: 30 })),
  );
  fc.assert(
    fc.property(run, ([initial, steps]) => checkRun(initial, steps)),
    { numRuns: 300, ...seed },
  );
});
