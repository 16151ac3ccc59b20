import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addLoss, newAccumulator } from '../../../src/risk/montecarlo/accumulator.js';
import {
  LossBatch,
  cellEventsMax,
  lossBatchCapacity,
  lossBatchSlotsMax,
  lossBatchEventsMax,
  lossBatchEventsPerEntity,
  lossBatchSlotsMin,
} from '../../../src/risk/montecarlo/lossBatch.js';
import type { CompiledModel } from '../../../src/risk/montecarlo/model.js';
import { ScenarioStream } from '../../../src/risk/montecarlo/stream.js';

// The batched fold must give, bit for bit, what addLoss gives event by event: the Monte Carlo's
// results may not depend on the order in which losses reach the statistics.

const dims = { nOps: 37, nSvc: 5 } as unknown as CompiledModel;
// 37 entities record directly by default; capacities below force the buffered path too
const capacities = [0, 1, 7, lossBatchCapacity(2000)];
// thresholds inside bins, on bin boundaries (0.25, 0.5 are also event values), at the ends and past them
const thresholds = [0.01, 0.05, 0.1, 0.25, 0.5, 0.3, 1, 2 ** -30, 2 ** -24, 0, 1.5];

function events(n: number, seed: number): [number, number][] {
  const s = new ScenarioStream(seed);
  s.reset(0);
  return Array.from({ length: n }, (_, i) => {
    const e = (s.nextU32() % 7 === 0 ? 3 : s.nextU32()) % dims.nOps;
    // fractions over the histogram's whole range, point masses and the ends (1, the smallest bin)
    const kind = i % 5;
    const frac = kind === 0 ? 1 : kind === 1 ? 0.25 : kind === 2 ? 2 ** -(1 + (s.nextU32() % 30)) : s.uniform();
    return [e, frac];
  });
}

test('LossBatch folds to exactly the statistics addLoss records, direct and buffered, across batch boundaries', () => {
  for (const capacity of capacities) {
    for (const n of [0, 1, 1000, 2 * dims.nOps * capacity + 17]) {
      const evs = events(n, n + 1);
      const direct = newAccumulator(dims, thresholds);
      const batched = newAccumulator(dims, thresholds);
      const batch = new LossBatch(batched.ops, batched.thresholds, capacity);
      for (const [e, frac] of evs) {
        addLoss(direct.ops, direct.thresholds, e, frac);
        batch.add(e, frac);
      }
      batch.finish();
      for (const k of ['sumQ', 'sumSqQ', 'nonzero', 'exceed', 'histCount', 'histSumQ'] as const) {
        assert.deepEqual(batched.ops[k], direct.ops[k], `${k} after ${n} events, capacity ${capacity}`);
      }
      const nonzero = batched.ops.nonzero.reduce((a, b) => a + b, 0);
      assert.equal(nonzero, n);
    }
  }
});

test('LossBatch: one entity past the event limit of a packed cell, point masses and fractions above 1, exactly as addLoss', () => {
  const s = new ScenarioStream(5);
  s.reset(0);
  for (const capacity of capacities) {
    const direct = newAccumulator(dims, thresholds);
    const batched = newAccumulator(dims, thresholds);
    const batch = new LossBatch(batched.ops, batched.thresholds, capacity);
    // 3 full cells' worth in one bin of entity 0, a spread over entity 1, and fractions a little and well above 1
    for (let i = 0; i < 3 * cellEventsMax + 5; i++) {
      const evs: [number, number][] = [
        [0, 0.25],
        [1, s.uniform()],
        [2, i % 3 === 0 ? 1 + 2 ** -40 : i % 3 === 1 ? 1.0004 : 1.5],
      ];
      for (const [e, frac] of evs) {
        addLoss(direct.ops, direct.thresholds, e, frac);
        batch.add(e, frac);
      }
    }
    batch.finish();
    for (const k of ['sumQ', 'sumSqQ', 'nonzero', 'exceed', 'histCount', 'histSumQ'] as const) {
      assert.deepEqual(batched.ops[k], direct.ops[k], `${k}, capacity ${capacity}`);
    }
  }
  assert.throws(
    () => new LossBatch(newAccumulator(dims, thresholds).ops, Float64Array.from(thresholds), lossBatchSlotsMax + 1),
    RangeError,
  );
});

test('LossBatch capacity: direct for small sides, buffered and bounded for large ones', () => {
  assert.equal(lossBatchCapacity(100), 0);
  assert.equal(lossBatchCapacity(2000), lossBatchEventsPerEntity);
  assert.equal(lossBatchCapacity(10_000_000), lossBatchSlotsMin);
  assert.ok(lossBatchCapacity(20_000) * 20_000 <= lossBatchEventsMax && lossBatchCapacity(20_000) > lossBatchSlotsMin);
});

test('LossBatch.finish twice adds nothing the second time', () => {
  const acc = newAccumulator(dims, thresholds);
  for (const capacity of capacities) {
    const batch = new LossBatch(acc.ops, acc.thresholds, capacity);
    for (const [e, frac] of events(500, 9)) batch.add(e, frac);
    batch.finish();
    const once = acc.ops.histSumQ.slice();
    batch.finish();
    assert.deepEqual(acc.ops.histSumQ, once);
  }
});
