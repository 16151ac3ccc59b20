import { lookThroughExposure, totalExposure, type ExposureTarget } from '../../core/lrt/lookThroughExposure.js';
import type { LedgerState } from '../../core/state/state.js';
import { exact, type Figure, type Stamp } from './figure.js';
import type { ExposureMetrics } from './riskMetrics.js';

/** Look-through slashable exposure of a vault, an LRT or a staker (SPEC §10), exact, per operator and set. */
export function exposureMetrics(state: LedgerState, target: ExposureTarget, at: Stamp): ExposureMetrics {
  const e = lookThroughExposure(state, target);
  const byOperator: Record<string, Record<string, Figure<string>>> = {};
  for (const [op, bySet] of e) {
    const sets: Record<string, Figure<string>> = {};
    for (const [set, x] of bySet) if (x.sign() > 0) sets[set] = exact(at, x);
    if (Object.keys(sets).length > 0) byOperator[op] = sets;
  }
  return { total: exact(at, totalExposure(e)), byOperator };
}

/** Deepest LRT nesting of the state (0 without LRTs). */
export function lrtDepth(state: LedgerState): number {
  let d = 0;
  for (const l of state.lrts.lrts.values()) d = Math.max(d, l.depth);
  return d;
}
