import { fail, ok, type Result } from '../../errors/result.js';
import type { Network } from '../network.js';
import { parseNetwork } from '../parseNetwork.js';
import type { LedgerNetwork } from '../readNetworkFile.js';
import { derivePositions } from './derivePositions.js';
import { resolveFactors } from './resolveFactors.js';
import { resolvePositions } from './resolvePositions.js';
import type { EntityFault, Scenario, ServiceFault, Severity } from './scenario.js';
import { scenarioBounds } from './scenarioBounds.js';
import { scenarioDefaults as D } from './scenarioDefaults.js';
import { scenarioSchema, type RawSeverity } from './scenarioSchema.js';

/**
 * Loads a network referenced by path (the caller does the I/O, e.g. with readNetworkSource). A
 * command log may come with its ledger state: positions are then derived from it.
 */
export type NetworkLoader = (path: string) => Result<Network | LedgerNetwork>;

/**
 * Validates a scenario value (parsed from YAML/JSON) strictly into a `Scenario`: unknown fields,
 * unknown references, duplicate ids, loadings with Σa² ≥ 1, position cycles and size bounds are
 * all returned as coded errors.
 */
export function parseScenario(raw: unknown, loadNetwork: NetworkLoader): Result<Scenario> {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('SCENARIO_INVALID', `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const r = parsed.data;
  const net = typeof r.network === 'string' ? loadNetwork(r.network) : parseNetwork(r.network);
  if (!net.ok) return net;
  const network: Network = 'ledger' in net.value ? net.value.network : net.value;
  const ledger = 'ledger' in net.value ? net.value.ledger : null;
  const sim = { ...D.simulation, ...stripUndefined(r.simulation ?? {}) };
  const bounded = checkSimulationBounds(sim, r.factors.length);
  if (!bounded.ok) return bounded;
  const svcOver = overrides(r.services, new Set(network.services.map((s) => s.id)), 'services');
  if (!svcOver.ok) return svcOver;
  const opOver = overrides(r.operators, new Set(network.operators.map((o) => o.id)), 'operators');
  if (!opOver.ok) return opOver;
  const loadings = resolveFactors(r.factors, network, svcOver.value, opOver.value);
  if (!loadings.ok) return loadings;
  const { services, operators } = faultsOf({ raw: r, network, services: svcOver.value, operators: opOver.value, loadings: loadings.value });
  const bad = [...services, ...operators].find((e) => e.severity.kind === 'uniform' && e.severity.min > e.severity.max);
  if (bad) return fail('SCENARIO_INVALID', `${bad.id}: uniform severity needs min ≤ max`);
  // a command log's ledger: its stakers, vaults, LRTs and pools become positions (hand-written ones win)
  const derived = ledger ? derivePositions(ledger, r.positions, sim.scenarios) : null;
  const positions = resolvePositions([...(derived?.positions ?? []), ...r.positions], network, sim.scenarios);
  if (!positions.ok) return positions;
  // the base layer exists for native positions (defaults) or when the file sets it
  const native = positions.value.some((p) => (p.native ?? 0) > 0);
  const baseLayer = native || r.baseLayer ? { ...D.baseLayer, ...stripUndefined(r.baseLayer ?? {}) } : undefined;
  const optimize = { ...D.optimize, ...stripUndefined(r.optimize ?? {}) };
  const optimizable = checkOptimize(optimize, network);
  if (!optimizable.ok) return optimizable;
  return ok({
    network,
    factors: r.factors.map((f) => ({ id: f.id, kind: f.kind, shockProbability: f.shock?.probability ?? null })),
    services,
    operators,
    positions: positions.value,
    ...(derived ? { derivedPositions: derived.summary } : {}),
    ...(baseLayer ? { baseLayer } : {}),
    simulation: sim,
    pricing: { ...D.pricing, ...stripUndefined(r.pricing ?? {}) },
    optimize,
  });
}

/** The simulation's size bounds (named in scenarioBounds). */
function checkSimulationBounds(sim: Scenario['simulation'], factors: number): Result<true> {
  if (sim.scenarios > scenarioBounds.scenariosMax)
    return fail('SCENARIO_BOUND', `simulation.scenarios at most ${scenarioBounds.scenariosMax}`);
  if (sim.levels.length > scenarioBounds.levelsMax || sim.lossThresholds.length > scenarioBounds.thresholdsMax) {
    return fail('SCENARIO_BOUND', `at most ${scenarioBounds.levelsMax} levels and ${scenarioBounds.thresholdsMax} thresholds`);
  }
  if (factors > scenarioBounds.factorsMax) return fail('SCENARIO_BOUND', `at most ${scenarioBounds.factorsMax} factors`);
  return ok(true);
}

/** The optimiser's references and size bounds. */
function checkOptimize(optimize: Scenario['optimize'], network: Network): Result<true> {
  for (const id of Object.keys(optimize.minServiceStake)) {
    if (!network.services.some((s) => s.id === id)) return fail('SCENARIO_UNKNOWN_REFERENCE', `optimize.minServiceStake: service ${id}`);
  }
  if (
    optimize.scenarios > scenarioBounds.optimizeScenariosMax ||
    optimize.candidates > scenarioBounds.optimizeCandidatesMax ||
    optimize.scenarios * optimize.candidates > scenarioBounds.optimizeCellsMax
  ) {
    return fail(
      'SCENARIO_BOUND',
      `optimize: at most ${scenarioBounds.optimizeScenariosMax} scenarios, ${scenarioBounds.optimizeCandidatesMax} candidates and ${scenarioBounds.optimizeCellsMax} scenarios × candidates`,
    );
  }
  return ok(true);
}

type RawScenario = Extract<ReturnType<typeof scenarioSchema.safeParse>, { success: true }>['data'];
type Loadings = Extract<ReturnType<typeof resolveFactors>, { ok: true }>['value'];

/** Each service's and operator's fault model: its override, else the file's default, else the built-in default. */
function faultsOf(o: {
  raw: RawScenario;
  network: Network;
  services: Map<string, RawScenario['services'][number]>;
  operators: Map<string, RawScenario['operators'][number]>;
  loadings: Loadings;
}): { services: ServiceFault[]; operators: EntityFault[] } {
  const sd = o.raw.defaults?.service ?? {};
  const od = o.raw.defaults?.operator ?? {};
  const services: ServiceFault[] = o.network.services.map((s, i) => {
    const v = o.services.get(s.id);
    return {
      id: s.id,
      faultProbability: v?.faultProbability ?? sd.faultProbability ?? D.serviceFaultProbability,
      severity: severity(v?.severity ?? sd.severity) ?? D.serviceSeverity,
      feeRate: v?.feeRate ?? sd.feeRate ?? D.serviceFeeRate,
      loadings: o.loadings.services[i] ?? [],
      shocks: o.loadings.serviceShocks[i] ?? [],
    };
  });
  const operators: EntityFault[] = o.network.operators.map((op, i) => {
    const v = o.operators.get(op.id);
    return {
      id: op.id,
      faultProbability: v?.faultProbability ?? od.faultProbability ?? D.operatorFaultProbability,
      severity: severity(v?.severity ?? od.severity) ?? D.operatorSeverity,
      loadings: o.loadings.operators[i] ?? [],
      shocks: o.loadings.operatorShocks[i] ?? [],
    };
  });
  return { services, operators };
}

function severity(s: RawSeverity | undefined): Severity | undefined {
  return s;
}

function overrides<T extends { id: string }>(list: readonly T[], known: Set<string>, field: string): Result<Map<string, T>> {
  const out = new Map<string, T>();
  for (const e of list) {
    if (!known.has(e.id)) return fail('SCENARIO_UNKNOWN_REFERENCE', `${field}: ${e.id} is not in the network`);
    if (out.has(e.id)) return fail('SCENARIO_DUPLICATE_ID', `${field}: ${e.id}`);
    out.set(e.id, e);
  }
  return ok(out);
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
