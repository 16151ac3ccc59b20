// Ledger throughput, slash cost versus the number of delegated stakers, memory per position.
import { applyInPlace } from '../src/core/apply.js';
import { createState, type LedgerState } from '../src/core/state/state.js';
import type { BenchRow, BenchRun } from './types.js';

type Cmd = Record<string, unknown>;

function genesis(operators: number): Cmd[] {
  const cmds: Cmd[] = [
    { type: 'configure', withdrawalDelayBlocks: 50, deallocationDelayBlocks: 50, allocationConfigurationDelayBlocks: 50 },
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
  ];
  for (let i = 0; i < operators; i++) {
    cmds.push({ type: 'registerOperator', operator: `op${i}` }, { type: 'registerForOperatorSet', operator: `op${i}`, set: 's' });
  }
  return cmds;
}

function applyAll(state: LedgerState, cmds: readonly Cmd[]): number {
  let failed = 0;
  for (const c of cmds) if (!applyInPlace(state, c).ok) failed++;
  return failed;
}

/** A realistic mix: deposits, delegations, allocations, slashes, withdrawals, clock moves. */
function mixedCommands(n: number, stakers: number, operators: number): Cmd[] {
  const cmds: Cmd[] = [];
  let seed = 12345;
  const rnd = (k: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % k;
  let queued = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd(100);
    const staker = `st${rnd(stakers)}`;
    const op = `op${rnd(operators)}`;
    if (r < 40) cmds.push({ type: 'deposit', staker, vault: 'v', amount: String(1_000_000 + rnd(1_000_000)) });
    else if (r < 55) cmds.push({ type: 'delegate', staker, operator: op });
    else if (r < 65) cmds.push({ type: 'allocate', operator: op, set: 's', vault: 'v', magnitude: String(1 + rnd(10 ** 9)) });
    else if (r < 72) cmds.push({ type: 'slash', set: 's', operator: op, vault: 'v', wad: '1000000000000000' });
    else if (r < 85) cmds.push({ type: 'queueWithdrawal', staker, vault: 'v', shares: String(1 + rnd(100_000)) });
    else if (r < 95) cmds.push({ type: 'completeWithdrawal', staker, withdrawal: `w${1 + rnd(++queued)}` });
    else cmds.push({ type: 'advance', blocks: 1 + rnd(10) });
  }
  return cmds;
}

export function throughput(): BenchRow[] {
  const state = createState();
  applyAll(state, genesis(200));
  applyAll(state, mixedCommands(200_000, 20_000, 200)); // warm-up and population
  const cmds = mixedCommands(500_000, 20_000, 200);
  const t0 = performance.now();
  const failed = applyAll(state, cmds);
  const s = (performance.now() - t0) / 1000;
  const perSecond = Math.round(cmds.length / s);
  return [
    {
      name: 'ledger: mixed commands (parse + check + apply), in memory, one core',
      value: perSecond,
      unit: 'commands/s',
      target: '≥ 100,000/s',
      met: perSecond >= 100_000,
      note: `${cmds.length} commands, ${failed} rejected by preconditions (counted)`,
    },
  ];
}

/** State with `n` stakers delegated to one operator that has allocated to the set. */
function delegatedState(n: number): LedgerState {
  const state = createState();
  applyAll(state, genesis(1));
  for (let i = 0; i < n; i++) {
    applyInPlace(state, { type: 'deposit', staker: `st${i}`, vault: 'v', amount: '1000000000000000000' });
    applyInPlace(state, { type: 'delegate', staker: `st${i}`, operator: 'op0' });
  }
  applyInPlace(state, { type: 'allocate', operator: 'op0', set: 's', vault: 'v', magnitude: '1' });
  return state;
}

function slashMicros(state: LedgerState): number {
  const times: number[] = [];
  for (let i = 0; i < 201; i++) {
    const t0 = performance.now();
    const out = applyInPlace(state, { type: 'slash', set: 's', operator: 'op0', vault: 'v', wad: '0.001' });
    times.push(performance.now() - t0);
    if (!out.ok) throw new Error(out.error.message);
  }
  times.sort((a, b) => a - b);
  return (times[100] ?? 0) * 1000;
}

function slashScaling(): BenchRow[] {
  const rows: BenchRow[] = [];
  let base = 0;
  for (const n of [10, 10_000, 1_000_000]) {
    const state = delegatedState(n);
    const us = slashMicros(state);
    if (n === 10) base = us;
    rows.push({
      name: `slash one operator with ${n.toLocaleString('en-US')} delegated stakers (median of 201)`,
      value: Number(us.toFixed(2)),
      unit: 'µs',
      ...(n === 1_000_000 ? { target: '≤ 2× the 10-staker case', met: us <= 2 * base } : {}),
    });
  }
  return rows;
}

function memoryPerPosition(): BenchRow[] {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const n = 200_000;
  const state = delegatedState(n);
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  void state.stakers.size;
  return [
    {
      name: 'memory per delegated staker position (staker record + one vault position)',
      value: Math.round((after - before) / n),
      unit: 'bytes',
      note: global.gc ? 'heap delta after gc, 200,000 stakers' : 'heap delta without --expose-gc (noisier)',
    },
  ];
}

export const run: BenchRun = async () => [...throughput(), ...slashScaling(), ...memoryPerPosition()];
