import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StakemeshFailure } from '../../../src/errors/result.js';
import {
  doubleSignCodec,
  livenessCodec,
  oracleReferenceCodec,
  oracleReportCodec,
  readMessage,
} from '../../../src/core/conditions/encoding.js';
import { toHex } from '../../../src/core/conditions/evidenceFields.js';
import { evidenceId } from '../../../src/core/conditions/evidenceId.js';

const runs = { numRuns: 300, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

function code(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof StakemeshFailure) return e.code;
    throw e;
  }
}

test('doubleSign golden vector (docs/conditions.md worked example)', () => {
  const bytes = doubleSignCodec.encode({
    set: 'eoracle-main',
    operator: 'op-a',
    height: 1200,
    round: 0,
    payload: new Uint8Array([0xaa, 0xbb]),
  });
  assert.equal(
    toHex(bytes),
    '17' +
      toHex(new TextEncoder().encode('stakemesh/v1/doubleSign')) +
      '0c' +
      toHex(new TextEncoder().encode('eoracle-main')) +
      '04' +
      toHex(new TextEncoder().encode('op-a')) +
      '00000000000004b0' +
      '0000000000000000' +
      '00000002' +
      'aabb',
  );
});

test('round trip and strict decoding of every message type', () => {
  const id = fc.stringMatching(/^[\x21-\x7e]{1,20}$/);
  const h = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
  fc.assert(
    fc.property(
      id,
      id,
      id,
      h,
      h,
      fc.uint8Array({ maxLength: 64 }),
      fc.bigInt(0n, 2n ** 256n - 1n),
      fc.nat(),
      fc.nat(),
      (set, operator, feed, height, round, payload, value, t, m) => {
        const ds = { set, operator, height, round, payload };
        assert.deepEqual(doubleSignCodec.decode(doubleSignCodec.encode(ds)), ds);
        const lv = { set, operator, height, tasks: t, missed: m };
        assert.deepEqual(livenessCodec.decode(livenessCodec.encode(lv)), lv);
        const rp = { set, operator, feed, round, height, value };
        assert.deepEqual(oracleReportCodec.decode(oracleReportCodec.encode(rp)), rp);
        const rf = { set, feed, round, value };
        assert.deepEqual(oracleReferenceCodec.decode(oracleReferenceCodec.encode(rf)), rf);
        // fields form and encoded form decode to the same bytes
        const viaFields = readMessage(doubleSignCodec, doubleSignCodec.toFields(ds));
        const viaHex = readMessage(doubleSignCodec, { message: '0x' + toHex(doubleSignCodec.encode(ds)).toUpperCase() });
        assert.equal(toHex(viaFields.bytes), toHex(viaHex.bytes));
      },
    ),
    runs,
  );
});

test('truncated, extended, re-tagged and non-canonical messages are EVIDENCE_MALFORMED', () => {
  const bytes = doubleSignCodec.encode({ set: 's', operator: 'o', height: 5, round: 1, payload: new Uint8Array([1, 2, 3]) });
  for (let n = 0; n < bytes.length; n++)
    assert.equal(
      code(() => doubleSignCodec.decode(bytes.subarray(0, n))),
      'EVIDENCE_MALFORMED',
    );
  assert.equal(
    code(() => doubleSignCodec.decode(new Uint8Array([...bytes, 0]))),
    'EVIDENCE_MALFORMED',
  );
  assert.equal(
    code(() => livenessCodec.decode(bytes)),
    'EVIDENCE_MALFORMED',
  );
  const zeroLenId = bytes.slice();
  zeroLenId[1 + 23] = 0; // set length byte → 0
  assert.equal(
    code(() => doubleSignCodec.decode(zeroLenId)),
    'EVIDENCE_MALFORMED',
  );
  const hugeHeight = bytes.slice();
  hugeHeight[1 + 23 + 2 + 2] = 0xff; // height high byte → above 2^53
  assert.equal(
    code(() => doubleSignCodec.decode(hugeHeight)),
    'EVIDENCE_MALFORMED',
  );
  assert.equal(
    code(() => readMessage(doubleSignCodec, { message: toHex(bytes), set: 's' })),
    'EVIDENCE_MALFORMED',
  );
  assert.equal(
    code(() => readMessage(doubleSignCodec, { message: 'abc' })),
    'EVIDENCE_MALFORMED',
  );
  assert.equal(
    code(() => readMessage(doubleSignCodec, { message: 'zz' })),
    'EVIDENCE_MALFORMED',
  );
  assert.equal(
    code(() => readMessage(doubleSignCodec, { message: 'ab'.repeat(10_000) })),
    'EVIDENCE_TOO_LARGE',
  );
});

test('evidence ids are namespaced by kind', () => {
  const offence = new Uint8Array([1, 2, 3]);
  assert.notEqual(evidenceId('doubleSign', offence), evidenceId('myKind', offence));
  assert.equal(evidenceId('doubleSign', offence), evidenceId('doubleSign', offence.slice()));
  assert.match(evidenceId('doubleSign', offence), /^[0-9a-f]{64}$/);
});

test('docs/conditions.md worked example: key, signature and evidence id', async () => {
  const { signPiece } = await import('../../../src/core/conditions/buildEvidence.js');
  const { publicKeyOf, secretKeyFromSeed } = await import('../../../src/core/conditions/signatures.js');
  const { ByteWriter } = await import('../../../src/core/conditions/bytes.js');
  const k = { scheme: 'ed25519' as const, secretKey: secretKeyFromSeed('ed25519', new Uint8Array([0x0a])) };
  assert.equal(publicKeyOf('ed25519', k.secretKey), '9d9dc7abb8411880c2dd670cf7d5c92182a356c709df5c9f9315ac68929c474c');
  const piece = signPiece(
    doubleSignCodec,
    { set: 'eoracle-main', operator: 'op-a', height: 1200, round: 0, payload: new Uint8Array([0xaa, 0xbb]) },
    k,
  );
  assert.equal(
    piece.signature,
    'd0f988fc517749be86d3dc6916b36a96f7b63d233d8c292c929b478168def12e563ad30d4582c702ebdb24f126cd7c25ca4023835c8432269d0cccfee3794508',
  );
  const offence = new ByteWriter().id('eoracle-main').id('op-a').u64(1200).u64(0).finish();
  assert.equal(evidenceId('doubleSign', offence), '47ad6f1ddb4da9e7350b4a71c00d614a2f57cfeefe3f8aa06c67d38e4ee774a6');
});
