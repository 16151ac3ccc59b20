/**
 * stakemesh — the library entry point (the one barrel file). Everything here is pure and
 * deterministic unless its name says it reads a file. See docs/ledger.md, docs/analyze.md,
 * docs/simulate.md, docs/pricing.md, docs/conditions.md, docs/rewards.md, docs/insurance.md,
 * docs/lrt.md and docs/errors.md.
 */

// math: exact fixed point and rationals
export { mulDiv, divRound } from './math/mulDiv.js';
export { WAD, mulWad, mulWadRoundUp, divWad } from './math/wad.js';
export { Rational } from './math/rational.js';
export { parseAmount, parseDecimal, parseFraction, formatUnits } from './math/decimal.js';
export type { Rounding } from './math/rounding.js';

// errors: one catalogue of codes
export { errorCatalogue, type ErrorCode } from './errors/catalogue.js';
export { ok, fail, StakemeshFailure, type Result, type StakemeshError } from './errors/result.js';

// core: the ledger
export { createState, defaultConfig, type LedgerState, type LedgerConfig } from './core/state/state.js';
export { apply, applyInPlace, type CommandOutcome } from './core/apply.js';
export { runLog, type ResultEntry, type RunOptions } from './core/runLog.js';
export { parseLog, type ParsedLog } from './core/log/parseLog.js';
export { createCommandRegistry, defaultRegistry, commandList, type CommandRegistry } from './core/commandRegistry.js';
export { defineCommand, type CommandSpec, type ResultFields } from './core/log/commandSpec.js';
export { stateView } from './core/state/view.js';
export { stateHash } from './core/state/stateHash.js';
export { cloneState } from './core/state/cloneState.js';
export { checkInvariants } from './core/invariants/checkInvariants.js';
export type { InvariantCheck } from './core/invariants/invariantCheck.js';
export { withdrawableShares } from './core/shares/stakerMath.js';
export { slashableShares } from './core/allocation/slashableShares.js';
export { shareValue } from './core/shares/shareValue.js';
export { lookThroughExposure, totalExposure, type Exposure, type ExposureTarget } from './core/lrt/lookThroughExposure.js';
export { lrtNav } from './core/lrt/lrtNav.js';
export { lrtTokenPrice } from './core/lrt/assetPrice.js';
export { assetPrice } from './core/lrt/assetPrice.js';

// core: programmable slashing conditions (custom kinds plug in here)
export {
  createConditionRegistry,
  defaultConditionRegistry,
  builtInConditionKinds,
  type ConditionRegistry,
} from './core/conditions/conditionRegistry.js';
export { createConditionCommands } from './core/conditions/conditionCommands.js';
export { signPiece, quorumSignPiece } from './core/conditions/buildEvidence.js';
export { proveKey } from './core/conditions/keyProof.js';
export { doubleSignCodec, livenessCodec, oracleReportCodec, oracleReferenceCodec } from './core/conditions/encoding.js';

// risk: network view, security analysis, generation
export type { Network, NetworkOperator, NetworkService, NetworkAllocation } from './risk/network.js';
export { networkFromLedger } from './risk/networkFromLedger.js';
export { parseNetwork } from './risk/parseNetwork.js';
export { readNetworkFile, networkFromText, readNetworkSource, networkSourceFromText, type LedgerNetwork } from './risk/readNetworkFile.js';
export { analyzeNetwork, type AnalyzeOptions, type AnalyzeReport } from './risk/analyzeNetwork.js';
export { newComponentCache, type ComponentCache } from './risk/componentCache.js';
// a process that re-analyses after every command (as `serve` does) calls this first: see cli/tuneV8
export { tuneV8, interruptBudgetBytes } from './cli/tuneV8.js';
export { generateNetwork, type GenerateOptions } from './risk/generateNetwork.js';

// risk: correlated slashing Monte Carlo, pricing, allocation optimiser
export { parseScenario } from './risk/scenario/parseScenario.js';
export {
  ledgerPositions,
  derivedPositionsMax,
  type DerivedPosition,
  type DerivedPositionsSummary,
} from './risk/scenario/ledgerPositions.js';
export { generateScenario } from './risk/scenario/generateScenario.js';
export { priceScenario } from './risk/pricing/priceScenario.js';
export { solveAllocation } from './risk/optimize/solveAllocation.js';
export { simulate } from './risk/montecarlo/simulate.js';
export { optimizeScenario } from './risk/optimize/optimizeScenario.js';

// risk: standard metrics (SPEC §10, docs/metrics.md) and alert rules (docs/alerts.md)
export { computeMetrics, type MetricsInput, type MetricsSnapshot } from './risk/metrics/computeMetrics.js';
export { updateMetrics, type MetricsUpdate } from './risk/metrics/updateMetrics.js';
export { computeExactMetrics, withExactMetrics, type ExactMetrics } from './risk/metrics/exactMetrics.js';
export { exposureMetrics } from './risk/metrics/exposureMetrics.js';
export { metricsVersion, type RiskMetrics } from './risk/metrics/riskMetrics.js';
export type { Figure, Stamp } from './risk/metrics/figure.js';
export { evaluateAlerts } from './risk/alerts/evaluateAlerts.js';
export { parseAlertRule } from './risk/alerts/parseAlertRule.js';
export type { AlertRule, AlertEvent } from './risk/alerts/alertRule.js';
export { allocationDiff, type AllocationDiff } from './risk/optimize/allocationDiff.js';

// jobs (SPEC §10, docs/jobs.md)
export { jobRunner, type JobRunner } from './jobs/jobRunner.js';
export { jobKey, contentHash } from './jobs/jobKey.js';
export type { JobSpec, JobOutcome, JobProgress } from './jobs/jobSpec.js';
export { localBackend } from './jobs/localBackend.js';
export { bullBackend } from './jobs/bull/bullBackend.js';
export { startBullWorker } from './jobs/bull/bullWorker.js';
export { parseQueueUrl } from './jobs/bull/queueUrl.js';
export { memoryResultStore } from './jobs/memoryResultStore.js';
export { type ResultStore, type JobRecord } from './jobs/resultStore.js';
export { sqlResultStore } from './store/sqlResultStore.js';
export { allocationWatcher } from './jobs/allocationWatcher.js';

// server: alert delivery
export { verifyWebhook, signWebhook, webhookHeaders } from './server/alerts/webhookSignature.js';
export { liveRisk, type LiveRisk, type LiveRiskEvent } from './server/risk/liveRisk.js';
export { alertRuleBook } from './server/alerts/alertRuleBook.js';
export { webhookDelivery } from './server/alerts/webhookDelivery.js';
