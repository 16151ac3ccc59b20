// Issue 14: how the exact slack γ* and worst-case loss R_ψ (ψ = 0.01) grow with network size, with
// each figure's `exact` flag, on generated networks (SPEC §7 calibration) and the bundled
// 500 × 30 full-restaking example. A figure that hits the cap is reported "not proven".
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './types.js';
import { Rational } from '../src/math/rational.js';
import { analyzeNetwork } from '../src/risk/analyzeNetwork.js';
import { generateNetwork } from '../src/risk/generateNetwork.js';
import { indexNetwork } from '../src/risk/indexNetwork.js';
import { parseNetwork } from '../src/risk/parseNetwork.js';
import { slack } from '../src/risk/slack.js';
import { worstLoss } from '../src/risk/worstLoss.js';

const sizes = [
  [500, 50],
  [1000, 75],
  [2000, 100],
] as const;
const seeds = [1, 2, 3];
/** Wall-clock cap per figure (γ*, then R_ψ). */
const capSeconds = 60;
const psi = Rational.of(1n, 100n);

interface Run {
  readonly seconds: number;
  readonly exact: boolean;
  readonly value: string;
}

async function timed<T>(f: () => Promise<T>, read: (r: T) => { exact: boolean; value: string }): Promise<Run & { result: T }> {
  const t0 = performance.now();
  const result = await f();
  return { seconds: (performance.now() - t0) / 1000, ...read(result), result };
}

function row(name: string, runs: readonly Run[]): BenchRow {
  const s = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const proven = runs.filter((r) => r.exact).length;
  return {
    name,
    value: s[Math.floor(s.length / 2)] ?? Number.NaN,
    unit: 's (median)',
    note:
      `seeds ${seeds.join(', ')}: ` +
      runs.map((r) => `${r.seconds.toFixed(1)} s ${r.exact ? 'exact' : 'bound'} ${r.value}`).join(' / ') +
      `; proven ${proven} of ${runs.length} (cap ${capSeconds} s); load ${loadavg()[0]?.toFixed(1)}`,
  };
}

const num = (r: Rational | null): string => (r === null ? 'null' : r.toNumber().toPrecision(6));

export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  for (const [ops, svcs] of sizes) {
    const gammas: Run[] = [];
    const losses: Run[] = [];
    for (const seed of seeds) {
      const ix = indexNetwork(generateNetwork({ operators: ops, services: svcs, seed }));
      const g = await timed(
        () => slack(ix, { timeLimitS: capSeconds }),
        (r) => ({ exact: r.exact, value: `γ*=${num(r.gamma)}${r.exact ? '' : ` ≥ ${num(r.lowerBound)}`}` }),
      );
      gammas.push(g);
      const lb = g.result.exact ? g.result.gamma : g.result.lowerBound;
      losses.push(
        await timed(
          () => worstLoss(ix, psi, { timeLimitS: capSeconds, slackLowerBound: lb }),
          (r) => ({ exact: r.exact, value: `R=${num(r.loss)}${r.exact ? '' : ` ≤ ${num(r.upperBound)}`}` }),
        ),
      );
    }
    rows.push(row(`analyze exact scaling: slack γ*, ${ops} × ${svcs}`, gammas));
    rows.push(row(`analyze exact scaling: R_ψ (ψ = 0.01, given γ*), ${ops} × ${svcs}`, losses));
  }
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'mainnet-network.json');
  const parsed = parseNetwork(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const t0 = performance.now();
  const rep = await analyzeNetwork(parsed.value, { psi, timeLimitS: 4 * capSeconds });
  const seconds = (performance.now() - t0) / 1000;
  const flags = `verdict ${rep.secure === null ? 'open' : 'proven'}, best attack ${rep.bestAttackExact ? 'exact' : 'bound'}, γ* ${rep.slack.exact ? 'exact' : 'bound'}, R_ψ ${rep.worstLoss?.exact ? 'exact' : 'bound'}`;
  rows.push({
    name: 'analyze --psi 0.01 on examples/mainnet-network.json (500 × 30 full restaking)',
    value: seconds,
    unit: 's',
    target: 'every figure proven in ≤ 60 s',
    met: seconds <= 60 && rep.bestAttackExact && rep.slack.exact && rep.worstLoss?.exact === true,
    note: `${flags} (budget ${4 * capSeconds} s); load ${loadavg()[0]?.toFixed(1)}`,
  });
  return rows;
};
