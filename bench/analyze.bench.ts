import type { BenchRow, BenchRun } from './types.js';
import { Rational } from '../src/math/rational.js';
import { analyzeNetwork } from '../src/risk/analyzeNetwork.js';
import { bestAttack } from '../src/risk/bestAttack.js';
import { generateNetwork } from '../src/risk/generateNetwork.js';
import { greedyAttack } from '../src/risk/greedyAttack.js';
import { indexNetwork } from '../src/risk/indexNetwork.js';
import { slack } from '../src/risk/slack.js';

/** Budget of the large MILP (the issue's "proven gap within 60 s"). */
const largeMilpSeconds = 60;
/** Budget of the slack (Dinkelbach) on the 200 × 30 network. */
const slackSeconds = 30;

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

async function verdictRow(ops: number, svcs: number, target?: number): Promise<BenchRow> {
  const ix = indexNetwork(generateNetwork({ operators: ops, services: svcs, seed: 7 }));
  const t0 = performance.now();
  const r = await bestAttack(ix);
  const s = seconds(t0);
  return {
    name: `analyze: exact verdict + best attack, ${ops} × ${svcs}`,
    value: s,
    unit: 's',
    ...(target ? { target: `≤ ${target} s`, met: r.exact && s <= target } : {}),
    note: `${r.exact ? 'exact' : 'NOT proven'}; ${r.attack ? `profitable attack, profit ${r.attack.profit.toNumber().toFixed(0)}` : 'secure'}`,
  };
}

export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  for (const [o, s] of [
    [50, 10],
    [100, 20],
  ] as const)
    rows.push(await verdictRow(o, s));
  rows.push(await verdictRow(200, 30, 10));
  const mid = indexNetwork(generateNetwork({ operators: 200, services: 30, seed: 7 }));
  let t0 = performance.now();
  const g = await slack(mid, { timeLimitS: slackSeconds });
  rows.push({
    name: 'analyze: slack γ* (Dinkelbach), 200 × 30',
    value: seconds(t0),
    unit: 's',
    target: '≤ 10 s',
    met: g.exact && seconds(t0) <= 10,
    note: `γ* ${g.exact ? '=' : '≤'} ${g.gamma?.toNumber().toPrecision(6)}${g.exact ? ' exact' : `, proven ≥ ${g.lowerBound?.toNumber().toPrecision(6) ?? '?'} (limit ${slackSeconds} s)`}`,
  });
  const bigNet = generateNetwork({ operators: 2000, services: 100, seed: 7 });
  const big = indexNetwork(bigNet);
  t0 = performance.now();
  const h = greedyAttack(big);
  const hs = seconds(t0);
  rows.push({
    name: 'analyze: greedy lower bound (greedyAttack alone), 2,000 × 100',
    value: hs,
    unit: 's',
    note: `best greedy profit ${h?.attack.profit.toNumber().toFixed(0) ?? 'none'}`,
  });
  t0 = performance.now();
  const hr = await analyzeNetwork(bigNet, { heuristicOnly: true, psi: Rational.of(1n, 100n) });
  const hrs = seconds(t0);
  rows.push({
    name: 'analyze --heuristic --psi 0.01 (whole analysis, no solver), 2,000 × 100',
    value: hrs,
    unit: 's',
    target: '≤ 2 s',
    met: hrs <= 2,
    note: `best attack found ${hr.bestAttack?.profit.toNumber().toFixed(0) ?? 'none'}, proven ≤ ${hr.profitUpperBound?.toNumber().toFixed(0) ?? '?'}; verdict ${hr.secure === null ? 'not decided' : hr.secure ? 'secure' : 'not secure'}`,
  });
  t0 = performance.now();
  const m = await bestAttack(big, { profitableOnly: false, timeLimitS: largeMilpSeconds });
  const ms = seconds(t0);
  const lower = m.attack?.profit.toNumber() ?? Number.NaN;
  const upper = m.profitUpperBound?.toNumber() ?? Number.POSITIVE_INFINITY;
  rows.push({
    name: 'analyze: MILP max profit with proven gap, 2,000 × 100',
    value: ms,
    unit: 's',
    target: `proven gap within ${largeMilpSeconds} s`,
    met: Number.isFinite(upper) && ms <= largeMilpSeconds + 5,
    note: m.exact
      ? `exact max profit ${lower.toFixed(0)}`
      : `profit in [${lower.toFixed(0)}, ${upper.toFixed(0)}] (gap ${(upper - lower).toFixed(0)} of total stake ${big.totalStake.toNumber().toFixed(0)})`,
  });
  return rows;
};
