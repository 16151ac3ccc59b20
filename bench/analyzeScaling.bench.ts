// How the exact risk engine's time grows with network size (issue 5: "show how time grows with
// size"): generated networks (SPEC §7 calibration), three seeds per size, median and range.
import type { BenchRow, BenchRun } from './types.js';
import { bestAttack } from '../src/risk/bestAttack.js';
import { generateNetwork } from '../src/risk/generateNetwork.js';
import { indexNetwork, type IndexedNetwork } from '../src/risk/indexNetwork.js';
import { slack } from '../src/risk/slack.js';

/** Sizes swept (operators × services); the largest is the issue's 2,000 × 100. */
const sizes = [
  [50, 10],
  [100, 20],
  [200, 30],
  [500, 50],
  [1000, 75],
  [2000, 100],
] as const;
const seeds = [1, 2, 3];
/** Wall-clock cap per solve: a figure that hits it is reported as "not proven". */
const capSeconds = 60;
/** Slack (Dinkelbach: several exact solves) is swept up to this many operators. */
const slackOperatorsMax = 500;

interface Timed {
  readonly seconds: number;
  readonly exact: boolean;
}

async function timed(f: () => Promise<{ exact: boolean }>): Promise<Timed> {
  const t0 = performance.now();
  const r = await f();
  return { seconds: (performance.now() - t0) / 1000, exact: r.exact };
}

function row(name: string, runs: readonly Timed[]): BenchRow {
  const s = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const proven = runs.filter((r) => r.exact).length;
  return {
    name,
    value: s[Math.floor(s.length / 2)] ?? Number.NaN,
    unit: 's (median)',
    note: `seeds ${seeds.join(', ')}: ${s.map((x) => x.toFixed(2)).join(' / ')} s; proven ${proven} of ${runs.length}${proven < runs.length ? ` (cap ${capSeconds} s)` : ''}`,
  };
}

export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  for (const [ops, svcs] of sizes) {
    const nets: IndexedNetwork[] = seeds.map((seed) => indexNetwork(generateNetwork({ operators: ops, services: svcs, seed })));
    const verdict: Timed[] = [];
    const maxProfit: Timed[] = [];
    const gamma: Timed[] = [];
    for (const ix of nets) {
      verdict.push(await timed(() => bestAttack(ix, { timeLimitS: capSeconds })));
      maxProfit.push(await timed(() => bestAttack(ix, { profitableOnly: false, timeLimitS: capSeconds })));
      if (ops <= slackOperatorsMax) gamma.push(await timed(() => slack(ix, { timeLimitS: capSeconds })));
    }
    rows.push(row(`analyze scaling: exact verdict (any profitable attack?), ${ops} × ${svcs}`, verdict));
    rows.push(row(`analyze scaling: exact maximum profit (any sign), ${ops} × ${svcs}`, maxProfit));
    if (gamma.length > 0) rows.push(row(`analyze scaling: slack γ* (Dinkelbach), ${ops} × ${svcs}`, gamma));
  }
  return rows;
};
