import fc from 'fast-check';
import type { ExactProgram } from '../../../src/risk/milp/exactProgram.js';

/** One region of a kept proof as the sparse bounds read it: multipliers on rows, and fixed columns. */
export interface SparseRegion {
  readonly farkas: boolean;
  readonly rows: number[];
  readonly y: bigint[];
  readonly fix: [number, number][];
}

export interface SparseCase {
  readonly p: ExactProgram;
  readonly regions: SparseRegion[];
}

/**
 * A random exact program (sparse rows, either side or both) with regions to bound on it, region after region
 * (test/risk/milp/sparseBound and sparseBoundFloat). `big` draws every number; multipliers are shifted left by
 * `yShift` (fixed-point duals are ×2^dualBits).
 */
export function arbSparseCase(o: {
  readonly big: fc.Arbitrary<bigint>;
  readonly columnsMax: number;
  readonly rowsMax: number;
  readonly multipliersMax: number;
  readonly yShift: bigint;
}): fc.Arbitrary<SparseCase> {
  const { big } = o;
  return fc.integer({ min: 1, max: o.columnsMax }).chain((n) =>
    fc
      .record({
        objective: fc.array(big, { minLength: n, maxLength: n }),
        rows: fc.array(
          fc.record({
            cols: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
            coefs: fc.array(big, { minLength: n, maxLength: n }),
            lower: fc.option(big),
            upper: fc.option(big),
          }),
          { minLength: 1, maxLength: o.rowsMax },
        ),
        regions: fc.array(
          fc.record({
            farkas: fc.boolean(),
            y: fc.array(fc.tuple(fc.nat(), big), { maxLength: o.multipliersMax }),
            fix: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 1 })), { maxLength: n }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
      })
      .map(({ objective, rows, regions }) => ({
        p: {
          names: objective.map((_, j) => `x${j}`),
          objective,
          rows: rows.map((r) => ({ cols: r.cols, coefs: r.cols.map((_, k) => r.coefs[k]!), lower: r.lower, upper: r.upper, scale: 1n })),
        },
        regions: regions.map((g) => ({
          farkas: g.farkas,
          rows: g.y.map(([i]) => i % rows.length),
          y: g.y.map(([, v]) => v << o.yShift),
          fix: g.fix,
        })),
      })),
  );
}
