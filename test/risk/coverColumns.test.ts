import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { coverColumns, coveredOpen } from '../../src/risk/coverColumns.js';

// Issue 14, thirtieth pass: the node bounds read which columns cover which edges from flat arrays built once per bound
// data. They must hold what the nested arrays say: each cost column's program column, each edge's covering columns as
// program columns in order; and an edge is open in a box exactly when one of its covering columns may still be 1.
// Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;

const arbData = fc.integer({ min: 1, max: 10 }).chain((cols) =>
  fc.record({
    costCols: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: cols, maxLength: cols }).map((c) => c.map((col) => ({ col }))),
    colsOfEdge: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: cols - 1 }), { maxLength: 3 }), { maxLength: 15 }),
    up: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 41, maxLength: 41 }),
  }),
);

test('coverColumns holds the nested arrays flat, and coveredOpen reads a box as they do', () => {
  fc.assert(
    fc.property(arbData, ({ costCols, colsOfEdge, up }) => {
      const d = { costCols, colsOfEdge };
      const c = coverColumns(d);
      assert.equal(coverColumns(d), c, 'built once per data object');
      assert.deepEqual(
        Array.from(c.colOf),
        costCols.map((x) => x.col),
      );
      const box = Uint8Array.from(up);
      colsOfEdge.forEach((covering, e) => {
        const cols = covering.map((k) => costCols[k]!.col);
        assert.deepEqual(Array.from(c.coverCols.subarray(c.coverStart[e], c.coverStart[e + 1])), cols);
        assert.equal(
          coveredOpen(c, e, box),
          cols.some((j) => box[j] === 1),
        );
      });
    }),
    { seed, numRuns: 300, endOnFailure: true },
  );
});
