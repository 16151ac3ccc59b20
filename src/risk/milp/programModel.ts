import type { ModelData } from 'highs';
import { assert } from '../../errors/result.js';
import type { loadHighs } from './loadHighs.js';
import type { BinaryProgram, LinTerm } from './lpModel.js';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** The fixed-zero helper column lpText writes for an empty expression and in its Bounds section. */
const zeroName = 'zero_';

/** A program as HiGHS's model arrays, with each column's index by name (the names stay out of HiGHS: copying them in
 *  cost more than the lookups they would serve). */
export interface ProgramModel {
  readonly data: ModelData;
  readonly col: ReadonlyMap<string, number>;
}

/**
 * The model HiGHS's LP reader builds from `lpText(p)`, built from arrays instead: the same columns in the same order
 * (first appearance in the text: objective, rows, the Bounds section's `zero_`, then Binaries), the same rows, bounds,
 * integrality and coefficients (lpText writes each with String(x), which parses back to the same double). Why: the
 * reader's text round trip was about a third of a warm cover repair on the 500 × 50 incremental chain (#7: 19 ms of
 * HiGHS reading 23 ms of text building, against 30 ms of solving), and the same model keeps HiGHS's search path, so
 * every answer is the one the text gave (test/risk/milp/programModel.test.ts compares the two models).
 */
export function programModel(highs: Highs, p: BinaryProgram): ProgramModel {
  const col = new Map<string, number>();
  const index = (name: string): number => {
    let j = col.get(name);
    if (j === undefined) {
      j = col.size;
      col.set(name, j);
    }
    return j;
  };
  // the objective's columns first, as the reader meets them
  const objective = linear(p.objective, index);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  // where column j sits in the row being read (seen[j] = row + 1): a name written twice in a row is one entry, its
  // coefficients added, as the reader does
  const seen: number[] = [];
  const at: number[] = [];
  const rowLower = new Float64Array(p.rows.length);
  const rowUpper = new Float64Array(p.rows.length);
  for (const [i, r] of p.rows.entries()) {
    const { cols, coefs } = linear(r.terms, index);
    for (let k = 0; k < cols.length; k++) {
      const j = cols[k]!;
      if (seen[j] === i + 1) values[at[j]!] = values[at[j]!]! + coefs[k]!;
      else {
        seen[j] = i + 1;
        at[j] = indices.length;
        indices.push(j);
        values.push(coefs[k]!);
      }
    }
    starts.push(indices.length);
    assert(Number.isFinite(r.rhs), `non-finite LP right-hand side ${r.rhs}`);
    rowLower[i] = r.op === '>=' ? r.rhs : -highs.infinity;
    rowUpper[i] = r.op === '<=' ? r.rhs : highs.infinity;
  }
  const zero = index(zeroName);
  for (const b of p.binaries) index(b);
  const n = col.size;
  const colCost = new Float64Array(n);
  // a name written twice in the objective keeps its last coefficient, as the reader does
  for (let k = 0; k < objective.cols.length; k++) colCost[objective.cols[k]!] = objective.coefs[k]!;
  // a column the text never bounds keeps the reader's default [0, ∞) and stays continuous
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n).fill(highs.infinity);
  const integrality = new Int32Array(n);
  colUpper[zero] = 0;
  for (const b of p.binaries) {
    const j = col.get(b)!;
    colUpper[j] = 1;
    integrality[j] = highs.constants.variableType.integer;
  }
  const data: ModelData = {
    numCols: n,
    numRows: p.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: p.rows.length, numCols: n, starts, indices, values },
    integrality,
  };
  return { data, col };
}

/** The nonzero terms of an expression as column indices and coefficients; an empty one is lpText's `0 zero_`. */
function linear(terms: readonly LinTerm[], index: (name: string) => number): { cols: number[]; coefs: number[] } {
  const cols: number[] = [];
  const coefs: number[] = [];
  for (const t of terms) {
    if (t.coef === 0) continue;
    assert(Number.isFinite(t.coef), `non-finite LP coefficient ${t.coef}`);
    cols.push(index(t.name));
    coefs.push(t.coef);
  }
  if (cols.length === 0) index(zeroName);
  return { cols, coefs };
}
