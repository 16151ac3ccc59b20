import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StakemeshFailure } from '../../../src/errors/result.js';
import { hexField, hexFieldText, toHex } from '../../../src/core/conditions/evidenceFields.js';

// hexField checks its text with a loop over the characters instead of the pattern it used first.
// Same verdict (bytes, or error code and message) as that pattern on random strings built to hit
// every branch: prefixes 0x / 0X / x, odd lengths, non-hex and non-ASCII characters, lengths
// around the bounds. Replay a failure with FC_SEED=<seed>.

const runs = { numRuns: 2000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

const HEX = /^(?:0x)?((?:[0-9a-fA-F]{2})*)$/;

/** The first implementation, verbatim in behaviour. */
function patternHexField(v: unknown, what: string, len: { exact?: number; max?: number }): Uint8Array {
  const code = 'EVIDENCE_MALFORMED';
  if (typeof v !== 'string') throw new StakemeshFailure(code, `${what} must be a hex string`);
  const max = len.exact ?? len.max ?? 0;
  if (v.length > 2 * max + 2) throw new StakemeshFailure('EVIDENCE_TOO_LARGE', `${what} longer than ${max} bytes`);
  const m = HEX.exec(v);
  if (!m) throw new StakemeshFailure(code, `${what} is not hex`);
  const body = m[1] ?? '';
  if (body.length > 2 * max) throw new StakemeshFailure('EVIDENCE_TOO_LARGE', `${what} longer than ${max} bytes`);
  if (len.exact !== undefined && body.length !== 2 * len.exact) throw new StakemeshFailure(code, `${what} must be ${len.exact} bytes`);
  return Uint8Array.from(body.match(/../g) ?? [], (h) => parseInt(h, 16));
}

function outcome(f: () => Uint8Array | string): string {
  try {
    const r = f();
    return typeof r === 'string' ? `text ${r}` : `bytes ${toHex(r)}`;
  } catch (e) {
    if (e instanceof StakemeshFailure) return `${e.code} ${e.message}`;
    throw e;
  }
}

const piece = fc.oneof(
  fc.constantFrom('0x', '0X', 'x', '0', 'g', 'G', ' ', '\n', 'é', '٣', '\u0000', 'aB', 'ff', '00', 'Fe'),
  fc.stringMatching(/^[0-9a-fA-F]{0,10}$/),
);
const text = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
  fc.string({ maxLength: 20 }),
  fc.uint8Array({ maxLength: 8 }).map((b) => toHex(b)),
);
const bound = fc.oneof(fc.record({ exact: fc.nat({ max: 8 }) }), fc.record({ max: fc.nat({ max: 8 }) }), fc.constant({}));

test('hexField gives the bytes, or the error code and message, of the pattern version on random strings', () => {
  fc.assert(
    fc.property(fc.oneof(text, fc.anything()), bound, (v, len) => {
      const want = outcome(() => patternHexField(v, 'f', len));
      assert.equal(
        outcome(() => hexField(v, 'f', len)),
        want,
      );
      // the text form: same checks, and the digits lower-cased exactly as toHex of the bytes
      const asText = outcome(() => hexFieldText(v, 'f', len));
      assert.equal(asText, want.startsWith('bytes ') ? `text ${want.slice(6)}` : want);
    }),
    runs,
  );
});

test('hexField edge cases', () => {
  assert.equal(toHex(hexField('0x', 'f', { max: 1 })), '');
  assert.equal(toHex(hexField('', 'f', { max: 1 })), '');
  assert.equal(toHex(hexField('0xAbCd', 'f', { exact: 2 })), 'abcd');
  assert.equal(hexFieldText('0xAbCd', 'f', { exact: 2 }), 'abcd');
  assert.equal(hexFieldText('abcd', 'f', { exact: 2 }), 'abcd');
  assert.match(
    outcome(() => hexField('0X00', 'f', { max: 4 })),
    /^EVIDENCE_MALFORMED .*f is not hex$/,
  );
  assert.match(
    outcome(() => hexField('0x0', 'f', { max: 4 })),
    /^EVIDENCE_MALFORMED .*f is not hex$/,
  );
  assert.match(
    outcome(() => hexField('0x0x00', 'f', { max: 4 })),
    /^EVIDENCE_MALFORMED .*f is not hex$/,
  );
  assert.match(
    outcome(() => hexField('00\n', 'f', { max: 4 })),
    /^EVIDENCE_MALFORMED .*f is not hex$/,
  );
  assert.match(
    outcome(() => hexField('0x000000', 'f', { max: 2 })),
    /^EVIDENCE_TOO_LARGE .*f longer than 2 bytes$/,
  );
  assert.match(
    outcome(() => hexField('000000', 'f', { exact: 2 })),
    /^EVIDENCE_TOO_LARGE .*f longer than 2 bytes$/,
  );
  assert.match(
    outcome(() => hexField('00', 'f', { exact: 2 })),
    /^EVIDENCE_MALFORMED .*f must be 2 bytes$/,
  );
  assert.match(
    outcome(() => hexField(7, 'f', { exact: 2 })),
    /^EVIDENCE_MALFORMED .*f must be a hex string$/,
  );
});
