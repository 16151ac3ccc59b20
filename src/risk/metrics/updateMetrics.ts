import { indexNetwork, type IndexedNetwork } from '../indexNetwork.js';
import { lrtExposures, vaultExposures, type MetricsInput, type MetricsSnapshot } from './computeMetrics.js';
import { dirtyEntities } from './dirtyEntities.js';
import { operatorMetrics, serviceMetrics } from './entityMetrics.js';
import { lrtDepth } from './exposureMetrics.js';
import { changedFigures, flattenFigures, restampTree } from './figureTree.js';
import { certificateFailures, heuristicSecurityMetrics, structuralMetrics, type StructuralMetrics } from './networkMetrics.js';
import type { ExposureMetrics, NetworkMetrics, RiskMetrics } from './riskMetrics.js';
import { vaultPrints } from './vaultPrints.js';

export interface MetricsUpdate {
  readonly snapshot: MetricsSnapshot;
  /** Figure paths ('/services/x/stake', …) whose value, proof status or bounds changed. */
  readonly changed: readonly string[];
  /** The heuristic security figures were deferred (`deferSecurity`) and still describe an earlier state. */
  readonly securityPending: boolean;
  /** Entities whose figures were recomputed (the others were only restamped). */
  readonly recomputed: {
    readonly network: boolean;
    readonly operators: readonly string[];
    readonly services: readonly string[];
    readonly vaults: readonly string[];
    readonly lrts: readonly string[];
  };
}

/**
 * Which entities a change touches. Operator v's figures read its stake and edges and, through the certificate,
 * the W_s, PfC_s and α_s of its services; service s's figures read its edges and, through contagion, the stakes
 * and other edges of its operators. So: operators = changed operators ∪ operators on changed services (before or
 * after); services = changed services ∪ services of changed operators (before or after).
 */
function affected(before: IndexedNetwork, after: IndexedNetwork): { operators: Set<string>; services: Set<string> } {
  const d = dirtyEntities(before, after);
  const operators = new Set(d.operators);
  const services = new Set(d.services);
  for (const ix of [before, after]) {
    const svcIdx = new Map(ix.svcIds.map((id, s) => [id, s] as const));
    const opIdx = new Map(ix.opIds.map((id, v) => [id, v] as const));
    for (const id of d.services) for (const e of ix.edgesOfSvc[svcIdx.get(id) ?? -1] ?? []) operators.add(ix.opIds[ix.edges[e]!.op]!);
    for (const id of d.operators) for (const e of ix.edgesOfOp[opIdx.get(id) ?? -1] ?? []) services.add(ix.svcIds[ix.edges[e]!.svc]!);
  }
  return { operators, services };
}

function rebuild<T>(
  ids: readonly string[],
  prev: Readonly<Record<string, T>>,
  dirty: ReadonlySet<string>,
  compute: (id: string, i: number) => T,
  at: MetricsInput['at'],
): Record<string, T> {
  return Object.fromEntries(ids.map((id, i) => [id, dirty.has(id) || !(id in prev) ? compute(id, i) : restampTree(prev[id]!, at)]));
}

export interface UpdateOptions {
  /**
   * Leave the network's heuristic security figures (the costliest fast figures: a global search) as they were,
   * with their old stamp, when the network changed; `completeSecurity` computes them afterwards. Live risk
   * publishes the rest first. Default false.
   */
  readonly deferSecurity?: boolean;
}

/** The network figures after a change: structural ones recomputed or restamped, security ones also, or deferred. */
function networkFigures(
  prev: MetricsSnapshot,
  ix: IndexedNetwork,
  at: MetricsInput['at'],
  o: { dirty: boolean; depth: number | null; failures: number; defer: boolean },
): { network: NetworkMetrics; pending: boolean } {
  const old = prev.metrics.network;
  const structural =
    o.dirty || old.lrtDepth.value !== o.depth ? structuralMetrics(ix, at, o.depth, o.failures) : restampTree(pickStructural(old), at);
  const { secure, bestAttackProfit, slack, worstLoss } = old;
  // stale security figures (an earlier deferral not completed yet) must never be restamped
  const stale = o.dirty || prev.securityPending === true;
  if (stale && o.defer) return { network: { secure, bestAttackProfit, slack, worstLoss, ...structural }, pending: true };
  const security = stale ? heuristicSecurityMetrics(ix, at) : restampTree({ secure, bestAttackProfit, slack, worstLoss }, at);
  return { network: { ...security, ...structural }, pending: false };
}

function pickStructural(n: NetworkMetrics): StructuralMetrics {
  const { secure: _s, bestAttackProfit: _b, slack: _g, worstLoss: _w, ...rest } = n;
  return rest;
}

/**
 * Incremental fast figures (SPEC §10 freshness): only the operators, services and vaults a change touches are
 * recomputed, the others are restamped; network-wide figures are recomputed when anything in the network view
 * changed (they are global). LRT exposures are recomputed when any vault's changed (LRTs are few and read
 * vaults). Without `deferSecurity` the result equals `computeMetrics(input)` figure for figure (tested); with
 * it, it does once `completeSecurity` has run.
 */
export function updateMetrics(prev: MetricsSnapshot, input: MetricsInput, options: UpdateOptions = {}): MetricsUpdate {
  const { state, at } = input;
  const ix = indexNetwork(input.network);
  const hit = affected(prev.index, ix);
  const old = prev.metrics;
  const prints = state ? vaultPrints(state) : new Map<string, string>();
  const vaultIds = [...prints.keys()];
  const dirtyVaults = new Set(vaultIds.filter((id) => prev.vaultPrints.get(id) !== prints.get(id)));
  // a vault of an LRT token looks through that LRT, which reads other vaults: dirty whenever any vault is
  if (state && dirtyVaults.size > 0) for (const v of state.vaults.values()) if (state.lrts.byToken.has(v.asset)) dirtyVaults.add(v.id);
  const networkDirty = hit.operators.size > 0 || hit.services.size > 0 || ix.opIds.length !== prev.index.opIds.length;
  const lrtsDirty = dirtyVaults.size > 0 || (state !== null && state.lrts.lrts.size !== Object.keys(old.lrts).length);
  const vaults: Record<string, ExposureMetrics> = state
    ? Object.fromEntries(
        vaultIds.map((id) => [
          id,
          dirtyVaults.has(id) || !(id in old.vaults) ? vaultExposures(state, [id], at)[0]![1] : restampTree(old.vaults[id]!, at),
        ]),
      )
    : {};
  const operators = rebuild(ix.opIds, old.operators, hit.operators, (_, v) => operatorMetrics(ix, v, at), at);
  const net = networkFigures(prev, ix, at, {
    dirty: networkDirty,
    depth: state ? lrtDepth(state) : null,
    failures: certificateFailures(operators),
    defer: options.deferSecurity === true,
  });
  const metrics: RiskMetrics = {
    version: old.version,
    at,
    network: net.network,
    services: rebuild(ix.svcIds, old.services, hit.services, (_, s) => serviceMetrics(ix, s, at), at),
    operators,
    vaults,
    lrts: state && lrtsDirty ? Object.fromEntries(lrtExposures(state, at)) : restampTree(old.lrts, at),
  };
  const scope = (m: RiskMetrics): Map<string, string> => {
    const out = new Map<string, string>();
    if (networkDirty) flattenFigures(m.network, '/network', out);
    else flattenFigures({ lrtDepth: m.network.lrtDepth }, '/network', out);
    const newVaults = vaultIds.filter((id) => !(id in old.vaults));
    for (const [k, ids] of [
      ['services', hit.services],
      ['operators', hit.operators],
      ['vaults', [...dirtyVaults, ...newVaults]],
    ] as const)
      for (const id of ids) if (id in m[k]) flattenFigures(m[k][id], `/${k}/${id}`, out);
    if (lrtsDirty) flattenFigures(m.lrts, '/lrts', out);
    return out;
  };
  return {
    snapshot: { metrics, network: input.network, index: ix, vaultPrints: prints, securityPending: net.pending },
    changed: changedFigures(scope(old), scope(metrics)),
    securityPending: net.pending,
    recomputed: {
      network: networkDirty,
      operators: ix.opIds.filter((id) => hit.operators.has(id) || !(id in old.operators)),
      services: ix.svcIds.filter((id) => hit.services.has(id) || !(id in old.services)),
      vaults: vaultIds.filter((id) => dirtyVaults.has(id) || !(id in old.vaults)),
      lrts: lrtsDirty ? Object.keys(metrics.lrts) : [],
    },
  };
}
