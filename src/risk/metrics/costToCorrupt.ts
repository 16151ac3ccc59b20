import { Rational } from '../../math/rational.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { gridThreshold } from '../milp/attackProgram.js';
import { exactMax } from '../milp/exactMax.js';
import type { BinaryProgram } from '../milp/lpModel.js';
import { solverUnits } from '../milp/units.js';

/** Certification re-solves (no-good cuts) of the exact cost to corrupt. */
const costRoundsMax = 40;

export interface CostToCorrupt {
  /** Cost of the cheapest set of edges found that reaches α_s·W_s (an upper bound on the minimum). */
  readonly cost: Rational;
  /** Operators of that set. */
  readonly operators: readonly string[];
  /** Proven lower bound; equals `cost` when the minimum is proven. */
  readonly lower: Rational;
  readonly exact: boolean;
}

interface Item {
  readonly op: number;
  readonly amount: Rational;
  /** What corrupting the edge costs its operator: min(stake, amount). */
  readonly cost: Rational;
}

function itemsOf(ix: IndexedNetwork, s: number): Item[] {
  return ix.edgesOfSvc[s]!.map((e) => {
    const { op, amount } = ix.edges[e]!;
    return { op, amount, cost: amount.min(ix.stake[op]!) };
  });
}

/**
 * Closed-form lower bound: the corrupted amount reaches α_s·W_s rounded up to the grid of the amounts on s
 * (every subset sum lies on it), and each edge costs its amount when allocations fit the stake (SPEC §5 files
 * and ledgers both guarantee it); otherwise only 0 is proven.
 */
function lowerBound(ix: IndexedNetwork, s: number, items: readonly Item[]): Rational {
  return items.every((i) => i.cost.eq(i.amount)) ? gridThreshold(ix, s) : Rational.ZERO;
}

function sumOf(items: readonly Item[], key: 'amount' | 'cost'): Rational {
  return items.reduce((a, i) => a.add(i[key]), Rational.ZERO);
}

/**
 * Cost to corrupt service s alone (fast, no solver): the attack on {s} only corrupts edges on s, each operator
 * paying min(stake, amount). Greedy: largest edges first until the threshold is reached, then drop edges that
 * are not needed (largest first); also the prefix without its last edge completed by the smallest edge that
 * suffices. Exact when the answer meets the closed-form lower bound. O(k log k) rationals for k edges on s.
 */
export function costToCorruptBounds(ix: IndexedNetwork, s: number): CostToCorrupt {
  const need = ix.weight[s]!.mul(ix.alpha[s]!);
  const items = itemsOf(ix, s).sort((a, b) => b.amount.cmp(a.amount) || a.op - b.op);
  if (need.sign() <= 0) return { cost: Rational.ZERO, operators: [], lower: Rational.ZERO, exact: true };
  let k = 0;
  let covered = Rational.ZERO;
  while (covered.lt(need)) covered = covered.add(items[k++]!.amount);
  const chosen = items.slice(0, k);
  for (let i = 0; i < chosen.length; i++) {
    const rest = covered.sub(chosen[i]!.amount);
    if (rest.lt(need)) continue;
    covered = rest;
    chosen.splice(i--, 1);
  }
  let best = chosen;
  const base = items.slice(0, k - 1);
  const baseCover = sumOf(base, 'amount');
  for (let j = items.length - 1; j >= k - 1; j--) {
    if (baseCover.add(items[j]!.amount).lt(need)) continue;
    const alt = [...base, items[j]!];
    if (sumOf(alt, 'cost').lt(sumOf(best, 'cost'))) best = alt;
    break;
  }
  const cost = sumOf(best, 'cost');
  const lower = lowerBound(ix, s, items).min(cost);
  return { cost, operators: best.map((i) => ix.opIds[i.op]!), lower, exact: cost.eq(lower) };
}

/**
 * The exact minimum (an exact job, SPEC §10): max −Σ c_v x_v subject to Σ w_vs x_v ≥ α_s·W_s as a 0/1 program
 * (HiGHS), each incumbent checked and valued in rationals and certified by exactMax. Starts from the greedy
 * answer, which stays when it is already proven.
 */
export async function exactCostToCorrupt(
  ix: IndexedNetwork,
  s: number,
  o: { readonly nodesMax?: number; readonly timeLimitS?: number } = {},
): Promise<CostToCorrupt> {
  const fast = costToCorruptBounds(ix, s);
  if (fast.exact) return fast;
  const items = itemsOf(ix, s);
  const need = ix.weight[s]!.mul(ix.alpha[s]!);
  const u = solverUnits(ix.weight[s]!, ix.lcd);
  const f = u.toUnits;
  const program: BinaryProgram = {
    objective: items.map((it, i) => ({ name: `x${i}`, coef: -f(it.cost) })),
    // a float row slightly looser than the exact one: exact feasibility is checked in decode
    rows: [
      {
        name: 'falls',
        terms: items.map((it, i) => ({ name: `x${i}`, coef: f(it.amount) })),
        op: '>=',
        rhs: f(gridThreshold(ix, s)) - u.tolUnits,
      },
    ],
    binaries: items.map((_, i) => `x${i}`),
  };
  const decode = (x: (name: string) => number) => {
    const set = items.filter((_, i) => x(`x${i}`) > 0.5);
    if (sumOf(set, 'amount').lt(need)) return null;
    return { value: sumOf(set, 'cost').neg(), payload: set };
  };
  const r = await exactMax(program, decode, {
    toUnits: f,
    stepUnits: u.stepUnits,
    tolUnits: u.tolUnits,
    timeLimitS: o.timeLimitS ?? Number.POSITIVE_INFINITY,
    roundsMax: costRoundsMax,
    ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}),
    initialFloorUnits: -f(fast.cost) - u.tolUnits,
  });
  const found = r.best && r.best.value.neg().lt(fast.cost) ? r.best.payload : null;
  const cost = found ? sumOf(found, 'cost') : fast.cost;
  const operators = found ? found.map((i) => ix.opIds[i.op]!) : fast.operators;
  if (r.certified) return { cost, operators, lower: cost, exact: true };
  return { cost, operators, lower: fast.lower, exact: false };
}
