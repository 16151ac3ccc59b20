import type { AllocationDiff } from '../optimize/allocationDiff.js';
import { proven, type Stamp } from './figure.js';
import type { AllocationFigures, RiskMetrics } from './riskMetrics.js';

const num = (x: number): string =>
  Number.isFinite(x)
    ? x
        .toPrecision(12)
        .replace(/\.?0+$/, '')
        .replace(/\.?0+e/, 'e')
    : '0';

export function allocationFigures(d: AllocationDiff, at: Stamp): AllocationFigures {
  return {
    movedShare: proven(at, num(d.movedShare)),
    moves: proven(at, d.moves.length),
    feeYieldBefore: proven(at, num(d.before.feeYield)),
    feeYieldAfter: proven(at, num(d.after.feeYield)),
    cvarBefore: proven(at, num(d.before.cvar)),
    cvarAfter: proven(at, num(d.after.cvar)),
    expectedLossBefore: proven(at, num(d.before.expectedLoss)),
    expectedLossAfter: proven(at, num(d.after.expectedLoss)),
  };
}

/** Metrics with the allocation figures of `target` (a vault or LRT id) set. */
export function withAllocationFigures(m: RiskMetrics, target: string, f: AllocationFigures): RiskMetrics {
  return { ...m, allocations: { ...(m.allocations ?? {}), [target]: f } };
}
