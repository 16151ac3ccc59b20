import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { binRange, histBin, histBinScaled, histBins, histOctaves, quantum } from '../../../src/risk/montecarlo/accumulator.js';

test('log histogram bins: every loss fraction in (0, 1] falls inside its bin, bins are monotone', () => {
  fc.assert(
    fc.property(fc.double({ min: 2 ** -24, max: 1, noNaN: true }), (f) => {
      const b = histBin(f);
      const r = binRange(b);
      assert.ok(b >= 0 && b < histBins);
      assert.ok(f >= r.from && (f < r.to || (f === 1 && b === histBins - 1)), `${f} in bin ${b} [${r.from}, ${r.to})`);
    }),
    { seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
  );
  for (let b = 1; b < histBins; b++) assert.ok(binRange(b).from >= binRange(b - 1).to - 1e-18);
  assert.equal(histBin(1e-12), 0);
});

test('histBinScaled of ⌊frac · 2^30⌋ is histBin(frac): random fractions, every bin boundary and its neighbours', () => {
  const check = (f: number) => assert.equal(histBinScaled((f * quantum) | 0), histBin(f), `fraction ${f}`);
  fc.assert(fc.property(fc.double({ min: 2 ** -40, max: 1.5, noNaN: true }), check), {
    seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined,
  });
  for (let b = 0; b <= histBins; b++) {
    const edge = b === 0 ? 2 ** -histOctaves : binRange(b).from;
    for (const f of [edge, edge * (1 - 2 ** -52), edge * (1 + 2 ** -52), edge - 2 ** -31, edge + 2 ** -31]) check(f);
  }
  for (const f of [1, 1 + 2 ** -52, 1.999, 2 ** -24, 2 ** -30, 2 ** -31, 5e-324]) check(f);
});
