import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteWriter } from '../../../src/core/conditions/bytes.js';
import { toHex } from '../../../src/core/conditions/evidenceFields.js';

// ByteWriter writes into one growable typed array (a hot-path rewrite). Its bytes must be those of
// the straightforward DataView encoding it replaced, field for field, on random sequences of
// writes (including values outside each field's range, which wrap as the DataView setters do).
// Replay a failure with FC_SEED=<seed>.

const runs = { numRuns: 300, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

type Op =
  | { readonly f: 'u8' | 'u32' | 'u64'; readonly n: number }
  | { readonly f: 'u256'; readonly n: bigint }
  | { readonly f: 'id'; readonly s: string }
  | { readonly f: 'bytes' | 'varBytes'; readonly b: Uint8Array };

/** The reference: one typed array per field through DataView, concatenated. */
function reference(ops: readonly Op[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const fixed = (len: number, set: (d: DataView) => void) => {
    const b = new Uint8Array(len);
    set(new DataView(b.buffer));
    parts.push(b);
  };
  for (const op of ops) {
    if (op.f === 'u8') fixed(1, (d) => d.setUint8(0, op.n));
    else if (op.f === 'u32') fixed(4, (d) => d.setUint32(0, op.n));
    else if (op.f === 'u64') fixed(8, (d) => d.setBigUint64(0, BigInt(op.n)));
    else if (op.f === 'u256') {
      const v = BigInt.asUintN(256, op.n);
      fixed(32, (d) => {
        for (let i = 0; i < 4; i++) d.setBigUint64(8 * i, BigInt.asUintN(64, v >> BigInt(64 * (3 - i))));
      });
    } else if (op.f === 'id') {
      fixed(1, (d) => d.setUint8(0, op.s.length));
      parts.push(new TextEncoder().encode(op.s));
    } else if ('b' in op) {
      const b = op.b;
      if (op.f === 'varBytes') fixed(4, (d) => d.setUint32(0, b.length));
      parts.push(b);
    }
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function write(ops: readonly Op[]): Uint8Array {
  const w = new ByteWriter();
  for (const op of ops) {
    if (op.f === 'u256') w.u256(op.n);
    else if (op.f === 'id') w.id(op.s);
    else if (op.f === 'bytes' || op.f === 'varBytes') w[op.f](op.b);
    else if (op.f === 'u8' || op.f === 'u32' || op.f === 'u64') w[op.f](op.n);
  }
  return w.finish();
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ f: fc.constant('u8' as const), n: fc.integer({ min: -300, max: 600 }) }),
  fc.record({ f: fc.constant('u32' as const), n: fc.oneof(fc.nat(), fc.integer({ min: -(2 ** 33), max: 2 ** 34 })) }),
  fc.record({ f: fc.constant('u64' as const), n: fc.oneof(fc.maxSafeNat(), fc.integer({ min: -(2 ** 40), max: 0 })) }),
  fc.record({
    f: fc.constant('u256' as const),
    n: fc.oneof(fc.bigInt(0n, 2n ** 256n - 1n), fc.bigInt(0n, 300n), fc.bigInt(-(2n ** 260n), 2n ** 260n)),
  }),
  fc.record({ f: fc.constant('id' as const), s: fc.stringMatching(/^[\x21-\x7e]{1,128}$/) }),
  fc.record({ f: fc.constantFrom('bytes' as const, 'varBytes' as const), b: fc.uint8Array({ maxLength: 700 }) }),
);

test('ByteWriter writes exactly the DataView encoding of every field sequence (grows past its first buffer)', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      assert.equal(toHex(write(ops)), toHex(reference(ops)));
    }),
    runs,
  );
});

test('ByteWriter edge values: u256 of 0, 1, 2^256 − 1, 2^256 and −1; finish() is a fresh copy', () => {
  const hex = (n: bigint) => toHex(new ByteWriter().u256(n).finish());
  assert.equal(hex(0n), '00'.repeat(32));
  assert.equal(hex(1n), '00'.repeat(31) + '01');
  assert.equal(hex(0xabcn), '00'.repeat(30) + '0abc');
  assert.equal(hex(2n ** 256n - 1n), 'ff'.repeat(32));
  assert.equal(hex(2n ** 256n), '00'.repeat(32));
  assert.equal(hex(-1n), 'ff'.repeat(32));
  const w = new ByteWriter().u8(1);
  const a = w.finish();
  w.u8(2);
  assert.equal(toHex(a), '01');
  assert.equal(toHex(w.finish()), '0102');
  assert.throws(() => new ByteWriter().id(''), /not an id/);
  assert.throws(() => new ByteWriter().u64(0.5), RangeError);
  // a writer that threw gave the shared scratch back: the next one borrows it and still writes right
  assert.equal(toHex(new ByteWriter().u8(7).u32(1).finish()), '0700000001');
});

test('ByteWriters alive at the same time (one borrows the shared scratch) never mix their bytes', () => {
  // random interleavings of up to three writers (each step also runs a nested writer inside
  // write()), some finishing early and writing on afterwards
  const step = fc.record({ w: fc.nat({ max: 2 }), op, finish: fc.boolean() });
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const writers: ByteWriter[] = [];
      const written: Op[][] = [[], [], []];
      const results: { readonly bytes: Uint8Array; readonly hex: string }[] = [];
      for (const s of steps) {
        while (writers.length <= s.w) writers.push(new ByteWriter());
        const w = writers[s.w] as ByteWriter;
        const ops = written[s.w] as Op[];
        ops.push(s.op);
        w.bytes(write([s.op]));
        if (s.finish) {
          const bytes = w.finish();
          assert.equal(toHex(bytes), toHex(reference(ops)));
          results.push({ bytes, hex: toHex(bytes) });
        }
      }
      for (const [i, w] of writers.entries()) assert.equal(toHex(w.finish()), toHex(reference(written[i] as Op[])));
      // what finish() returned was a copy: later writes by any writer did not change it
      for (const r of results) assert.equal(toHex(r.bytes), r.hex);
    }),
    runs,
  );
});
