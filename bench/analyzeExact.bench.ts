// Issue 14: how the exact slack γ* and worst-case loss R_ψ (ψ = 0.01) grow with network size, with
// each figure's `exact` flag, on generated networks (SPEC §7 calibration) and the bundled
// 500 × 30 full-restaking example; and the incremental case (one allocation change or one slash, every
// figure of analyze --psi re-proven with a warm cache against a cold run). A figure that hits the cap is reported "not proven". Wall times on
// a shared machine depend on its load: each figure also gives the process's CPU-seconds.
// ANALYZE_EXACT_SIZES="500x50,2000x100" and ANALYZE_EXACT_SEEDS="1-10" (or "2,8", "1-3,7") choose the sweep (default: the
// three sizes below, seeds 1–3); ANALYZE_EXACT_BUNDLED=0 skips the bundled network. ANALYZE_EXACT_PSI="1,5,10"
// gives the shock budgets of the R_ψ rows in percent (default 1; SPEC §10 publishes 1/5/10 %), and
// ANALYZE_EXACT_SLACK=0 skips γ* (R_ψ then runs without a γ* bound: R_ψ alone). ANALYZE_EXACT_WEI=1 adds the bundled
// network with every stake given a seeded tail to the wei (as a chain import's amounts).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './types.js';
import { Rational } from '../src/math/rational.js';
import { analyzeNetwork, type AnalyzeReport } from '../src/risk/analyzeNetwork.js';
import { newComponentCache } from '../src/risk/componentCache.js';
import { generateNetwork } from '../src/risk/generateNetwork.js';
import { indexNetwork } from '../src/risk/indexNetwork.js';
import type { Network } from '../src/risk/network.js';
import { parseNetwork } from '../src/risk/parseNetwork.js';
import { slack, type SlackOptions } from '../src/risk/slack.js';
import { worstLoss } from '../src/risk/worstLoss.js';
import { weiNetwork } from '../test/risk/weiNetwork.js';
import { seedList } from './seedList.js';

const sizes = (process.env.ANALYZE_EXACT_SIZES ?? '500x50,1000x75,2000x100')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
const seedsSpec = process.env.ANALYZE_EXACT_SEEDS ?? '1-3';
/** Parsed in `run` (a bad list is the bench's one-line refusal, not an import error). */
let seeds: number[] = [];
/** Sizes of the incremental rows (ANALYZE_EXACT_INCREMENTAL_SIZES; ANALYZE_EXACT_INCREMENTAL=0 skips them). */
const incrementalSizes = (process.env.ANALYZE_EXACT_INCREMENTAL_SIZES ?? '500x50')
  .split(',')
  .map((s) => s.split('x').map(Number) as [number, number]);
/** Wall-clock cap per figure (γ*, then R_ψ); ANALYZE_EXACT_CAP_S overrides it (e.g. 300 for the 2,000 × 100 rows). */
const capSeconds = Number(process.env.ANALYZE_EXACT_CAP_S ?? 60);
const psi = Rational.of(1n, 100n);
/** ANALYZE_EXACT_SLACK_METHOD: the γ* rows' `slack` method (e.g. portfolio, dinkelbachBnb); default: slack's own. */
const slackMethod = process.env.ANALYZE_EXACT_SLACK_METHOD as SlackOptions['method'] | undefined;
/** ANALYZE_EXACT_COVER_SEP=1: the γ* rows' `slack` with `coverSeparation` (the 'coop' prover's per-node cover rows). */
const coverSeparation = process.env.ANALYZE_EXACT_COVER_SEP === '1';
/** Shock budgets of the R_ψ rows, in percent (ANALYZE_EXACT_PSI); ANALYZE_EXACT_RPSI=0: the γ* rows alone. */
const psiPercents =
  process.env.ANALYZE_EXACT_RPSI === '0' ? [] : (process.env.ANALYZE_EXACT_PSI ?? '1').split(',').map((x) => BigInt(x.trim()));
const withSlack = process.env.ANALYZE_EXACT_SLACK !== '0';

interface Run {
  readonly seconds: number;
  readonly cpu: number;
  readonly exact: boolean;
  readonly value: string;
}

async function timed<T>(f: () => Promise<T>, read: (r: T) => { exact: boolean; value: string }): Promise<Run & { result: T }> {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const result = await f();
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, ...read(result), result };
}

function row(name: string, runs: readonly Run[]): BenchRow {
  const s = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const proven = runs.filter((r) => r.exact).length;
  return {
    name,
    value: s[Math.floor(s.length / 2)] ?? Number.NaN,
    unit: 's (median)',
    note:
      `seeds ${seedsSpec.replace(/-/g, '–')}: ` +
      runs.map((r) => `${r.seconds.toFixed(1)} s (${r.cpu.toFixed(1)} CPU-s) ${r.exact ? 'exact' : 'bound'} ${r.value}`).join(' / ') +
      `; worst ${s[s.length - 1]?.toFixed(1)} s; proven ${proven} of ${runs.length} (cap ${capSeconds} s); load ${loadavg()[0]?.toFixed(1)}`,
  };
}

const num = (r: Rational | null, digits = 6): string => (r === null ? 'null' : r.toNumber().toPrecision(digits));

/** One command: the largest operator's first allocation drops to half (a deallocation). */
function oneCommand(net: Network): Network {
  const big = [...net.operators].sort((a, b) => b.stake.cmp(a.stake))[0]!;
  const at = net.allocations.findIndex((a) => a.operator === big.id);
  const allocations = [...net.allocations];
  allocations[at] = { ...allocations[at]!, amount: allocations[at]!.amount.mul(Rational.of(1n, 2n)) };
  return { ...net, allocations };
}

/** One slash: the operator of median stake loses a tenth of its stake and of every allocation. */
function oneSlash(net: Network): Network {
  const op = [...net.operators].sort((a, b) => b.stake.cmp(a.stake))[Math.floor(net.operators.length / 2)]!;
  const keep = Rational.of(9n, 10n);
  return {
    ...net,
    operators: net.operators.map((o) => (o.id === op.id ? { ...o, stake: o.stake.mul(keep) } : o)),
    allocations: net.allocations.map((a) => (a.operator === op.id ? { ...a, amount: a.amount.mul(keep) } : a)),
  };
}

/** The figures `analyze --psi` proves, exactly (for warm = cold). */
function figures(r: AnalyzeReport): { exact: boolean; value: string } {
  return {
    exact: r.secure !== null && r.bestAttackExact && r.slack.exact && r.worstLoss?.exact === true,
    value: JSON.stringify([r.secure, r.bestAttack?.profit.toString(), r.slack.gamma?.toString(), r.worstLoss?.loss.toString()]),
  };
}

/**
 * Every figure of `analyze --psi 0.01` (verdict, best attack, γ*, R_ψ) after one command: warm (the cache
 * of the analysis before it: kept proofs replayed, milp/replayProof) against cold, CPU-seconds and wall.
 */
async function incremental(ops: number, svcs: number, seed: number, kind: 'allocation' | 'slash'): Promise<BenchRow> {
  const net = generateNetwork({ operators: ops, services: svcs, seed });
  const cache = newComponentCache();
  const o = { psi, timeLimitS: 4 * capSeconds };
  const first = await timed(() => analyzeNetwork(net, { ...o, cache }), figures);
  const next = kind === 'allocation' ? oneCommand(net) : oneSlash(net);
  const warm = await timed(() => analyzeNetwork(next, { ...o, cache }), figures);
  const cold = await timed(() => analyzeNetwork(next, o), figures);
  const same = warm.value === cold.value;
  return {
    name: `incremental analyze --psi 0.01 after one ${kind === 'allocation' ? 'allocation change' : 'slash'}, ${ops} × ${svcs} seed ${seed} (warm ÷ cold CPU)`,
    value: warm.cpu / cold.cpu,
    unit: 'ratio',
    target: '≤ 0.10',
    met: warm.exact && cold.exact && same && warm.cpu <= 0.1 * cold.cpu,
    note:
      `before the command ${first.seconds.toFixed(1)} s / ${first.cpu.toFixed(1)} CPU-s (${first.exact ? 'exact' : 'bound'}); after: ` +
      `warm ${warm.seconds.toFixed(1)} s / ${warm.cpu.toFixed(1)} CPU-s ${warm.exact ? 'exact' : 'bound'}, ` +
      `cold ${cold.seconds.toFixed(1)} s / ${cold.cpu.toFixed(1)} CPU-s ${cold.exact ? 'exact' : 'bound'}; wall ratio ${(warm.seconds / cold.seconds).toFixed(3)}; ` +
      `figures ${same ? 'equal' : `DIFFER: warm ${warm.value} cold ${cold.value}`} ${cold.value}; load ${loadavg()[0]?.toFixed(1)}`,
  };
}

/** The bundled network as bundled, or (`wei`) with seeded wei tails on every stake (test/risk/weiNetwork): amounts as a
 *  chain import gives them. The wei copy gets the cap the issue asks for (its proofs stall on plateaus: the budget is
 *  spent), the bundled one 4× the cap. */
async function bundled(wei: boolean): Promise<BenchRow> {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'mainnet-network.json');
  const parsed = parseNetwork(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const net = wei ? weiNetwork(parsed.value, 1) : parsed.value;
  const budget = wei ? capSeconds : 4 * capSeconds;
  const r = await timed(
    () => analyzeNetwork(net, { psi, timeLimitS: budget }),
    (rep) => ({
      exact: rep.secure !== null && rep.bestAttackExact && rep.slack.exact && rep.worstLoss?.exact === true,
      value: `verdict ${rep.secure === null ? 'open' : 'proven'}, best attack ${rep.bestAttackExact ? 'exact' : `≥ ${num(rep.bestAttack?.profit ?? null, 15)}, ≤ ${num(rep.profitUpperBound, 15)}`}, γ* ${rep.slack.exact ? 'exact' : `≤ ${num(rep.slack.gamma, 15)}, ≥ ${num(rep.slack.lowerBound, 15)}`}, R_ψ ${rep.worstLoss?.exact ? `exact ${num(rep.worstLoss.loss)}` : `≥ ${num(rep.worstLoss?.loss ?? null)}, ≤ ${num(rep.worstLoss?.upperBound ?? null)}`}`,
    }),
  );
  return {
    name: `analyze --psi 0.01 on examples/mainnet-network.json (500 × 30 full restaking${wei ? ', every stake with a seeded tail to the wei' : ''})`,
    value: r.seconds,
    unit: 's',
    target: 'every figure proven in ≤ 60 s',
    met: r.seconds <= 60 && r.exact,
    note: `${r.value} (budget ${budget} s, ${r.cpu.toFixed(1)} CPU-s); load ${loadavg()[0]?.toFixed(1)}`,
  };
}

export const run: BenchRun = async () => {
  seeds = seedList(seedsSpec, 'ANALYZE_EXACT_SEEDS');
  const rows: BenchRow[] = [];
  for (const [ops, svcs] of sizes) {
    const gammas: Run[] = [];
    const losses = new Map<bigint, Run[]>(psiPercents.map((p) => [p, []]));
    for (const seed of seeds) {
      const ix = indexNetwork(generateNetwork({ operators: ops, services: svcs, seed }));
      const g = withSlack
        ? await timed(
            () =>
              slack(ix, {
                timeLimitS: capSeconds,
                ...(slackMethod ? { method: slackMethod } : {}),
                ...(coverSeparation ? { coverSeparation: true } : {}),
              }),
            (r) => ({ exact: r.exact, value: `γ*=${num(r.gamma)}${r.exact ? '' : ` ≥ ${num(r.lowerBound)}`}` }),
          )
        : null;
      if (g) gammas.push(g);
      const lb = g === null ? null : g.result.exact ? g.result.gamma : g.result.lowerBound;
      for (const p of psiPercents)
        losses.get(p)!.push(
          await timed(
            () => worstLoss(ix, Rational.of(p, 100n), { timeLimitS: capSeconds, slackLowerBound: lb }),
            (r) => ({ exact: r.exact, value: `R=${num(r.loss)}${r.exact ? '' : ` ≤ ${num(r.upperBound)}`}` }),
          ),
        );
    }
    if (withSlack) rows.push(row(`analyze exact scaling: slack γ*${slackMethod ? ` (${slackMethod})` : ''}, ${ops} × ${svcs}`, gammas));
    for (const p of psiPercents)
      rows.push(
        row(
          `analyze exact scaling: R_ψ (ψ = ${(Number(p) / 100).toFixed(2)}${withSlack ? ', given γ*' : ', alone'}), ${ops} × ${svcs}`,
          losses.get(p)!,
        ),
      );
  }
  if (process.env.ANALYZE_EXACT_INCREMENTAL !== '0')
    for (const [ops, svcs] of incrementalSizes)
      for (const seed of seeds) for (const kind of ['allocation', 'slash'] as const) rows.push(await incremental(ops, svcs, seed, kind));
  if (process.env.ANALYZE_EXACT_BUNDLED !== '0') rows.push(await bundled(false));
  if (process.env.ANALYZE_EXACT_WEI === '1') rows.push(await bundled(true));
  return rows;
};
