import { Rational } from '../../math/rational.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { networkUnits } from '../networkUnits.js';
import type { BinaryProgram, LinTerm, LpRow } from './lpModel.js';
import { offGridThreshold } from './offGridThreshold.js';
import type { SolverUnits } from './units.js';

/** Which attack program to build: the most profitable attack, or the worst shock + profitable attack. */
export type AttackProgramMode =
  | { readonly kind: 'best'; readonly pfcScale: Rational }
  | { readonly kind: 'worst'; readonly budget: Rational; readonly slackLowerBound?: Rational };

export interface AttackVariables {
  /** Services that can be attacked (PfC > 0). */
  readonly services: readonly number[];
  /** Over-allocated operators (Σ edges > stake): they may corrupt everything for their stake (b_v). */
  readonly operators: readonly number[];
  /** c_v = min(stake_v, Σ all edge amounts of v): the cost of corrupting every edge of v. */
  readonly fullCost: readonly Rational[];
  /** Edges paid one by one (amount < c_v); other edges are corrupted only with the whole operator.
   *  For an operator with Σ edges ≤ stake every edge is paid alone (b_v would duplicate them). */
  readonly paidEdges: readonly number[];
}

export function attackVariables(ix: IndexedNetwork): AttackVariables {
  const allocated = ix.stake.map((_, v) => ix.edgesOfOp[v]!.reduce((a, e) => a.add(ix.edges[e]!.amount), Rational.ZERO));
  const fullCost = ix.stake.map((st, v) => allocated[v]!.min(st));
  const over = ix.stake.map((st, v) => allocated[v]!.gt(st));
  return {
    services: ix.svcIds.map((_, s) => s).filter((s) => ix.pfc[s]!.sign() > 0),
    operators: ix.opIds.map((_, v) => v).filter((v) => over[v]),
    fullCost,
    paidEdges: ix.edges.map((_, e) => e).filter((e) => !over[ix.edges[e]!.op] || ix.edges[e]!.amount.lt(fullCost[ix.edges[e]!.op]!)),
  };
}

/**
 * 0/1 program (SPEC §5 semantics). y_s: s falls; b_v: v corrupts all its edges (pays its stake);
 * p_e: edge e corrupted and paid alone (pays its amount; Σ paid edges of v ≤ c_v, beyond that b_v is
 * the same attack); so cost_v = min(stake_v, Σ corrupted) exactly.
 * Falls: Σ_v w_vs (b_v + p_vs) [+ α_s Σ_v w_vs d_v] ≥ α_s W_s y_s. In `worst` mode d_v marks shocked
 * operators (Σ stake·d ≤ budget; a shocked operator cannot attack; thresholds are on surviving stake)
 * and the attack must be strictly profitable when it exists (a = 1).
 */
export function attackProgram(ix: IndexedNetwork, vars: AttackVariables, mode: AttackProgramMode, u: SolverUnits): BinaryProgram {
  const f = u.toUnits;
  const scale = mode.kind === 'best' ? mode.pfcScale : Rational.ONE;
  const revenue: LinTerm[] = vars.services.map((s) => ({ name: `y${s}`, coef: f(ix.pfc[s]!.mul(scale)) }));
  const cost: LinTerm[] = [
    ...vars.operators.map((v) => ({ name: `b${v}`, coef: f(vars.fullCost[v]!) })),
    ...vars.paidEdges.map((e) => ({ name: `p${e}`, coef: f(ix.edges[e]!.amount) })),
  ];
  const worst = mode.kind === 'worst';
  const rows = [...fallsRows(ix, vars, worst, f), ...onceRows(ix, vars, worst), ...capRows(ix, vars, f)];
  const binaries = [...revenue, ...cost].map((t) => t.name);
  const profit = [...revenue, ...cost.map((t) => ({ name: t.name, coef: -t.coef }))];
  if (mode.kind === 'best') return { objective: profit, rows: [...rows, ...bestRows(ix, vars)], binaries };
  const shock = ix.opIds
    .map((_, v) => v)
    .filter((v) => ix.stake[v]!.sign() > 0)
    .map((v) => ({ name: `d${v}`, coef: f(ix.stake[v]!) }));
  const g = mode.slackLowerBound;
  rows.push(...worstRows(vars, mode.budget, shock, profit, u, g && g.sign() > 0 ? slackCut(ix, vars, g, shock, f) : null));
  return { objective: [...shock, ...cost], rows, binaries: [...binaries, ...shock.map((t) => t.name), 'a'] };
}

/** Falls: Σ_v w_vs (b_v + p_vs) [+ α_s Σ_v w_vs d_v] ≥ need_s · y_s. */
function fallsRows(ix: IndexedNetwork, vars: AttackVariables, worst: boolean, f: (r: Rational) => number): LpRow[] {
  const paid = new Set(vars.paidEdges);
  const hasB = new Set(vars.operators);
  return vars.services.map((s) => {
    const terms: LinTerm[] = [];
    // in `best` mode the corrupted amount is a sum of edge amounts: round the threshold up to their grid
    const need = worst ? ix.weight[s]!.mul(ix.alpha[s]!) : gridThreshold(ix, s);
    for (const e of ix.edgesOfSvc[s]!) {
      const { op, amount } = ix.edges[e]!;
      // a single edge never needs to count for more than the whole threshold (coefficient tightening)
      const w = Math.min(f(amount), f(need));
      if (hasB.has(op)) terms.push({ name: `b${op}`, coef: w });
      if (paid.has(e)) terms.push({ name: `p${e}`, coef: w });
      if (worst) terms.push({ name: `d${op}`, coef: f(amount.mul(ix.alpha[s]!)) });
    }
    terms.push({ name: `y${s}`, coef: -f(need) });
    return { name: `falls${s}`, terms, op: '>=' as const, rhs: 0 };
  });
}

/** An edge is paid alone at most once: not together with b_v (nor with d_v: shocked operators do not attack). */
function onceRows(ix: IndexedNetwork, vars: AttackVariables, worst: boolean): LpRow[] {
  const hasB = new Set(vars.operators);
  const rows: LpRow[] = [];
  for (const e of vars.paidEdges) {
    const op = ix.edges[e]!.op;
    if (!hasB.has(op) && !worst) continue;
    const terms = [{ name: `p${e}`, coef: 1 }];
    if (hasB.has(op)) terms.push({ name: `b${op}`, coef: 1 });
    if (worst) terms.push({ name: `d${op}`, coef: 1 });
    rows.push({ name: `once${e}`, terms, op: '<=', rhs: 1 });
  }
  return rows;
}

/** Σ paid edges of v ≤ c_v (beyond that, b_v is the same attack for less). */
function capRows(ix: IndexedNetwork, vars: AttackVariables, f: (r: Rational) => number): LpRow[] {
  const hasB = new Set(vars.operators);
  const byOp = new Map<number, LinTerm[]>();
  for (const e of vars.paidEdges) {
    const op = ix.edges[e]!.op;
    byOp.set(op, [...(byOp.get(op) ?? []), { name: `p${e}`, coef: f(ix.edges[e]!.amount) }]);
  }
  const rows: LpRow[] = [];
  for (const [op, terms] of byOp)
    if (terms.length > 1 && hasB.has(op)) rows.push({ name: `cap${op}`, terms, op: '<=', rhs: f(vars.fullCost[op]!) });
  return rows;
}

/** `best` mode: a paid edge or corrupting operator is useless unless a service it touches falls; A ≠ ∅. */
function bestRows(ix: IndexedNetwork, vars: AttackVariables): LpRow[] {
  // valid for the maximum, and they tighten the LP
  const rows: LpRow[] = vars.paidEdges.map((e) => {
    const svc = ix.edges[e]!.svc;
    const terms = [{ name: `p${e}`, coef: 1 }];
    if (ix.pfc[svc]!.sign() > 0) terms.push({ name: `y${svc}`, coef: -1 });
    return { name: `use${e}`, terms, op: '<=' as const, rhs: 0 };
  });
  for (const v of vars.operators) {
    const svcs = [...new Set(ix.edgesOfOp[v]!.map((e) => ix.edges[e]!.svc))].filter((s) => ix.pfc[s]!.sign() > 0);
    rows.push({
      name: `useb${v}`,
      terms: [{ name: `b${v}`, coef: 1 }, ...svcs.map((s) => ({ name: `y${s}`, coef: -1 }))],
      op: '<=',
      rhs: 0,
    });
  }
  rows.push({ name: 'nonempty', terms: vars.services.map((s) => ({ name: `y${s}`, coef: 1 })), op: '>=', rhs: 1 });
  return rows;
}

/** `worst` mode: the shock budget, shocked operators do not attack, the slack cut if any, and an attack (a = 1) is strictly profitable. */
function worstRows(
  vars: AttackVariables,
  budget: Rational,
  shock: LinTerm[],
  profit: LinTerm[],
  u: SolverUnits,
  cut: LpRow | null,
): LpRow[] {
  const excl = vars.operators.map((v) => ({
    name: `excl${v}`,
    terms: [
      { name: `b${v}`, coef: 1 },
      { name: `d${v}`, coef: 1 },
    ],
    op: '<=' as const,
    rhs: 1,
  }));
  const strict = u.stepUnits ?? u.tolUnits;
  return [
    { name: 'budget', terms: shock, op: '<=', rhs: u.toUnits(budget) },
    ...excl,
    ...(cut ? [cut] : []),
    { name: 'profitable', terms: [...profit, { name: 'a', coef: -strict }], op: '>=', rhs: 0 },
    {
      name: 'active',
      terms: [...vars.services.map((s) => ({ name: `y${s}`, coef: 1 })), { name: 'a', coef: -vars.services.length }],
      op: '<=',
      rhs: 0,
    },
  ];
}

/**
 * α_s·W_s rounded up to the grid of s's edge amounts (multiples of g_s = gcd of the amounts on s): any sum of
 * corrupted amounts on s lies on that grid, so "≥ α_s·W_s" and "≥ this" admit the same integer attacks, and
 * the LP relaxation loses the fractional overshoot (e.g. W_s/3) that otherwise keeps branch and bound open.
 */
export function gridThreshold(ix: IndexedNetwork, s: number): Rational {
  // a pure function of the network: built once per service (every program, cover cut and bound of a search asks)
  let known = thresholds.get(ix);
  if (!known) thresholds.set(ix, (known = []));
  return (known[s] ??= newGridThreshold(ix, s));
}

/** gridThreshold's answers by network and service. */
const thresholds = new WeakMap<IndexedNetwork, Rational[]>();

function newGridThreshold(ix: IndexedNetwork, s: number): Rational {
  const amounts = ix.edgesOfSvc[s]!.map((e) => ix.edges[e]!.amount);
  // exact integers: lcd is a multiple of every amount's denominator (networkUnits)
  const edgeUnits = networkUnits(ix).edge;
  const units = ix.edgesOfSvc[s]!.map((e) => edgeUnits[e]!);
  const need = ix.weight[s]!.mul(ix.alpha[s]!);
  if (units.every((u) => u === 0n)) return need;
  // a few amounts off the others' grid (a fresh k/1000 slash) are enumerated: see offGridThreshold
  const lifted = offGridThreshold(
    units,
    amounts.map((a) => a.den),
    need.mul(Rational.of(ix.lcd)),
  );
  return Rational.of(lifted, ix.lcd);
}

/** g·(1 − this) is used for a proven slack lower bound g: keeps the cut valid under float rounding. */
const slackCutMargin = 1e-9;

/**
 * Durvasula–Roughgarden's argument as a valid inequality: if A falls to B after shock D with PfC(A) > cost(B),
 * then B ∪ D attacks A on the whole network, so (1+γ*)·PfC(A) ≤ cost(B) + σ(D) < PfC(A) + σ(D), i.e.
 * γ*·PfC(A) < σ(D). With a proven g ≤ γ*: g·Σ PfC_s y_s ≤ Σ σ_v d_v holds for every feasible point.
 */
function slackCut(ix: IndexedNetwork, vars: AttackVariables, g: Rational, shock: readonly LinTerm[], f: (r: Rational) => number): LpRow {
  const k = g.toNumber() * (1 - slackCutMargin);
  return {
    name: 'slackcut',
    terms: [
      ...vars.services.map((s) => ({ name: `y${s}`, coef: k * f(ix.pfc[s]!) })),
      ...shock.map((t) => ({ name: t.name, coef: -t.coef })),
    ],
    op: '<=',
    rhs: 0,
  };
}
