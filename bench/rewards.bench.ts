// Rewards (SPEC §3.6): distribution and claim cost versus the number of delegated stakers.
// O(1) in stakers: submitRewards touches (operator, vault) accumulators only; a claim settles
// one staker's checkpoints.
import { applyInPlace } from '../src/core/apply.js';
import { createState, type LedgerState } from '../src/core/state/state.js';
import type { BenchRow, BenchRun } from './types.js';

type Cmd = Record<string, unknown>;
const operators = 10;
const samples = 201;

function must(state: LedgerState, c: Cmd): void {
  const out = applyInPlace(state, c);
  if (!out.ok) throw new Error(`${String(c['type'])}: ${out.error.message}`);
}

/** `n` stakers spread over 10 operators (default 10% commission), each operator fully allocated to the set. */
function rewardedState(n: number): LedgerState {
  const state = createState();
  for (const c of [
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
    { type: 'registerAsset', asset: 'USDC', decimals: 6, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
  ])
    must(state, c);
  for (let i = 0; i < operators; i++) {
    must(state, { type: 'registerOperator', operator: `op${i}` });
    must(state, { type: 'registerForOperatorSet', operator: `op${i}`, set: 's' });
  }
  for (let i = 0; i < n; i++) {
    must(state, { type: 'deposit', staker: `st${i}`, vault: 'v', amount: String(10n ** 18n + BigInt(i)) });
    must(state, { type: 'delegate', staker: `st${i}`, operator: `op${i % operators}` });
  }
  for (let i = 0; i < operators; i++) must(state, { type: 'allocate', operator: `op${i}`, set: 's', vault: 'v', magnitude: '1' });
  must(state, { type: 'submitRewards', service: 'svc', set: 's', asset: 'USDC', amount: '1000000000' }); // warm-up
  return state;
}

function medianMicros(f: (i: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    f(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return (times[samples >> 1] ?? 0) * 1000;
}

function measure(n: number): { distribute: number; claim: number } {
  const state = rewardedState(n);
  global.gc?.();
  const distribute = medianMicros(() =>
    must(state, { type: 'submitRewards', service: 'svc', set: 's', asset: 'USDC', amount: '123456789012' }),
  );
  const step = Math.max(1, Math.floor(n / samples));
  const claim = medianMicros((i) => must(state, { type: 'claimRewards', staker: `st${(i * step) % n}`, asset: 'USDC' }));
  return { distribute, claim };
}

/** The O(1) target is relative to 10,000 stakers: at 1,000 the whole ledger sits in CPU cache. */
const baseline = 10_000;

function memoryPerStaker(): BenchRow {
  const n = 200_000;
  const state = rewardedState(n);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  state.rewards.stakers.clear();
  global.gc?.();
  const freed = before - process.memoryUsage().heapUsed;
  return {
    name: 'rewards: memory per delegated staker (weights, checkpoints after one distribution)',
    value: Math.round(freed / n),
    unit: 'bytes',
    note: global.gc ? '200,000 stakers, heap freed by dropping the reward records' : 'without --expose-gc (noisier)',
  };
}

export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  let base = { distribute: 0, claim: 0 };
  for (const n of [1_000, baseline, 1_000_000]) {
    const m = measure(n);
    if (n === baseline) base = m;
    const big = n === 1_000_000;
    const label = `${n.toLocaleString('en-US')} delegated stakers, ${operators} operators (median of ${samples})`;
    const target = `≤ 2× the ${baseline.toLocaleString('en-US')}-staker case (O(1) in stakers)`;
    rows.push({
      name: `rewards: submitRewards with ${label}`,
      value: Number(m.distribute.toFixed(2)),
      unit: 'µs',
      ...(big ? { target, met: m.distribute <= 2 * base.distribute } : {}),
    });
    rows.push({
      name: `rewards: claimRewards (one staker, distinct each time) with ${label}`,
      value: Number(m.claim.toFixed(2)),
      unit: 'µs',
      ...(big
        ? { target, met: m.claim <= 2 * base.claim, note: 'each claim reads one cold staker record: cache misses, not work per staker' }
        : {}),
    });
  }
  rows.push(memoryPerStaker());
  return rows;
};
