import type { ExactProgram } from './exactProgram.js';
import { lpRelaxation, type LpAnswer, type LpRelaxation } from './lpRelaxation.js';
import { dualBits, fixedPointDuals, floorUnscaled, safeBoundScaled } from './safeBound.js';

/** A candidate valued exactly, in the program's integer objective units. */
export interface BnbCandidate<T> {
  readonly value: bigint;
  readonly payload: T;
}

export interface BnbOptions<T> {
  readonly program: ExactProgram;
  /** Branching order: among fractional columns the one with the highest priority is branched on. */
  readonly priority: readonly number[];
  /** Values a 0/1 (or rounded) point exactly on the real problem; null when it is not a valid answer.
   *  Must return at least the program's objective at x for a feasible 0/1 x (the program is a relaxation). */
  readonly decode: (x: ArrayLike<number>) => BnbCandidate<T> | null;
  /** Only answers with value ≥ floor are sought (the proof says: none ≥ floor beyond the best found). */
  readonly floor: bigint;
  readonly incumbent?: BnbCandidate<T> | null;
  readonly deadline: number;
  readonly nodesMax?: number;
  /** Return as soon as an answer ≥ floor is found (a search step, not a proof). */
  readonly stopAtFirst?: boolean;
}

export interface BnbResult<T> {
  readonly best: BnbCandidate<T> | null;
  /** True when no 0/1 point of the program has value ≥ max(floor, best + 1), proven in exact arithmetic. */
  readonly proven: boolean;
  /** Proven upper bound on every value ≥ floor (integer units), or null when nothing is proven. */
  readonly upperBound: bigint | null;
  readonly nodes: number;
}

interface Node {
  /** Columns fixed at this node (packed: col·2 + value). */
  readonly fix: readonly number[];
  readonly parent: Node | null;
  /** Proven bound of the parent (integer units): no point below it exceeds this. */
  readonly bound: bigint | null;
}

/** LP values within this of 0 or 1 count as integral when choosing a branching column. */
const integralTol = 1e-6;

/**
 * Depth-first branch and bound over HiGHS LP relaxations with exact pruning: a node is discarded only
 * when the Neumaier–Shcherbina bound computed in integers from its LP duals (or a Farkas certificate from
 * its dual ray) proves it holds nothing ≥ the target; leaves and LP points are valued exactly by `decode`.
 * Floats only steer the search: every proof step is exact.
 */
export async function branchAndBound<T>(o: BnbOptions<T>): Promise<BnbResult<T>> {
  const p = o.program;
  const n = p.objective.length;
  const lp = await lpRelaxation(p);
  let best = o.incumbent && o.incumbent.value >= o.floor ? o.incumbent : null;
  const target = (): bigint => (best ? best.value + 1n : o.floor);
  const stack: Node[] = [{ fix: [], parent: null, bound: null }];
  let nodes = 0;
  const lo = new Uint8Array(n);
  const up = new Uint8Array(n);
  try {
    while (stack.length > 0) {
      if (Date.now() >= o.deadline || (o.nodesMax !== undefined && nodes >= o.nodesMax)) {
        return timedOut(best, stack, o.floor, nodes);
      }
      const node = stack.pop()!;
      if (node.bound !== null && node.bound < target()) continue;
      nodes++;
      fixings(node, lo, up);
      const step = visit(o, lp, lo, up, target());
      for (const c of step.found) if (c.value >= target()) best = c;
      if (o.stopAtFirst && best) return { best, proven: false, upperBound: null, nodes };
      if (step.kind === 'pruned') continue;
      if (step.bound !== null && step.bound < target()) continue;
      // reduced-cost fixing: columns whose other side alone drops the bound below the target keep their side
      const kept = step.bound === null ? [] : reducedCostFixings(step, lo, up, target());
      const base: Node = kept.length > 0 ? { fix: kept, parent: node, bound: step.bound } : node;
      for (const f of kept) lo[f >> 1] = up[f >> 1] = f & 1;
      const frac = step.x ? freeColumn(o.priority, lo, up, step.x) : -1;
      // an integral LP point whose bound does not close (float noise): branch on the free columns
      const col = frac >= 0 ? frac : freeColumn(o.priority, lo, up, null);
      if (col < 0) {
        stack.push(base); // every column fixed now: a single point, valued at its visit
        continue;
      }
      const first: 0 | 1 = (step.x?.[col] ?? 0) >= 0.5 ? 1 : 0;
      const child = (val: 0 | 1): Node => ({ fix: [col * 2 + val], parent: base, bound: step.bound });
      stack.push(child(first === 1 ? 0 : 1));
      stack.push(child(first));
    }
  } finally {
    lp.dispose();
  }
  return { best, proven: true, upperBound: best ? best.value : o.floor - 1n, nodes };
}

function timedOut<T>(best: BnbCandidate<T> | null, stack: readonly Node[], floor: bigint, nodes: number): BnbResult<T> {
  let ub: bigint | null = best ? best.value : floor - 1n;
  for (const s of stack) {
    if (s.bound === null) ub = null;
    else if (ub !== null && s.bound > ub) ub = s.bound;
    if (ub === null) break;
  }
  return { best, proven: false, upperBound: ub, nodes };
}

function fixings(node: Node, lo: Uint8Array, up: Uint8Array): void {
  lo.fill(0);
  up.fill(1);
  for (let k: Node | null = node; k !== null; k = k.parent)
    for (const f of k.fix) lo[f >> 1] = up[f >> 1] = f & 1;
}

/** Free columns j with bound − |r_j| < target (scaled): every better point has x_j on r_j's side. */
function reducedCostFixings(step: { readonly scaledBound: bigint; readonly residual: readonly bigint[] }, lo: Uint8Array, up: Uint8Array, target: bigint): number[] {
  const slack = step.scaledBound - (target << BigInt(dualBits));
  const out: number[] = [];
  for (let j = 0; j < lo.length; j++) {
    if (lo[j] === up[j]) continue;
    const r = step.residual[j]!;
    if (r > slack) out.push(j * 2 + 1);
    else if (-r > slack) out.push(j * 2);
  }
  return out;
}

type Visit<T> =
  | { readonly kind: 'pruned'; readonly found: BnbCandidate<T>[] }
  | {
      readonly kind: 'branch';
      readonly found: BnbCandidate<T>[];
      readonly bound: bigint | null;
      readonly scaledBound: bigint;
      readonly residual: readonly bigint[];
      /** The LP point (null when the LP gave none). */
      readonly x: Float64Array | null;
    };

/** Solves one node's LP, proves what it can exactly, and picks the branching column. */
function visit<T>(o: BnbOptions<T>, lp: LpRelaxation, lo: Uint8Array, up: Uint8Array, target: bigint): Visit<T> {
  const found: BnbCandidate<T>[] = [];
  if (freeColumn(o.priority, lo, up, null) < 0) {
    // every column fixed: the node is one point, valued exactly
    const c = o.decode(lo);
    if (c) found.push(c);
    return { kind: 'pruned', found };
  }
  const ans: LpAnswer = lp.solve(lo, up);
  if (ans.kind === 'infeasible') {
    if (ans.ray && farkas(o.program, lp, ans.ray, lo, up)) return { kind: 'pruned', found };
    return { kind: 'branch', found, bound: null, scaledBound: 0n, residual: [], x: null };
  }
  if (ans.kind === 'failed') return { kind: 'branch', found, bound: null, scaledBound: 0n, residual: [], x: null };
  const y = fixedPointDuals(ans.rowDual, lp.rowExp, lp.objExp);
  const residual: bigint[] = [];
  const scaledBound = safeBoundScaled(o.program, y, lo, up, true, residual);
  const bound = floorUnscaled(scaledBound);
  if (bound < target) return { kind: 'pruned', found };
  // the LP point, rounded up and rounded to nearest, as exact candidates (cheap incumbents)
  for (const cut of [0.5, integralTol]) {
    const c = o.decode(Array.from(ans.x, (v) => (v > cut ? 1 : 0)));
    if (c) found.push(c);
  }
  return { kind: 'branch', found, bound, scaledBound, residual, x: ans.x };
}

/** The free column of highest priority (with x: only fractional ones), or −1. */
function freeColumn(priority: readonly number[], lo: Uint8Array, up: Uint8Array, x: Float64Array | null): number {
  let bestCol = -1;
  for (let j = 0; j < lo.length; j++) {
    if (lo[j] === up[j]) continue;
    if (x) {
      const v = x[j] ?? 0;
      if (v < integralTol || v > 1 - integralTol) continue;
    }
    if (bestCol < 0 || priority[j]! > priority[bestCol]!) bestCol = j;
  }
  return bestCol;
}

/** A dual ray (either sign convention) turned into an exact proof that the node's box meets no feasible point. */
function farkas(p: ExactProgram, lp: LpRelaxation, ray: Float64Array, lo: Uint8Array, up: Uint8Array): boolean {
  for (const sign of [1, -1]) {
    const y = fixedPointDuals(
      Array.from(ray, (v) => sign * v),
      lp.rowExp,
      0,
    );
    if (safeBoundScaled(p, y, lo, up, false) < 0n) return true;
  }
  return false;
}
