// Insurance (SPEC §3.7): cost of a covered slash versus the number of delegated stakers and of
// covers on the slashed (operator, set). Claims are computed by the slash hook: O(covers on the
// target × slashed vaults), independent of the number of stakers.
import { applyInPlace } from '../src/core/apply.js';
import { createState, type LedgerState } from '../src/core/state/state.js';
import type { BenchRow, BenchRun } from './types.js';

type Cmd = Record<string, unknown>;
const samples = 101;

function must(state: LedgerState, c: Cmd): void {
  const out = applyInPlace(state, c);
  if (!out.ok) throw new Error(`${String(c['type'])}: ${out.error.message}`);
}

/** `n` stakers delegated to op0 (fully allocated to s); `covers` of them hold cover on (op0, s). */
function coveredState(n: number, covers: number): LedgerState {
  const state = createState();
  for (const c of [
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
    { type: 'registerAsset', asset: 'USDC', decimals: 6, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'registerOperator', operator: 'op0' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
    { type: 'registerForOperatorSet', operator: 'op0', set: 's' },
    { type: 'createInsurancePool', pool: 'p', asset: 'USDC' },
    { type: 'underwrite', pool: 'p', underwriter: 'fund', amount: String(10n ** 30n) },
  ])
    must(state, c);
  for (let i = 0; i < n; i++) {
    must(state, { type: 'deposit', staker: `st${i}`, vault: 'v', amount: '1000000000000000000' });
    must(state, { type: 'delegate', staker: `st${i}`, operator: 'op0' });
  }
  must(state, { type: 'allocate', operator: 'op0', set: 's', vault: 'v', magnitude: '1' });
  for (let i = 0; i < covers; i++) {
    must(state, {
      type: 'buyCover',
      pool: 'p',
      buyer: `st${i}`,
      operator: 'op0',
      set: 's',
      amount: String(10n ** 24n),
      periodBlocks: 1000,
      premium: '1',
    });
  }
  return state;
}

function slashMicros(state: LedgerState): number {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    must(state, { type: 'slash', set: 's', operator: 'op0', vault: 'v', wad: '0.001' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return (times[samples >> 1] ?? 0) * 1000;
}

export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  let base = 0;
  for (const [n, covers] of [
    [10_000, 0],
    [10_000, 100],
    [1_000_000, 100],
  ] as const) {
    const state = coveredState(n, covers);
    global.gc?.();
    const us = slashMicros(state);
    const claims = state.insurance.claims.size;
    if (n === 10_000 && covers === 100) base = us;
    const big = n === 1_000_000;
    rows.push({
      name: `insurance: slash with ${n.toLocaleString('en-US')} delegated stakers, ${covers} covers on the target (median of ${samples})`,
      value: Number(us.toFixed(2)),
      unit: 'µs',
      note: `${claims} claims paid in ${samples} slashes`,
      ...(big ? { target: '≤ 2× the 10,000-staker case with 100 covers (O(covers), not O(stakers))', met: us <= 2 * base } : {}),
    });
  }
  return rows;
};
