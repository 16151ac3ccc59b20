import type { BaseLayer, OptimizeSettings, PricingSettings, Severity, SimulationSettings } from './scenario.js';

/** Defaults applied when a scenario file leaves a field out (documented in docs/simulate.md). */
export const scenarioDefaults = {
  serviceFaultProbability: 0.01,
  serviceSeverity: { kind: 'fixed', value: 0.1 } as Severity,
  serviceFeeRate: 0,
  operatorFaultProbability: 0.005,
  operatorSeverity: { kind: 'fixed', value: 0.05 } as Severity,
  /**
   * Illustrative, documented in docs/simulate.md: a beacon-chain slashing event in 1 period of
   * 1,000 that hits a tenth of the pods, each losing 1/32 (the initial slashing penalty of a
   * 32 ETH validator), plus 1 in 10,000 for a pod's own validators.
   */
  baseLayer: { probability: 0.001, faultProbability: 0.1, severity: { kind: 'fixed', value: 1 / 32 }, idiosyncraticProbability: 0.0001 } as BaseLayer,
  simulation: { scenarios: 100_000, seed: 1, levels: [0.95, 0.99], lossThresholds: [0.01, 0.05, 0.1] } as SimulationSettings,
  pricing: { targetReturn: 0.03, costOfCapital: 0.1, tailLevel: 0.99, loading: 0 } as PricingSettings,
  optimize: {
    budget: 1,
    lambda: 1,
    level: 0.95,
    scenarios: 5_000,
    mode: 'unique',
    candidates: 200,
    maxPerPair: 0.1,
    maxPerOperator: 0.2,
    maxPerService: 0.3,
    minServiceStake: {},
  } as OptimizeSettings,
} as const;
