/** Scenario files, Monte Carlo, pricing and the allocation optimiser (docs/simulate.md). */
export const scenarioCodes = {
  SCENARIO_INVALID: 'The scenario file is not valid',
  SCENARIO_NETWORK_INVALID: 'The network of the scenario is not valid',
  SCENARIO_UNKNOWN_REFERENCE: 'The scenario refers to an unknown operator, service, factor or position',
  SCENARIO_DUPLICATE_ID: 'An id appears twice in the scenario',
  SCENARIO_LOADINGS_TOO_LARGE: 'The squared factor loadings of an entity must sum to less than 1',
  SCENARIO_POSITION_CYCLE: 'Positions hold each other in a cycle',
  SCENARIO_HOLDING_EXCEEDS_STAKE: 'A position holds more of an operator than its stake (or more of an allocation than its amount)',
  SCENARIO_BOUND: 'The scenario exceeds a size bound',
  OPTIMIZE_INFEASIBLE: 'The allocation constraints cannot all be met',
  OPTIMIZE_FAILED: 'The allocation solver failed',
} as const;
