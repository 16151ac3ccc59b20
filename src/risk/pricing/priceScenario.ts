import type { MonteCarloRaw } from '../montecarlo/runMonteCarlo.js';
import type { CompiledModel } from '../montecarlo/model.js';
import type { MonteCarloReport } from '../montecarlo/simulate.js';
import type { Scenario } from '../scenario/scenario.js';
import { feeYields } from './feeYields.js';
import { insurancePremium, type PremiumQuote } from './insurancePremium.js';
import { requiredServiceFees, type ServiceFeeQuote } from './requiredServiceFees.js';

export interface PositionPricing {
  readonly id: string;
  readonly kind: string;
  readonly value: number;
  readonly feeYield: number;
  readonly expectedLossRate: number;
  /** feeYield − expectedLossRate (SPEC §6). */
  readonly riskAdjustedYield: number;
  /** (fee − EL) / (ES_tail − EL): return on the capital the tail needs; null when no tail. */
  readonly returnOnRiskCapital: number | null;
  /** Full cover of the position (deductible 0, limit = value). */
  readonly fullCover: PremiumQuote;
}

export interface CoverPricing extends PremiumQuote {
  readonly pool: string;
  readonly position: string;
  readonly deductible: number;
  readonly limit: number;
}

export interface PricingReport {
  readonly settings: Scenario['pricing'];
  readonly positions: readonly PositionPricing[];
  readonly covers: readonly CoverPricing[];
  readonly services: readonly ServiceFeeQuote[];
  readonly operators: readonly {
    readonly id: string;
    readonly feeYield: number;
    readonly expectedLossRate: number;
    readonly riskAdjustedYield: number;
  }[];
}

/** Risk pricing from a Monte Carlo run (docs/pricing.md). Pure; recompute when the state changes. */
export function priceScenario(scenario: Scenario, m: CompiledModel, report: MonteCarloReport, raw: MonteCarloRaw): PricingReport {
  const p = scenario.pricing;
  const n = raw.scenarios;
  const sample = (i: number) => raw.positions.subarray(i * n, (i + 1) * n);
  const covers: CoverPricing[] = [];
  const premiumIncome = new Array<number>(scenario.positions.length).fill(0);
  scenario.positions.forEach((pos, i) => {
    for (const c of pos.covers) {
      const q = insurancePremium(sample(c.position), c.deductible, c.limit, p);
      premiumIncome[i] = (premiumIncome[i] ?? 0) + q.premium;
      covers.push({ pool: pos.id, position: scenario.positions[c.position]?.id ?? '', deductible: c.deductible, limit: c.limit, ...q });
    }
  });
  const fees = feeYields(scenario, m, premiumIncome);
  const positions = scenario.positions.map((pos, i): PositionPricing => {
    const st = report.positions[i];
    const value = m.posValue[i]!;
    const feeYield = value > 0 ? fees.posFee[i]! / value : 0;
    const el = st?.expectedLoss ?? 0;
    const es = st?.expectedShortfall.find((x) => x.level === p.tailLevel)?.value ?? tailOf(sample(i), p.tailLevel);
    return {
      id: pos.id,
      kind: pos.kind,
      value,
      feeYield,
      expectedLossRate: value > 0 ? el / value : 0,
      riskAdjustedYield: feeYield - (value > 0 ? el / value : 0),
      returnOnRiskCapital: es - el > 0 ? (fees.posFee[i]! - el) / (es - el) : null,
      fullCover: insurancePremium(sample(i), 0, value, p),
    };
  });
  const operators = scenario.network.operators.map((op, o) => {
    const stake = m.opStake[o]!;
    const elr = stake > 0 ? (report.operators[o]?.expectedLoss ?? 0) / stake : 0;
    return { id: op.id, feeYield: fees.opFeeRate[o]!, expectedLossRate: elr, riskAdjustedYield: fees.opFeeRate[o]! - elr };
  });
  return { settings: p, positions, covers, services: requiredServiceFees(scenario, m, report, fees.opFeeRate), operators };
}

function tailOf(sample: Float64Array, level: number): number {
  return insurancePremium(sample, 0, Infinity, { targetReturn: 0, costOfCapital: 0, tailLevel: level, loading: 0 }).tailClaim;
}
