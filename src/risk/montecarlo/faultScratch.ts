import type { CompiledModel } from './model.js';

/** Per-thread scratch for one scenario's fault events (reused; cleared after each scenario). */
export interface FaultScratch {
  readonly z: Float64Array;
  /** Fired services and their severities (svcSev is dense, zero when not fired). */
  readonly firedSvc: Int32Array;
  nFiredSvc: number;
  readonly svcSev: Float64Array;
  readonly firedOp: Int32Array;
  nFiredOp: number;
  readonly opSev: Float64Array;
  /** Scenario stamps of fired entities (an entity fires at most once per scenario). */
  readonly svcMark: Int32Array;
  readonly opMark: Int32Array;
  epoch: number;
}

export function newFaultScratch(m: CompiledModel): FaultScratch {
  return {
    z: new Float64Array(m.nFactors),
    firedSvc: new Int32Array(m.nSvc),
    nFiredSvc: 0,
    svcSev: new Float64Array(m.nSvc),
    firedOp: new Int32Array(m.nOps),
    nFiredOp: 0,
    opSev: new Float64Array(m.nOps),
    svcMark: new Int32Array(m.nSvc),
    opMark: new Int32Array(m.nOps),
    epoch: 0,
  };
}

/** Clears the events of the last scenario (only the entries that were set). */
export function clearFaults(f: FaultScratch): void {
  for (let i = 0; i < f.nFiredSvc; i++) f.svcSev[f.firedSvc[i]!] = 0;
  for (let i = 0; i < f.nFiredOp; i++) f.opSev[f.firedOp[i]!] = 0;
  f.nFiredSvc = 0;
  f.nFiredOp = 0;
}
