import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ExactProgram } from '../../../src/risk/milp/exactProgram.js';
import { sparseBound, sparseBoundReset, sparseBoundScratch, sparseResidual } from '../../../src/risk/milp/sparseBound.js';
import { arbSparseCase } from './sparseCase.js';

// Issue 14, seventh pass (floor): the replay of a kept proof sums only over the columns its multipliers touch and
// the columns its box fixes. It must equal the bound summed over every column (the sixth pass's code, below),
// region after region on one scratch (so a reset that forgets a column shows up in the next region), with the
// residuals of the touched columns readable after the call. Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261205;

/** The dense Neumaier–Shcherbina bound of the sixth pass (replayProof's `sparseBound` before this pass). */
function denseBound(
  p: ExactProgram,
  rows: readonly number[],
  y: readonly bigint[],
  residual: bigint[],
  lo: Uint8Array,
  up: Uint8Array,
): bigint {
  let total = 0n;
  for (let k = 0; k < rows.length; k++) {
    const row = p.rows[rows[k]!]!;
    const yi = y[k]!;
    const side = yi > 0n ? row.upper : row.lower;
    if (side === null) continue;
    total += yi * side;
    for (let t = 0; t < row.cols.length; t++) residual[row.cols[t]!]! -= yi * row.coefs[t]!;
  }
  for (let j = 0; j < residual.length; j++) {
    const rj = residual[j]!;
    if (rj > 0n ? up[j] === 1 : lo[j] === 1) total += rj;
  }
  return total;
}

const big = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });

const arbCase = arbSparseCase({ big, columnsMax: 12, rowsMax: 6, multipliersMax: 6, yShift: 0n });

test('sparse replay bound = the bound over every column, region after region, 300 random programs', () => {
  fc.assert(
    fc.property(arbCase, ({ p, regions }) => {
      const n = p.objective.length;
      const scratch = sparseBoundScratch(p.objective);
      for (const g of regions) {
        const lo = new Uint8Array(n);
        const up = new Uint8Array(n).fill(1);
        for (const [j, v] of g.fix) lo[j] = up[j] = v;
        const [idx, y] = [g.rows, g.y];
        const dense = g.farkas ? new Array<bigint>(n).fill(0n) : p.objective.slice();
        const want = denseBound(p, idx, y, dense, lo, up);
        const got = sparseBound(
          p.rows,
          idx,
          y,
          g.farkas,
          scratch,
          lo,
          up,
          g.fix.map(([j]) => j),
        );
        assert.equal(got, want);
        const residual = sparseResidual(scratch, g.farkas);
        for (let j = 0; j < n; j++) assert.equal(residual[j], dense[j]);
        sparseBoundReset(scratch, g.farkas);
      }
    }),
    { seed, numRuns: 300, endOnFailure: true },
  );
});
