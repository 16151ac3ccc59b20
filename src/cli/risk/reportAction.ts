import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderHtml } from '../report/renderHtml.js';
import { exitWithError } from '../fail.js';
import { loadScenario } from './loadScenario.js';
import { buildRiskReport, type RiskReport } from './riskJob.js';
import { optimizeTables, pricingTables, simulationTables } from './riskTables.js';
import { runOptions, type RunFlags } from './runOptions.js';

export interface ReportFlags extends RunFlags {
  html?: string;
  security?: boolean;
  securityTimeLimit?: string;
}

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
      ? 'undecided within the time limit'
      : a.secure
        ? 'SECURE (no profitable attack; exact)'
        : 'NOT SECURE (a profitable attack exists; exact)';
  // Figures the time budget did not prove are labelled with the bound that is proven.
  const attack = a.bestAttack
    ? `${a.bestAttack.services.length} services, profit ${a.bestAttack.profit}${a.exact.bestAttack ? ' (exact maximum)' : ` (best found; proven ≤ ${a.bounds.profitUpperBound})`}`
    : 'none';
  const slack = `${a.slack ?? 'null'}${a.exact.slack || a.slack === null ? '' : ` (upper bound; proven ≥ ${a.bounds.slackLowerBound})`}`;
  return [
    `Security (${s.elapsedS.toFixed(1)} s): ${verdict}`,
    `  best attack: ${attack}`,
    `  slack γ* = ${slack}; per-operator condition ${a.operatorCondition.holds ? 'holds' : 'fails'}`,
  ].join('\n');
}

/** `report`: security + loss distributions + pricing + allocation, as tables, JSON and/or HTML. */
export async function reportAction(path: string, flags: ReportFlags): Promise<string | undefined> {
  const sc = loadScenario(path);
  const limit = flags.securityTimeLimit === undefined ? 20 : Number(flags.securityTimeLimit);
  if (!(limit > 0 && limit <= 3600)) exitWithError('NUMBER_OUT_OF_RANGE', '--security-time-limit must be in (0, 3600] seconds');
  const report = await buildRiskReport(sc, { ...runOptions(flags), security: flags.security !== false, securityTimeLimitS: limit });
  let htmlPath: string | undefined;
  if (flags.html) {
    htmlPath = resolve(flags.html);
    try {
      mkdirSync(dirname(htmlPath), { recursive: true });
      writeFileSync(htmlPath, renderHtml(report, path));
    } catch (e) {
      exitWithError('PARSE_ERROR', `cannot write ${htmlPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const opt = 'error' in report.optimize ? `Allocation optimiser: ${report.optimize.error}` : optimizeTables(report.optimize);
    process.stdout.write(
      [securityText(report), '', simulationTables(report.simulation), '', pricingTables(report.pricing), '', opt, ''].join('\n'),
    );
  }
  return htmlPath;
}
