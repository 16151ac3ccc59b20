import type { CompiledModel } from '../montecarlo/model.js';
import type { MonteCarloReport } from '../montecarlo/simulate.js';
import type { Scenario } from '../scenario/scenario.js';

export interface ServiceFeeQuote {
  readonly id: string;
  readonly feeRate: number;
  /** Expected loss per period of the stake securing the service, per unit of that stake. */
  readonly expectedLossRate: number;
  /** r* + expectedLossRate: the fee if the service's stake earned nothing else. */
  readonly standaloneFee: number;
  /** The fee making restakers securing the service earn r* net of expected loss, counting their other fees. */
  readonly requiredFee: number;
  /** feeRate − requiredFee (negative: underpaying). */
  readonly gap: number;
}

/**
 * Service fee needed for a target risk-adjusted return r* (docs/pricing.md). With
 * κ_s = Σ_o w_os² / (W_s·S_o) and the stake-weighted net yield of the operators' other business
 * B_s = Σ_o (w_os/W_s)·(φ_o − f_s·w_os/S_o − EL_o/S_o): requiredFee = max(0, (r* − B_s) / κ_s).
 */
export function requiredServiceFees(
  scenario: Scenario,
  m: CompiledModel,
  report: MonteCarloReport,
  opFeeRate: Float64Array,
): ServiceFeeQuote[] {
  const r = scenario.pricing.targetReturn;
  return scenario.services.map((svc, s) => {
    const W = m.svcStake[s]!;
    const elr = W > 0 ? (report.services[s]?.expectedLoss ?? 0) / W : 0;
    let kappa = 0;
    let other = 0;
    for (let k = m.svcEdgeStart[s]!; k < m.svcEdgeStart[s + 1]!; k++) {
      const o = m.svcEdgeOp[k]!;
      const S = m.opStake[o]!;
      const w = edgeAmount(m, o, s);
      if (W <= 0 || S <= 0) continue;
      kappa += (w * w) / (W * S);
      const elo = report.operators[o]?.expectedLoss ?? 0;
      other += (w / W) * (opFeeRate[o]! - (svc.feeRate * w) / S - elo / S);
    }
    const requiredFee = kappa > 0 ? Math.max(0, (r - other) / kappa) : r + elr;
    return { id: svc.id, feeRate: svc.feeRate, expectedLossRate: elr, standaloneFee: r + elr, requiredFee, gap: svc.feeRate - requiredFee };
  });
}

function edgeAmount(m: CompiledModel, o: number, s: number): number {
  for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) if (m.edgeSvc[e] === s) return m.edgeAmt[e]!;
  return 0;
}
