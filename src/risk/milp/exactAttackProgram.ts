import { Rational } from '../../math/rational.js';
import { fineGrid } from '../gridPolish.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { gridThreshold, type AttackVariables } from './attackProgram.js';
import { integerRow, type ExactProgram, type RationalRow } from './exactProgram.js';
import { leafBoundData, type LeafData } from './leafBound.js';

/** Column layout of the exact attack program: y_s, then b_v, then p_e, then (worst mode) d_v and a. */
export interface AttackColumns {
  readonly y: ReadonlyMap<number, number>;
  readonly b: ReadonlyMap<number, number>;
  readonly p: ReadonlyMap<number, number>;
  readonly d: ReadonlyMap<number, number>;
  readonly a: number;
  readonly count: number;
}

/**
 * `shockMax` (worst mode, optional): shock columns only for operators with stake ≤ shockMax (the shock
 * budget): a 0/1 point with d_v = 1 for a larger operator breaks the budget row, so leaving its column out
 * removes no feasible point, while the LP would otherwise shock a fraction of it.
 */
export function attackColumns(ix: IndexedNetwork, vars: AttackVariables, worst: boolean, shockMax?: Rational): AttackColumns {
  let n = 0;
  const index = (xs: readonly number[]): Map<number, number> => new Map(xs.map((x) => [x, n++] as const));
  const y = index(vars.services);
  const b = index(vars.operators);
  const p = index(vars.paidEdges);
  const shockable = (v: number): boolean => ix.stake[v]!.sign() > 0 && (shockMax === undefined || ix.stake[v]!.lte(shockMax));
  const d = index(worst ? ix.opIds.map((_, v) => v).filter(shockable) : []);
  const a = worst ? n++ : -1;
  return { y, b, p, d, a, count: n };
}

/** The exact objective's integer scale: every attack's value times this is an integer. */
export function objectiveScale(ix: IndexedNetwork, pfcScale: Rational): bigint {
  return ix.lcd * pfcScale.den;
}

/**
 * Edges from which a coarse-grid network gets the short best-attack program (below). Measured where it was added on
 * 2,000 × 100 only (9,320 edges, γ* on two threads: median 17.4 → 11.8–15.0 s); on 500 × 50 (2,284 edges, one thread)
 * it made γ* slower: seed 1 1.9 → 6.7–7.3 s and seed 8 proven in 33–37 s → unproven in 60 s, found in the twentieth
 * pass's scaling sweep (BENCHMARKS, "twentieth pass (lead)"). The same bound as slack's `coopEdgesMin`, where γ* goes
 * to two threads (not imported: milp does not depend on the slack).
 */
export const shortProgramEdgesMin = 4000;

/**
 * The `best` attack program of `attackProgram` (same rows, SPEC §5 semantics) with exact coefficients,
 * maximising λ·PfC(A) − cost, times `objectiveScale`. No "A ≠ ∅" row: the branch and bound only seeks
 * values ≥ a floor ≥ 1, which no empty attack reaches.
 */
export function exactBestProgram(
  ix: IndexedNetwork,
  vars: AttackVariables,
  pfcScale: Rational,
  cols: AttackColumns,
  shortEdgesMin = shortProgramEdgesMin,
): ExactProgram {
  const full = fineGrid(ix) || ix.edges.length < shortEdgesMin;
  const rows: RationalRow[] = [...coverRows(ix, vars, cols, false), ...(full ? onceCapRows(ix, vars, cols) : operatorRows(ix, vars, cols))];
  // On a coarse grid, no row p_e ≤ y_s per paid edge (HiGHS's attackProgram has them) and one row per over-allocated
  // operator instead of its once and cap rows (operatorRows). A paid edge whose service does not fall only costs, so
  // the rows' absence removes no maximum: every attack of the program with them is still here, the extra points (an
  // edge paid for a service that stays up) are dominated, and an integral LP point is valued exactly by the branch and
  // bound's decode anyway. 2,000 × 100 seed 3 had 10,032 rows (5,627 columns), every one in every node's LP; now
  // 2,674, and the fixed-ratio tree at γ* closes in 42–44 s where it was still open after 70 s (11,601 nodes). On a
  // fine grid (fineGrid) the rows stay: the bundled network's 8-command chain then took 30 CPU-s per analysis, warm and
  // cold, from its 7th command on (3–4 with them): there the LP points they shape are what the leaf search and the
  // polishes close plateaus with (BENCHMARKS, "seventeenth pass (lead)"). Below `shortProgramEdgesMin` edges they stay
  // too (twentieth pass).
  if (full)
    for (const [e, j] of cols.p) {
      const ys = cols.y.get(ix.edges[e]!.svc);
      const terms = [{ col: j, coef: Rational.ONE }];
      if (ys !== undefined) terms.push({ col: ys, coef: Rational.ONE.neg() });
      rows.push({ terms, lower: null, upper: Rational.ZERO });
    }
  for (const [v, j] of cols.b) {
    const svcs = [...new Set(ix.edgesOfOp[v]!.map((e) => ix.edges[e]!.svc))].filter((s) => cols.y.has(s));
    rows.push({
      terms: [{ col: j, coef: Rational.ONE }, ...svcs.map((s) => ({ col: cols.y.get(s)!, coef: Rational.ONE.neg() }))],
      lower: null,
      upper: Rational.ZERO,
    });
  }
  return { names: names(cols), objective: exactBestObjective(ix, vars, pfcScale, cols), rows: rows.map(integerRow) };
}

/** `leafBound`'s data for a program of `exactBestProgram` (its first rows: one cover row per service of `vars`). */
export function bestProgramLeafData(vars: AttackVariables, cols: AttackColumns, program: ExactProgram): LeafData {
  return leafBoundData(
    cols.count,
    vars.services.map((s, i) => ({ y: cols.y.get(s)!, row: program.rows[i]! })),
  );
}

/** λ·PfC(A) − cost times `objectiveScale(ix, λ)`: integer coefficients. */
export function exactBestObjective(ix: IndexedNetwork, vars: AttackVariables, pfcScale: Rational, cols: AttackColumns): bigint[] {
  const scale = Rational.of(objectiveScale(ix, pfcScale));
  const obj: Rational[] = Array.from({ length: cols.count }, () => Rational.ZERO);
  for (const [s, j] of cols.y) obj[j] = ix.pfc[s]!.mul(pfcScale).mul(scale);
  for (const [v, j] of cols.b) obj[j] = vars.fullCost[v]!.neg().mul(scale);
  for (const [e, j] of cols.p) obj[j] = ix.edges[e]!.amount.neg().mul(scale);
  return obj.map((c) => c.num);
}

/** falls_s: Σ_v w_vs (b_v + p_vs) [+ α_s Σ_v w_vs d_v] ≥ need_s · y_s, each w capped at need_s. */
export function coverRows(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns, worst: boolean): RationalRow[] {
  return vars.services.map((s) => {
    const need = worst ? ix.weight[s]!.mul(ix.alpha[s]!) : gridThreshold(ix, s);
    const terms: { col: number; coef: Rational }[] = [{ col: cols.y.get(s)!, coef: need.neg() }];
    for (const e of ix.edgesOfSvc[s]!) {
      const { op, amount } = ix.edges[e]!;
      const w = amount.min(need);
      const b = cols.b.get(op);
      const p = cols.p.get(e);
      const d = cols.d.get(op);
      if (b !== undefined) terms.push({ col: b, coef: w });
      if (p !== undefined) terms.push({ col: p, coef: w });
      if (worst && d !== undefined) terms.push({ col: d, coef: amount.mul(ix.alpha[s]!) });
    }
    return { terms, lower: Rational.ZERO, upper: null };
  });
}

/** The best program's rows on fine grids: once_e: p_e + b_v ≤ 1; cap_v: Σ paid amounts of v ≤ c_v. */
export function onceCapRows(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns): RationalRow[] {
  const rows: RationalRow[] = [];
  for (const [e, j] of cols.p) {
    const b = cols.b.get(ix.edges[e]!.op);
    if (b === undefined) continue;
    rows.push({ terms: [{ col: j, coef: Rational.ONE }, { col: b, coef: Rational.ONE }], lower: null, upper: Rational.ONE });
  }
  // grouped by operator in the order of their first paid edge (the rows' order steers HiGHS's pivots; kept as it was)
  const byOp = new Map<number, { col: number; coef: Rational }[]>();
  for (const [e, j] of cols.p) {
    const op = ix.edges[e]!.op;
    const term = { col: j, coef: ix.edges[e]!.amount };
    const list = byOp.get(op);
    if (list) list.push(term);
    else byOp.set(op, [term]);
  }
  for (const [op, terms] of byOp) if (terms.length > 1 && cols.b.has(op)) rows.push({ terms, lower: null, upper: vars.fullCost[op]! });
  return rows;
}

/**
 * One row per operator instead of its once and cap rows: Σ_e a_e p_e + c_v b_v [+ c_v d_v] ≤ c_v. At 0/1 points it
 * is the once rows (b_v = 1 or d_v = 1 leaves no edge paid alone: every a_e > 0, indexNetwork drops empty
 * allocations), the cap row (b_v = d_v = 0: Σ paid ≤ c_v) and, in the worst program, b_v + d_v ≤ 1, in one row
 * instead of one per paid edge. An operator with a shock column and no b_v (Σ edges ≤ stake, so c_v = Σ edges ≥ Σ
 * paid) gets Σ_e a_e p_e + c_v d_v ≤ c_v. Its LP relaxation is neither weaker nor stronger than theirs in general;
 * on the fixed-ratio tree of 2,000 × 100 seed 3 it took as many nodes (10,487 against 10,329) at 3.4 ms per node LP
 * instead of 4.3.
 */
export function operatorRows(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns): RationalRow[] {
  const rows: RationalRow[] = [];
  const paid = (v: number): { col: number; coef: Rational }[] =>
    ix.edgesOfOp[v]!.filter((e) => cols.p.has(e)).map((e) => ({ col: cols.p.get(e)!, coef: ix.edges[e]!.amount }));
  for (const [v, b] of cols.b) {
    const terms = paid(v);
    const d = cols.d.get(v);
    if (terms.length === 0 && d === undefined) continue;
    const c = vars.fullCost[v]!;
    terms.push({ col: b, coef: c });
    if (d !== undefined) terms.push({ col: d, coef: c });
    rows.push({ terms, lower: null, upper: c });
  }
  for (const [v, d] of cols.d) {
    if (cols.b.has(v)) continue;
    const terms = paid(v);
    if (terms.length === 0) continue;
    const c = vars.fullCost[v]!;
    rows.push({ terms: [...terms, { col: d, coef: c }], lower: null, upper: c });
  }
  return rows;
}

function names(cols: AttackColumns): string[] {
  const out: string[] = new Array<string>(cols.count).fill('');
  for (const [prefix, m] of [
    ['y', cols.y],
    ['b', cols.b],
    ['p', cols.p],
    ['d', cols.d],
  ] as const)
    for (const [k, j] of m) out[j] = `${prefix}${k}`;
  if (cols.a >= 0) out[cols.a] = 'a';
  return out;
}

/**
 * The `worst` program of `attackProgram` with exact coefficients, maximising σ(D) + cost (times ix.lcd):
 * shock budget, shocked operators do not attack, the slack cut g·PfC(A) ≤ σ(D) for a proven g > 0, and an
 * attack (a = 1) strictly profitable on the exact grid: PfC(A) − cost ≥ 1/lcd.
 */
export function exactWorstProgram(
  ix: IndexedNetwork,
  vars: AttackVariables,
  budget: Rational,
  g: Rational | null,
  cols: AttackColumns,
): ExactProgram {
  const scale = Rational.of(ix.lcd);
  const obj: Rational[] = Array.from({ length: cols.count }, () => Rational.ZERO);
  const cost: { col: number; coef: Rational }[] = [];
  for (const [v, j] of cols.b) cost.push({ col: j, coef: vars.fullCost[v]! });
  for (const [e, j] of cols.p) cost.push({ col: j, coef: ix.edges[e]!.amount });
  const shock = [...cols.d].map(([v, j]) => ({ col: j, coef: ix.stake[v]! }));
  for (const t of [...cost, ...shock]) obj[t.col] = t.coef.mul(scale);
  const revenue = vars.services.map((s) => ({ col: cols.y.get(s)!, coef: ix.pfc[s]! }));
  // one row per operator (operatorRows, with its shock column): 2,000 × 100 at ψ = 0.05 had 6,337 rows before the cuts,
  // 2,101 now (BENCHMARKS, "eighteenth pass (lead)")
  const rows: RationalRow[] = [...coverRows(ix, vars, cols, true), ...operatorRows(ix, vars, cols)];
  rows.push({ terms: shock, lower: null, upper: budget });
  if (g && g.sign() > 0)
    rows.push({
      terms: [...revenue.map((t) => ({ col: t.col, coef: t.coef.mul(g) })), ...shock.map((t) => ({ col: t.col, coef: t.coef.neg() }))],
      lower: null,
      upper: Rational.ZERO,
    });
  const step = Rational.of(1n, ix.lcd);
  rows.push({
    terms: [...revenue, ...cost.map((t) => ({ col: t.col, coef: t.coef.neg() })), { col: cols.a, coef: step.neg() }],
    lower: Rational.ZERO,
    upper: null,
  });
  rows.push({
    terms: [...revenue.map((t) => ({ col: t.col, coef: Rational.ONE })), { col: cols.a, coef: Rational.of(BigInt(-vars.services.length)) }],
    lower: null,
    upper: Rational.ZERO,
  });
  return { names: names(cols), objective: obj.map((c) => c.num), rows: rows.map(integerRow) };
}
