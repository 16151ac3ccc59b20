import type { CompiledModel } from '../montecarlo/model.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Fee income per period. A service pays feeRate_s on the stake allocated to it; an operator's
 * stake earns φ_o = Σ_s w_os·f_s / S_o (in elastic restaking the same stake earns several fees);
 * a position earns its holdings' φ_o (an allocation holding: its service's f_s) and its share of
 * the positions it holds.
 * Returns fee amounts (numeraire per period).
 */
export function feeYields(scenario: Scenario, m: CompiledModel, premiums: readonly number[] = []) {
  const fee = scenario.services.map((s) => s.feeRate);
  const opFeeRate = new Float64Array(m.nOps);
  for (let o = 0; o < m.nOps; o++) {
    let f = 0;
    for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) f += m.edgeAmt[e]! * (fee[m.edgeSvc[e]!] ?? 0);
    opFeeRate[o] = m.opStake[o]! > 0 ? f / m.opStake[o]! : 0;
  }
  const posFee = new Float64Array(m.nPos);
  scenario.positions.forEach((p, i) => {
    let f = premiums[i] ?? 0;
    for (const h of p.holdings) {
      if (h.kind === 'operator') f += h.amount * opFeeRate[h.operator]!;
      else if (h.kind === 'allocation') f += h.amount * (fee[h.service] ?? 0);
      else f += h.share * posFee[h.position]!;
    }
    posFee[i] = f;
  });
  return { serviceFeeRate: fee, opFeeRate, posFee };
}
