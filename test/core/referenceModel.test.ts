// An independent reference model of delegated stake under slashing, in exact rationals: each
// staker's stake is what it deposited times Π (1 − slashed fraction of the operator's magnitude)
// over the slashes after it joined. The ledger's integer numbers (scaling factors, magnitudes,
// rounding) must stay within the rounding error the formulas allow. The same model, with a native
// (EigenPod) vault and beacon-chain slashes that multiply one staker's stake by (1 − wad), checks
// a = s·k·(m·l).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { applyInPlace } from '../../src/core/apply.js';
import { slashingFactorOf } from '../../src/core/native/slashingFactor.js';
import { withdrawableShares } from '../../src/core/shares/stakerMath.js';
import { createState } from '../../src/core/state/state.js';
import { Rational } from '../../src/math/rational.js';

const WAD = 10n ** 18n;
const ops = ['a', 'b'];
const stakers = ['s0', 's1', 's2', 's3'];

type Step =
  | { kind: 'deposit'; staker: number; amount: bigint }
  | { kind: 'delegate'; staker: number; op: number }
  | { kind: 'allocate'; op: number; magnitude: bigint }
  | { kind: 'slash'; op: number; wad: bigint }
  | { kind: 'beacon'; staker: number; wad: bigint };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), staker: fc.nat(3), amount: fc.bigInt(1n, 10n ** 24n) }),
  fc.record({ kind: fc.constant('delegate' as const), staker: fc.nat(3), op: fc.nat(1) }),
  fc.record({ kind: fc.constant('allocate' as const), op: fc.nat(1), magnitude: fc.bigInt(1n, WAD) }),
  fc.record({ kind: fc.constant('slash' as const), op: fc.nat(1), wad: fc.bigInt(1n, WAD) }),
);
const nativeStepArb: fc.Arbitrary<Step> = fc.oneof(
  stepArb,
  fc.record({ kind: fc.constant('beacon' as const), staker: fc.nat(3), wad: fc.bigInt(1n, WAD - 1n) }),
);

it('ledger stake tracks the exact reference model within rounding (300 random histories)', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => checkModel(steps, false)),
    { numRuns: 300 },
  );
});

it('native stake (a = s·k·m·l) tracks the reference model with beacon-chain slashes (200 random histories)', () => {
  fc.assert(
    fc.property(fc.array(nativeStepArb, { minLength: 1, maxLength: 60 }), (steps) => checkModel(steps, true)),
    { numRuns: 200 },
  );
});

function checkModel(steps: readonly Step[], native: boolean): void {
  const state = createState();
  const setup = [
    { type: 'registerAsset', asset: 'x', decimals: 18, price: '1', ...(native ? { kind: 'native' } : {}) },
    { type: 'createVault', vault: 'v', asset: 'x' },
    { type: 'createService', service: 'svc' },
    ...ops.flatMap((o) => [
      { type: 'registerOperator', operator: o },
      { type: 'createOperatorSet', service: 'svc', set: `set-${o}`, vaults: ['v'] },
      { type: 'registerForOperatorSet', operator: o, set: `set-${o}` },
    ]),
  ];
  for (const c of setup) assert.ok(applyInPlace(state, c).ok);
  // reference: exact stake per staker, exact max/current magnitude per operator (fractions of 1)
  const stake = stakers.map(() => Rational.ZERO);
  const delegated: (number | null)[] = stakers.map(() => null);
  const max = ops.map(() => Rational.ONE);
  const current = ops.map(() => Rational.ZERO);
  let roundings = 0;
  // Error scale per staker: every unit of magnitude rounding (≤ 1 of WAD per slash) costs up to
  // shares × WAD / maxMagnitude at the time the shares joined the operator (the scaling factor
  // k = WAD / m amplifies it), so the bound is Σ joined × 1 / m_join per rounding.
  const scale = stakers.map(() => Rational.ZERO);
  const joinAt = (i: number, amount: Rational): void => {
    const op = delegated[i] ?? null;
    const m = slashingFactorOf(state, stakers[i] as string, op === null ? null : (ops[op] as string), 'v');
    if (m > 0n) scale[i] = (scale[i] as Rational).add(amount.mul(Rational.of(WAD, m)));
  };
  for (const s of steps) {
    if (s.kind === 'deposit') {
      const ok = applyInPlace(state, { type: 'deposit', staker: stakers[s.staker], vault: 'v', amount: s.amount }).ok;
      if (ok) stake[s.staker] = (stake[s.staker] as Rational).add(Rational.of(s.amount));
      if (ok) joinAt(s.staker, Rational.of(s.amount));
    } else if (s.kind === 'delegate') {
      const ok = applyInPlace(state, { type: 'delegate', staker: stakers[s.staker], operator: ops[s.op] }).ok;
      if (ok) delegated[s.staker] = s.op;
      if (ok) joinAt(s.staker, stake[s.staker] as Rational);
    } else if (s.kind === 'allocate') {
      // The model covers increases (effective at once with delay 0); decreases are delayed and
      // have their own golden vectors.
      if (Rational.of(s.magnitude, WAD).lte(current[s.op] as Rational)) continue;
      const ok = applyInPlace(state, {
        type: 'allocate',
        operator: ops[s.op],
        set: `set-${ops[s.op]}`,
        vault: 'v',
        magnitude: s.magnitude,
      }).ok;
      if (ok) current[s.op] = Rational.of(s.magnitude, WAD);
    } else if (s.kind === 'beacon') {
      // l' = floor(l · (W − wad) / W): the staker's stake, delegated or not, keeps (1 − wad)
      const ok = applyInPlace(state, { type: 'beaconChainSlash', staker: stakers[s.staker], wad: s.wad }).ok;
      if (!ok) continue;
      stake[s.staker] = (stake[s.staker] as Rational).mul(Rational.of(WAD - s.wad, WAD));
      roundings += 1;
    } else {
      const ok = applyInPlace(state, { type: 'slash', set: `set-${ops[s.op]}`, operator: ops[s.op], vault: 'v', wad: s.wad }).ok;
      const cur = current[s.op] as Rational;
      if (!ok || cur.isZero()) continue;
      const slashed = cur.mul(Rational.of(s.wad, WAD));
      const before = max[s.op] as Rational;
      const after = before.sub(slashed);
      for (let i = 0; i < stakers.length; i++) {
        if (delegated[i] === s.op && !before.isZero()) stake[i] = (stake[i] as Rational).mul(after.div(before));
      }
      max[s.op] = after;
      current[s.op] = cur.sub(slashed);
      roundings += 1;
    }
  }
  for (let i = 0; i < stakers.length; i++) {
    const pos = state.stakers.get(stakers[i] as string)?.positions.get('v');
    if (!pos) continue;
    const ledger = withdrawableShares(
      pos,
      slashingFactorOf(state, stakers[i] as string, state.stakers.get(stakers[i] as string)?.delegatedTo ?? null, 'v'),
    );
    const exact = stake[i] as Rational;
    // Magnitudes round up by ≤ 1 unit of WAD per slash (scaled as above); shares down by < 1 unit per op.
    // Native: l rounds down by ≤ 1 unit per beacon slash and m·l once more per read.
    const units = native ? 3 * (roundings + 1) : 2 * (roundings + 1);
    const tolerance = Rational.of(BigInt(steps.length + 2)).add((scale[i] as Rational).mul(Rational.of(BigInt(units), WAD)));
    // Each rounding favours the protocol, but a rounded-down allocation then loses slightly
    // less in the next slash, so the compound error can fall on either side.
    const gap = exact.sub(Rational.of(ledger));
    assert.ok(
      gap.lte(tolerance) && gap.neg().lte(tolerance),
      `${stakers[i]}: ledger ${ledger} vs exact ${exact.toDecimal(3)} beyond ±${tolerance.toDecimal(3)}`,
    );
  }
}
