import type { Command } from 'commander';
import { stateHash } from '../../core/state/stateHash.js';
import { failedCommandsLine } from '../../risk/commandLogNetwork.js';
import { computeMetrics, type MetricsInput } from '../../risk/metrics/computeMetrics.js';
import { computeExactMetrics, withExactMetrics } from '../../risk/metrics/exactMetrics.js';
import type { Figure } from '../../risk/metrics/figure.js';
import { networkStamp } from '../../risk/metrics/networkStamp.js';
import type { RiskMetrics } from '../../risk/metrics/riskMetrics.js';
import { readNetworkSource } from '../../risk/readNetworkFile.js';
import { exitWithError } from '../fail.js';
import { formatTable } from '../table.js';

/** Largest accepted --node-limit (branch-and-bound nodes per solver run), as `analyze`. */
const nodeLimitMax = 100_000_000;
/** Operators listed in the human table (largest stake first); --json has them all. */
const operatorRowsMax = 20;

interface MetricsFlags {
  json?: boolean;
  exact?: boolean;
  nodeLimit?: string;
}

function show(f: Figure): string {
  const v = Array.isArray(f.value) ? f.value.join(',') : f.value === null ? '—' : String(f.value);
  if (f.proven) return v;
  return `${v} [${f.lower ?? '?'}, ${f.upper ?? '?'}]`;
}

function short(f: Figure): string {
  const s = show(f);
  return s.length > 28 && !s.includes('[') ? `${s.slice(0, 27)}…` : s;
}

function text(m: RiskMetrics): string {
  const net = Object.entries(m.network).flatMap(([k, f]) =>
    k === 'worstLoss' ? Object.entries(f as Record<string, Figure>).map(([p, g]) => [`R_ψ ψ=${p}`, show(g)]) : [[k, show(f as Figure)]],
  );
  const svcs = Object.entries(m.services).map(([id, s]) => [
    id,
    short(s.stake),
    short(s.pfc),
    short(s.costToCorrupt),
    short(s.margin),
    String(s.nakamoto.value),
    short(s.topOperatorShare),
  ]);
  const ops = Object.entries(m.operators)
    .sort((a, b) => Number(b[1].stake.value) - Number(a[1].stake.value))
    .slice(0, operatorRowsMax)
    .map(([id, o]) => [id, short(o.stake), short(o.allocated), String(o.degree.value), short(o.certificateMargin)]);
  return [
    `metrics v${m.version} at block ${m.at.block}, seq ${m.at.seq}, state ${m.at.stateHash.slice(0, 16)}…  (bounds in [lower, upper]: not yet proven)`,
    formatTable(['network', 'value'], net),
    formatTable(['service', 'stake', 'PfC', 'cost to corrupt', 'margin', 'nakamoto', 'top share'], svcs),
    formatTable(['operator', 'stake', 'allocated', 'degree', 'certificate margin'], ops),
    '',
  ].join('\n\n');
}

/** `stakemesh metrics <log or network> [--json] [--exact]`: the standard figures of SPEC §10 (docs/metrics.md). */
export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('standard risk metrics (SPEC §10): network, per service, per operator, vault and LRT exposures')
    .argument('<file>', 'network file (SPEC §5) or command log (SPEC §4)')
    .option('--json', 'the metrics document (docs/metrics.schema.json)')
    .option('--exact', 'also run the exact engine (solver) and replace bounds by proven figures')
    .option('--node-limit <nodes>', 'with --exact: branch-and-bound nodes per solver run')
    .action(async (path: string, flags: MetricsFlags) => {
      let nodesMax: number | undefined;
      if (flags.nodeLimit !== undefined) {
        nodesMax = Number(flags.nodeLimit);
        if (!/^[0-9]+$/.test(flags.nodeLimit) || !(nodesMax >= 1 && nodesMax <= nodeLimitMax))
          exitWithError('BAD_OPTION', `--node-limit must be an integer in [1, ${nodeLimitMax}], got ${JSON.stringify(flags.nodeLimit)}`);
      }
      const src = readNetworkSource(path);
      if (!src.ok) exitWithError(src.error.code, `${path}: ${src.error.message}`);
      let input: MetricsInput;
      if ('ledger' in src.value) {
        const { network, ledger } = src.value;
        const failed = network.source ? failedCommandsLine('metrics', network.source) : null;
        if (failed) process.stderr.write(`${failed}\n`);
        input = { network, state: ledger, at: { block: ledger.block, seq: network.source?.commands ?? 0, stateHash: stateHash(ledger) } };
      } else input = { network: src.value, state: null, at: networkStamp(src.value) };
      let m = computeMetrics(input).metrics;
      if (flags.exact)
        m = withExactMetrics(m, await computeExactMetrics(input.network, input.at, nodesMax !== undefined ? { nodesMax } : {}));
      process.stdout.write(flags.json ? `${JSON.stringify(m, null, 2)}\n` : text(m));
    });
}
