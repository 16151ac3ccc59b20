import { relative, resolve } from 'node:path';
import { renderHtml } from '../report/renderHtml.js';
import { exitWithError } from '../fail.js';
import { shortDecimal } from './format.js';
import { loadScenario } from './loadScenario.js';
import { buildRiskReport, type RiskReport, type SecurityBudget } from './riskJob.js';
import { optimizeTables, pricingTables, simulationTables } from './riskTables.js';
import { runOptions, type RunFlags } from './runOptions.js';
import { writableOutputPath, writeOutputFile, writeStdout } from '../output.js';

export interface ReportFlags extends RunFlags {
  html?: string;
  security?: boolean;
  securityTimeLimit?: string;
  securityNodeLimit?: string;
}

/** Default node budget of the report's security analysis: about 15 s on the bundled 500 × 30 example
 *  (2 cores), where it proves the verdict and bounds the best attack within 0.001 % (BENCHMARKS.md). */
export const reportSecurityNodesDefault = 1000;
/** Largest accepted --security-node-limit. */
const securityNodesMax = 100_000_000;
/** Longest accepted --security-time-limit (one hour). */
const securityTimeLimitSMax = 3600;

function securityText(r: RiskReport): string {
  const s = r.security;
  if (s.status !== 'ok') return `Security: section left out (${s.note})`;
  const a = s.analysis as {
    secure: boolean | null;
    slack: string | null;
    bestAttack: { profit: string; services: string[] } | null;
    operatorCondition: { holds: boolean };
    exact: { bestAttack: boolean; slack: boolean };
    bounds: { profitUpperBound: string | null; slackLowerBound: string | null };
  };
  const verdict =
    a.secure === null
      ? 'undecided within the solver budget'
      : a.secure
        ? 'SECURE (no profitable attack; exact)'
        : 'NOT SECURE (a profitable attack exists; exact)';
  // Figures the solver budget did not prove are labelled with the bound that is proven.
  const bound = (b: string | null) => (b === null ? 'n/a' : shortDecimal(b));
  const attack = a.bestAttack
    ? `${a.bestAttack.services.length} services, profit ${a.bestAttack.profit}${a.exact.bestAttack ? ' (exact maximum)' : ` (best found; proven ≤ ${bound(a.bounds.profitUpperBound)})`}`
    : 'none';
  // a short decimal for the reader, the exact value next to it (and in --json)
  const slack =
    a.slack === null
      ? 'null'
      : `${shortDecimal(a.slack)} (exact ${a.slack}${a.exact.slack ? '' : `; upper bound, proven ≥ ${bound(a.bounds.slackLowerBound)}`})`;
  return [
    `Security: ${verdict}`,
    `  best attack: ${attack}`,
    `  slack γ* = ${slack}; per-operator condition ${a.operatorCondition.holds ? 'holds' : 'fails'}`,
  ].join('\n');
}

function budget(flags: ReportFlags): SecurityBudget {
  const nodes = flags.securityNodeLimit === undefined ? reportSecurityNodesDefault : Number(flags.securityNodeLimit);
  if (!/^[0-9]+$/.test(flags.securityNodeLimit ?? '1') || !(nodes >= 1 && nodes <= securityNodesMax))
    exitWithError('NUMBER_OUT_OF_RANGE', `--security-node-limit must be an integer in [1, ${securityNodesMax}]`);
  if (flags.securityTimeLimit === undefined) return { nodesPerSolve: nodes, timeLimitS: null };
  const limit = Number(flags.securityTimeLimit);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(flags.securityTimeLimit) || !(limit > 0 && limit <= securityTimeLimitSMax))
    exitWithError('NUMBER_OUT_OF_RANGE', `--security-time-limit must be in (0, ${securityTimeLimitSMax}] seconds`);
  return { nodesPerSolve: nodes, timeLimitS: limit };
}

/** `report`: security + loss distributions + pricing + allocation, as tables, JSON and/or HTML.
 *  The HTML path is checked before the (long) computation; if writing it still fails, the text
 *  report is printed first and the error follows. */
export async function reportAction(path: string, flags: ReportFlags): Promise<string | undefined> {
  const htmlPath = flags.html === undefined ? undefined : writableOutputPath(flags.html, '--html', { createFolder: true });
  const sc = loadScenario(path);
  const report = await buildRiskReport(sc, { ...runOptions(flags), security: flags.security !== false, securityBudget: budget(flags) });
  if (flags.json) writeStdout(`${JSON.stringify(report)}\n`);
  else {
    const opt = 'error' in report.optimize ? `Allocation optimiser: ${report.optimize.error}` : optimizeTables(report.optimize);
    writeStdout([securityText(report), '', simulationTables(report.simulation), '', pricingTables(report.pricing), '', opt, ''].join('\n'));
  }
  // the page names the scenario as the user gave it, relative to where the command ran
  if (htmlPath !== undefined) writeOutputFile(htmlPath, renderHtml(report, relative(process.cwd(), resolve(path))));
  return htmlPath;
}
