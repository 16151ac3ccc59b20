import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../../src/math/rational.js';
import { indexNetwork } from '../../../src/risk/indexNetwork.js';
import { attackVariables } from '../../../src/risk/milp/attackProgram.js';
import { attackColumns, exactWorstProgram } from '../../../src/risk/milp/exactAttackProgram.js';
import type { ExactRow } from '../../../src/risk/milp/exactProgram.js';
import { probeFixings } from '../../../src/risk/milp/probeFixings.js';
import { probePairs } from '../../../src/risk/milp/probePairs.js';
import { worstCoverCutRows, worstFallRows } from '../../../src/risk/milp/worstCoverCuts.js';
import { stakeGridFloor } from '../../../src/risk/worstLoss.js';
import { worstLossBnb } from '../../../src/risk/worstLossBnb.js';
import { reachableShock } from '../../../src/risk/reachableShock.js';
import { bruteWorstLoss } from '../bruteForce.js';
import { arbNetwork } from '../randomNetwork.js';

// Issue 14, sixth pass (psi): R_ψ's pair probing (conflict rows y_s + y_t ≤ 1 valid for every point ≥ the target)
// against every 0/1 point of the program, and the whole search with it (probing at once, pairs on and off) against
// brute force. Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261205;

function holds(row: ExactRow, x: Uint8Array): boolean {
  let v = 0n;
  for (let k = 0; k < row.cols.length; k++) v += row.coefs[k]! * BigInt(x[row.cols[k]!]!);
  return (row.lower === null || v >= row.lower) && (row.upper === null || v <= row.upper);
}

test('pair probing: every 0/1 point of the R_ψ program with value ≥ the target lies in the probing box and meets every conflict row (all points enumerated), 150 random networks', async () => {
  let checked = 0;
  let rowsSeen = 0;
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 4, svcsMax: 5, edgesMax: 8 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 0, max: 31 }),
      async (net, pct, where) => {
        const ix = indexNetwork(net);
        if (ix.totalStake.sign() <= 0) return;
        const budget = stakeGridFloor(ix, Rational.of(BigInt(pct), 100n).mul(ix.totalStake));
        const vars = attackVariables(ix);
        const cols = attackColumns(ix, vars, true, budget);
        const plain = exactWorstProgram(ix, vars, budget, null, cols);
        const program = {
          ...plain,
          rows: [...plain.rows, ...worstCoverCutRows(ix, vars, cols, budget), ...worstFallRows(ix, vars, cols, budget)],
        };
        const n = cols.count;
        if (n > 16 || cols.y.size < 2) return;
        // every feasible point's value, enumerated
        const points: { x: Uint8Array; v: bigint }[] = [];
        for (let mask = 0; mask < 1 << n; mask++) {
          const x = new Uint8Array(n);
          for (let j = 0; j < n; j++) x[j] = (mask >> j) & 1;
          if (!plain.rows.every((r) => holds(r, x))) continue;
          let v = 0n;
          for (let j = 0; j < n; j++) v += program.objective[j]! * BigInt(x[j]!);
          points.push({ x, v });
        }
        // a target at (or one above) one of the values, anywhere in their order
        const values = [...new Set(points.map((p) => p.v))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const at = values[Math.floor(((where >> 1) * values.length) / 16)] ?? 0n;
        const target = at + BigInt(where & 1);
        const o = { program, target: () => target, decode: () => null, found: () => {}, deadline: Number.POSITIVE_INFINITY };
        const ys = [...cols.y.values()];
        const box = await probeFixings({ ...o, columns: ys });
        const closed = new Set(box.map((f) => f >> 1));
        // pairs within the probing box (as the search does) and, for more rows to check, without it
        const rows = [
          ...(await probePairs({ ...o, box, columns: ys.filter((j) => !closed.has(j)) })),
          ...(await probePairs({ ...o, box: [], columns: ys })),
        ];
        rowsSeen += rows.length;
        for (const p of points) {
          if (p.v < target) continue;
          for (const j of closed) assert.equal(p.x[j], 0, `a point ≥ the target outside the box`);
          for (const r of rows) assert.ok(holds(r, p.x), `conflict row ${r.cols.join('+')} ≤ 1 cuts a point of value ${p.v} ≥ ${target}`);
        }
        checked++;
      },
    ),
    { seed, numRuns: 150 },
  );
  assert.ok(checked >= 100, `only ${checked} networks small enough to enumerate`);
  assert.ok(rowsSeen >= 20, `only ${rowsSeen} conflict rows in all: the check would be vacuous`);
});

test('R_ψ probed at once (pair probing, pair starts, whole-operator padding) equals brute force with and without the pairs, exact, on 120 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 11 }), fc.integer({ min: 1, max: 50 }), async (net, pct) => {
      const ix = indexNetwork(net);
      const psi = Rational.of(BigInt(pct), 100n);
      const expected = bruteWorstLoss(net, psi);
      if (ix.totalStake.sign() <= 0) return;
      const budget = reachableShock(ix, stakeGridFloor(ix, psi.mul(ix.totalStake))).budget;
      for (const pairs of [true, false]) {
        const r = await worstLossBnb(ix, attackVariables(ix), budget, null, { deadline: Number.POSITIVE_INFINITY, quickNodes: 0, pairs });
        assert.equal(r.exact, true);
        assert.equal(r.value.div(ix.totalStake).toString(), expected.toString(), `pairs ${pairs}`);
      }
    }),
    { seed: seed + 1, numRuns: 120 },
  );
});
