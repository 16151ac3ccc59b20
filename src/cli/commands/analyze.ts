import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parseFraction } from '../../math/decimal.js';
import type { Rational } from '../../math/rational.js';
import { analyzeNetwork, type AnalyzeOptions } from '../../risk/analyzeNetwork.js';
import { analyzeReportJson } from '../../risk/analyzeReportJson.js';
import { failedCommandsLine } from '../../risk/commandLogNetwork.js';
import { readNetworkFile } from '../../risk/readNetworkFile.js';
import { analyzeText } from '../analyzeText.js';
import { exitWithError } from '../fail.js';
import { writeStdout } from '../output.js';

/** Longest accepted --time-limit (one day). */
const timeLimitSMax = 86_400;
/** Default wall-clock budget of the CLI (the library has none): proofs not done by then are reported as bounds.
 *  Not applied when --node-limit is given, so that a node budget alone gives reproducible figures. */
export const analyzeTimeLimitDefaultS = 120;
/** Least time left to the analysis when reading the file used up the --time-limit. */
const timeLimitSLeastS = 0.05;
/** Largest accepted --node-limit (branch-and-bound nodes per solver run). */
const nodeLimitMax = 100_000_000;

interface AnalyzeFlags {
  psi?: string;
  json?: boolean;
  byzantine?: string;
  cascade?: boolean;
  timeLimit?: string;
  nodeLimit?: string;
  heuristic?: boolean;
}

function options(flags: AnalyzeFlags, services: ReadonlySet<string>): AnalyzeOptions {
  let psi: Rational | undefined;
  if (flags.psi !== undefined) {
    const p = parseFraction(flags.psi, '--psi');
    if (!p.ok) exitWithError(p.error.code, p.error.message);
    psi = p.value;
  }
  let nodesMax: number | undefined;
  if (flags.nodeLimit !== undefined) {
    nodesMax = Number(flags.nodeLimit);
    if (!/^[0-9]+$/.test(flags.nodeLimit) || !(nodesMax >= 1 && nodesMax <= nodeLimitMax)) {
      exitWithError('BAD_OPTION', `--node-limit must be an integer in [1, ${nodeLimitMax}], got ${JSON.stringify(flags.nodeLimit)}`);
    }
  }
  let timeLimitS: number | undefined = nodesMax === undefined ? analyzeTimeLimitDefaultS : undefined;
  if (flags.timeLimit !== undefined) {
    timeLimitS = Number(flags.timeLimit);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(flags.timeLimit) || !(timeLimitS > 0 && timeLimitS <= timeLimitSMax)) {
      exitWithError('BAD_OPTION', `--time-limit must be seconds in (0, ${timeLimitSMax}], got ${JSON.stringify(flags.timeLimit)}`);
    }
  }
  const byzantine = flags.byzantine === undefined ? undefined : byzantineList(flags.byzantine);
  for (const s of byzantine ?? [])
    if (!services.has(s)) exitWithError('UNKNOWN_SERVICE_ID', `--byzantine: no service "${s}" in the network`);
  return { psi, byzantine, cascade: flags.cascade, timeLimitS, nodesMax, heuristicOnly: flags.heuristic };
}

/** --byzantine's services: comma-separated, trimmed, each named once; an empty list or name is an error. */
function byzantineList(text: string): string[] {
  const ids = text.split(',').map((s) => s.trim());
  if (ids.every((s) => s.length === 0)) exitWithError('BAD_OPTION', '--byzantine needs at least one service id, got an empty list');
  if (ids.some((s) => s.length === 0)) exitWithError('BAD_OPTION', `--byzantine: empty service id in ${JSON.stringify(text)}`);
  return [...new Set(ids)];
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('security of a restaking network: exact best attack, slack γ*, per-operator condition, worst-case loss R_ψ')
    .argument('<file>', 'network file (SPEC §5, JSON or YAML) or command log (SPEC §4)')
    .option('--psi <fraction>', 'shock size ψ (decimal or p/q) for the worst-case loss R_ψ')
    .option('--json', 'print the exact JSON contract (SPEC §5)')
    .option('--byzantine <services>', 'comma-separated services that slash all stake allocated to them first')
    .option('--cascade', 'simulate the cascade step by step (most profitable attack first)')
    .option(
      '--time-limit <seconds>',
      `stop solving after this long and report certified bounds (default ${analyzeTimeLimitDefaultS} unless --node-limit)`,
    )
    .option('--node-limit <nodes>', 'branch-and-bound nodes per solver run: certified bounds that are the same on every run')
    .option('--heuristic', 'greedy lower bound for the best attack only (fast, not exact)')
    .action(async (path: string, flags: AnalyzeFlags) => {
      const commandStart = Date.now();
      const net = readNetworkFile(path);
      if (!net.ok) exitWithError(net.error.code, `${path}: ${net.error.message}`);
      const failed = net.value.source ? failedCommandsLine('analyze', net.value.source) : null;
      if (failed) process.stderr.write(`${failed}\n`);
      const given = options(flags, new Set(net.value.services.map((s) => s.id)));
      // the time limit counts from the start of the command: reading a 10,000 × 1,000 network takes seconds
      const opts =
        given.timeLimitS === undefined
          ? given
          : { ...given, timeLimitS: Math.max(given.timeLimitS - (Date.now() - commandStart) / 1000, timeLimitSLeastS) };
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { format: 'analyze [{bar}] {phase}', stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
      let started = false;
      const report = await analyzeNetwork(net.value, {
        ...opts,
        onProgress: (phase, done, total) => {
          if (!bar) return;
          if (!started) [started] = [true, bar.start(total, done, { phase })];
          bar.update(done, { phase });
        },
      });
      bar?.stop();
      writeStdout(flags.json ? `${JSON.stringify(analyzeReportJson(report), null, 2)}\n` : analyzeText(report));
    });
}
