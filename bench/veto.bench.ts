// Veto execution cost: O(1) in the operator's stakers, O(stakers who arrived after the request)
// (SPEC §3.4: late stake does not pay, so each late staker is given its share back).
import { applyInPlace } from '../src/core/apply.js';
import { createState, type LedgerState } from '../src/core/state/state.js';
import type { BenchRun } from './types.js';

/** Stakers delegated before the request in every case. */
const oldStakers = 100_000;
/** Requests filed before the arrivals and executed one after the other (the median is reported). */
const requests = 21;
/** Late arrivals swept. */
const lateCounts = [0, 100, 10_000];

function ok(state: LedgerState, cmd: Record<string, unknown>): void {
  const r = applyInPlace(state, cmd);
  if (!r.ok) throw new Error(`bench setup: ${String(cmd['type'])} failed: ${r.error.code}`);
}

function stake(state: LedgerState, from: number, n: number): void {
  for (let i = from; i < from + n; i++) {
    ok(state, { type: 'deposit', staker: `st${i}`, vault: 'v', amount: '1000000000000000000' });
    ok(state, { type: 'delegate', staker: `st${i}`, operator: 'op' });
  }
}

function executionMicros(old: number, late: number): number {
  const state = createState();
  for (const cmd of [
    { type: 'configure', withdrawalDelayBlocks: 50, deallocationDelayBlocks: 50, allocationConfigurationDelayBlocks: 50 },
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'createService', service: 'svc' },
    {
      type: 'createOperatorSet',
      service: 'svc',
      set: 's',
      vaults: ['v'],
      slashingMode: 'veto',
      vetoWindowBlocks: 5,
      executeWindowBlocks: 5,
      resolver: 'council',
    },
    { type: 'registerOperator', operator: 'op' },
    { type: 'registerForOperatorSet', operator: 'op', set: 's' },
  ])
    ok(state, cmd);
  stake(state, 0, old);
  ok(state, { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.5' });
  for (let r = 0; r < requests; r++) ok(state, { type: 'slash', set: 's', operator: 'op', wad: '0.01' });
  stake(state, old, late); // late for every request
  ok(state, { type: 'advance', blocks: 6 });
  const times: number[] = [];
  for (let r = 1; r <= requests; r++) {
    const t0 = performance.now();
    ok(state, { type: 'executeSlash', request: `r${r}` });
    times.push((performance.now() - t0) * 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(requests / 2)]!;
}

export const run: BenchRun = async () => {
  for (let i = 0; i < 20; i++) executionMicros(10, i % 3); // warm the code paths (JIT) first
  const micros = lateCounts.map((late) => executionMicros(oldStakers, late));
  return lateCounts.map((late, i) => ({
    name: `veto: executeSlash with ${oldStakers.toLocaleString('en-US')} stakers and ${late.toLocaleString('en-US')} arrivals since the request (median of ${requests})`,
    value: micros[i]!,
    unit: 'µs',
    note:
      late === 0
        ? 'nothing per staker: like an instant slash'
        : `${((micros[i]! - micros[0]!) / late).toFixed(2)} µs per late staker given its share back`,
  }));
};
