import type { LedgerState } from '../../core/state/state.js';
import { indexNetwork, type IndexedNetwork } from '../indexNetwork.js';
import type { Network } from '../network.js';
import { operatorMetrics, serviceMetrics } from './entityMetrics.js';
import { exposureMetrics, lrtDepth } from './exposureMetrics.js';
import type { Stamp } from './figure.js';
import { certificateFailures, fastNetworkMetrics } from './networkMetrics.js';
import { metricsVersion, type ExposureMetrics, type RiskMetrics } from './riskMetrics.js';
import { vaultPrints } from './vaultPrints.js';

/** What the metrics are computed from: a network view, the ledger state behind it (if any) and its stamp. */
export interface MetricsInput {
  readonly network: Network;
  /** Null for a network read from a file: no vault, LRT or staker exposures, LRT depth null. */
  readonly state: LedgerState | null;
  readonly at: Stamp;
}

/** Metrics plus what an incremental update needs to know about the state they describe. */
export interface MetricsSnapshot {
  readonly metrics: RiskMetrics;
  readonly network: Network;
  readonly index: IndexedNetwork;
  readonly vaultPrints: ReadonlyMap<string, string>;
  /**
   * True when the network's heuristic security figures (verdict, best attack, γ*, R_ψ) still describe an earlier
   * state (they carry its stamp): `updateMetrics` was asked to defer them and `completeSecurity` has not run yet.
   */
  readonly securityPending?: boolean;
}

export function vaultExposures(state: LedgerState, ids: Iterable<string>, at: Stamp): [string, ExposureMetrics][] {
  return [...ids].map((id) => [id, exposureMetrics(state, { kind: 'vault', id }, at)]);
}

export function lrtExposures(state: LedgerState, at: Stamp): [string, ExposureMetrics][] {
  return [...state.lrts.lrts.keys()].map((id) => [id, exposureMetrics(state, { kind: 'lrt', id }, at)]);
}

/** Every fast figure of SPEC §10 from scratch (the reference the incremental update is tested against). */
export function computeMetrics(input: MetricsInput): MetricsSnapshot {
  const { network, state, at } = input;
  const ix = indexNetwork(network);
  const operators = Object.fromEntries(ix.opIds.map((id, v) => [id, operatorMetrics(ix, v, at)]));
  const metrics: RiskMetrics = {
    version: metricsVersion,
    at,
    network: fastNetworkMetrics(ix, at, state ? lrtDepth(state) : null, certificateFailures(operators)),
    services: Object.fromEntries(ix.svcIds.map((id, s) => [id, serviceMetrics(ix, s, at)])),
    operators,
    vaults: state ? Object.fromEntries(vaultExposures(state, state.vaults.keys(), at)) : {},
    lrts: state ? Object.fromEntries(lrtExposures(state, at)) : {},
  };
  return { metrics, network, index: ix, vaultPrints: state ? vaultPrints(state) : new Map() };
}
