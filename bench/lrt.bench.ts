// LRT benchmarks: a slash under a 3-layer LRT stack, NAV, and look-through exposure of the top vault.
import { performance } from 'node:perf_hooks';
import { applyInPlace } from '../src/core/apply.js';
import { lookThroughExposure } from '../src/core/lrt/lookThroughExposure.js';
import { lrtNav } from '../src/core/lrt/lrtNav.js';
import { createState, type LedgerState } from '../src/core/state/state.js';
import type { BenchRow, BenchRun } from './types.js';

const E = (n: number): string => (BigInt(n) * 10n ** 18n).toString();
const holders = 1_000;
const extraOperators = 1_000;
const slashes = 500;
const lookups = 500;

function must(state: LedgerState, cmd: Record<string, unknown>): void {
  const out = applyInPlace(state, cmd);
  if (!out.ok) throw new Error(`${String(cmd['type'])}: ${out.error.message}`);
}

function operatorWithSet(state: LedgerState, op: string, set: string, vaults: string[]): void {
  must(state, { type: 'registerOperator', operator: op, allocationMode: 'elastic' });
  must(state, { type: 'createService', service: `svc-${set}` });
  must(state, { type: 'createOperatorSet', service: `svc-${set}`, set, vaults });
  must(state, { type: 'registerForOperatorSet', operator: op, set });
}

/**
 * L1 over stETH (2 operators), L2 over T1 (2 operators), L3 over T2 (2 operators); `holders`
 * accounts deposit into L1, half of it flows into L2 and a quarter into L3; the L3 token is
 * re-hypothecated in vault vTop; plus `extraOperators` idle operators (vault exposure scans them).
 */
export function build(): LedgerState {
  const s = createState();
  must(s, { type: 'configure', withdrawalDelayBlocks: 10, deallocationDelayBlocks: 10, allocationConfigurationDelayBlocks: 5 });
  must(s, { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3000', kind: 'lst' });
  let asset = 'stETH';
  for (let layer = 1; layer <= 3; layer++) {
    const ops = [`a${layer}`, `b${layer}`];
    must(s, { type: 'createVault', vault: `v${layer}`, asset });
    ops.forEach((op, i) => operatorWithSet(s, op, `s${layer}${i}`, [`v${layer}`]));
    must(s, {
      type: 'createLrt',
      lrt: `L${layer}`,
      asset,
      token: `T${layer}`,
      manager: 'm',
      operators: ops.map((operator, i) => ({ operator, vault: `v${layer}`, weight: i + 1 })),
    });
    for (let h = 0; h < holders; h++) must(s, { type: 'depositLrt', lrt: `L${layer}`, account: `h${h}`, amount: E(2 ** (4 - layer)) });
    ops.forEach((op, i) => must(s, { type: 'allocate', operator: op, set: `s${layer}${i}`, vault: `v${layer}`, magnitude: '0.5' }));
    asset = `T${layer}`;
  }
  must(s, { type: 'createVault', vault: 'vTop', asset: 'T3' });
  operatorWithSet(s, 'top', 'sTop', ['vTop']);
  for (let h = 0; h < holders; h++) {
    must(s, { type: 'depositLrtTokens', staker: `h${h}`, vault: 'vTop', amount: E(1) });
    must(s, { type: 'delegate', staker: `h${h}`, operator: 'top' });
  }
  must(s, { type: 'allocate', operator: 'top', set: 'sTop', vault: 'vTop', magnitude: '0.5' });
  for (let i = 0; i < extraOperators; i++) must(s, { type: 'registerOperator', operator: `x${i}` });
  return s;
}

/** Median over `rounds` of the mean time per call (µs) of `f`, after one warm-up round; the machine is shared. */
function timeUs(f: () => void, calls: number, rounds = 5): number {
  const means: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) f();
    if (r > 0) means.push(((performance.now() - t) / calls) * 1000);
  }
  means.sort((a, b) => a - b);
  return means[Math.floor(means.length / 2)] ?? 0;
}

export const run: BenchRun = async () => {
  const state = build();
  const rows: BenchRow[] = [];
  const l1 = state.lrts.lrts.get('L1');
  if (!l1) throw new Error('L1 exists');
  const nav0 = lrtNav(state, l1);
  const slashUs = timeUs(() => must(state, { type: 'slash', set: 's10', operator: 'a1', vault: 'v1', wad: '0.001' }), slashes / 5);
  const nav1 = lrtNav(state, l1);
  rows.push({
    name: 'lrt: slash under a 3-layer LRT stack',
    value: slashUs,
    unit: 'µs/slash',
    note: `${holders} holders per layer (a slash writes nothing per holder); NAV(L1) fell ${nav0 - nav1} wei over ${(slashes / 5) * 6} slashes`,
  });
  const vaultUs = timeUs(() => lookThroughExposure(state, { kind: 'vault', id: 'vTop' }), lookups);
  rows.push({
    name: 'lrt: lookThroughExposure(vault of L3 token, 3 layers)',
    value: vaultUs,
    unit: 'µs/call',
    note: `scans all ${extraOperators + 7} operators for the top vault`,
  });
  const lrtUs = timeUs(() => lookThroughExposure(state, { kind: 'lrt', id: 'L3' }), lookups);
  rows.push({ name: 'lrt: lookThroughExposure(L3, 3 layers)', value: lrtUs, unit: 'µs/call' });
  const depositUs = timeUs(() => must(state, { type: 'depositLrt', lrt: 'L3', account: 'h0', amount: '1000000' }), lookups / 5);
  rows.push({ name: 'lrt: depositLrt (2 targets, NAV through 3 layers)', value: depositUs, unit: 'µs/command' });
  return rows;
};
