import { lookThroughExposure, totalExposure } from '../../core/lrt/lookThroughExposure.js';
import type { LedgerState } from '../../core/state/state.js';
import type { CurrentAllocation } from '../../risk/optimize/allocationDiff.js';
import { networkFromLedger } from '../../risk/networkFromLedger.js';
import { networkJson } from '../../risk/networkJson.js';
import { derivePositions } from '../../risk/scenario/derivePositions.js';

/** Scenarios of the live Monte Carlo and pricing jobs (fixed seed: the same state gives the same bits). */
export const liveScenarios = 20_000;

/**
 * Illustrative fault model of the live jobs (docs/metrics.md, docs/server.md): the server has no
 * scenario file, so every service and operator gets these defaults. The CLI takes any scenario file.
 */
export const liveFaultModel = {
  defaults: {
    service: { faultProbability: 0.01, severity: { kind: 'beta', alpha: 2, beta: 8, scale: 1 }, feeRate: 0.02 },
    operator: { faultProbability: 0.005, severity: { kind: 'uniform', min: 0.01, max: 0.1 } },
  },
  simulation: { scenarios: liveScenarios, seed: 1, levels: [0.95, 0.99], lossThresholds: [0.001, 0.01, 0.05] },
} as const;

/** The Monte Carlo input of a state: its network view inline and the live fault model. */
export function liveMonteCarloDoc(state: LedgerState): Record<string, unknown> {
  return { network: networkJson(networkFromLedger(state)), ...liveFaultModel };
}

/**
 * The pricing input of a state: the network, the live fault model and the positions derived from
 * the ledger (stakers, vaults, LRTs, insurance pools and their covers), inline so that the job runs
 * anywhere from its input alone. A scenario file states no position value, so a position is valued
 * at its slashable exposure: its rates are per unit of exposure.
 */
export function livePricingDoc(state: LedgerState): Record<string, unknown> {
  const { positions } = derivePositions(state, [], liveScenarios);
  return {
    ...liveMonteCarloDoc(state),
    positions: positions.map((p) => ({
      id: p.id,
      kind: p.kind,
      holdings: p.holdings,
      covers: p.covers,
      ...(p.capital !== undefined && p.capital > 0 ? { capital: p.capital } : {}),
      ...(p.native !== undefined ? { native: p.native } : {}),
    })),
  };
}

/** Caps of the live allocation: the scenario defaults, loosened so that a small network can hold the whole budget. */
export function liveAllocationCaps(pairs: number, operators: number, services: number): Record<string, number> {
  // Twice the share an even spread needs: a cap below 1/count would make the program infeasible.
  const cap = (floor: number, count: number): number => Math.min(1, Math.max(floor, 2 / Math.max(1, count)));
  return { maxPerPair: cap(0.1, pairs), maxPerOperator: cap(0.2, operators), maxPerService: cap(0.3, services) };
}

/** One line of a current allocation: the optimiser's float amount and the ledger's exact figure beside it. */
export interface ExactAllocationLine extends CurrentAllocation {
  /** The same amount exactly ("p/q" or an integer, as `/v1/vaults/{id}` shows exposure rows). */
  readonly exact: string;
}

/**
 * A vault's or LRT's current allocation (look-through slashable exposure per operator and set) and
 * its total. `amount` is a float because the optimiser (an LP over sampled losses) works in floats;
 * `exact` keeps the ledger's figure for anyone who reads the answer as money.
 */
export function currentAllocation(
  state: LedgerState,
  target: { kind: 'vault' | 'lrt'; id: string },
): { lines: ExactAllocationLine[]; total: number } {
  const e = lookThroughExposure(state, target);
  const lines: ExactAllocationLine[] = [];
  for (const [operator, bySet] of e)
    for (const [service, x] of bySet) if (x.sign() > 0) lines.push({ operator, service, amount: x.toNumber(), exact: x.toString() });
  return { lines, total: totalExposure(e).toNumber() };
}

/**
 * The optimiser input of a vault/LRT: the network, the live fault model and its budget (the
 * current exposure, so before and after are the same size), with caps that fit the network.
 */
export function liveAllocationDoc(state: LedgerState, budget: number): Record<string, unknown> {
  const network = networkJson(networkFromLedger(state));
  const count = (k: string) => (Array.isArray(network[k]) ? (network[k] as unknown[]).length : 0);
  return {
    network,
    ...liveFaultModel,
    optimize: { budget, ...liveAllocationCaps(count('allocations'), count('operators'), count('services')) },
  };
}
