// The strict JSON scanner behind JSON-array command logs: it accepts exactly what JSON.parse
// accepts (as an array), gives each element's line, and places syntax errors by line and column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseLog } from '../../../src/core/log/parseLog.js';
import { scanJsonArray } from '../../../src/core/log/scanJsonArray.js';

/** FC_SEED replays a failure (fast-check prints the seed and path). */
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

function parsesAsArray(text: string): unknown[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

const edits = '[]{}",:\\ \n\t0123456789.-+eEtrufalsn#\'/x';

describe('scanJsonArray', () => {
  it('agrees with JSON.parse on JSON arrays and on single-character edits of them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.constantFrom(...edits),
        (value, indent, at, kind, ch) => {
          const valid = JSON.stringify(value, null, indent);
          const scan = scanJsonArray(valid);
          assert.ok(scan.ok, valid);
          assert.equal(scan.lines.length, value.length);
          const i = at % (valid.length + 1);
          const text =
            kind === 'insert'
              ? valid.slice(0, i) + ch + valid.slice(i)
              : valid.slice(0, i) + (kind === 'replace' ? ch : '') + valid.slice(i + 1);
          const parsed = parsesAsArray(text);
          const edited = scanJsonArray(text);
          assert.equal(edited.ok, parsed !== null, `${JSON.stringify(text)}: ${edited.ok ? 'accepted' : edited.message}`);
          if (edited.ok && parsed) assert.equal(edited.lines.length, parsed.length);
        },
      ),
      { numRuns: 3000, ...seed },
    );
  });

  it('gives each element the line it starts on, whatever spans several lines', () => {
    const text = '[\n  {"type": "a"},\n\n  {"type":\n   "b"}, {"type": "c"},\n  [1,\n 2]\n]';
    assert.deepEqual(scanJsonArray(text), { ok: true, lines: [2, 4, 5, 6] });
    assert.deepEqual(scanJsonArray('[]'), { ok: true, lines: [] });
    assert.deepEqual(scanJsonArray(' [ 1 , "x,\\"]" ] \r\n'), { ok: true, lines: [1, 1] });
  });

  it('places errors by line and column, with what was found and what was expected', () => {
    const cases: [string, number, number, RegExp][] = [
      ['[{"type":"advance","blocks":1},]', 1, 32, /unexpected "\]", expected a value \(a trailing comma is not JSON\)/],
      ['[\n {"a": 1,\n  }]', 3, 3, /unexpected "}", expected a property name in double quotes \(a trailing comma/],
      ['[\n{"a": 1}\n{"b": 2}]', 3, 1, /unexpected "{", expected "," or "]"/],
      ['[\n{"a": "line\nbreak"}]', 2, 12, /unexpected U\+000A, expected a closing double quote/],
      ['[\n{"a": "\\q"}]', 2, 9, /unexpected "q", expected an escape/],
      ['[\n{"a": 01}]', 2, 8, /unexpected "1", expected "," or "}"/],
      ['[1]\n[2]', 2, 1, /unexpected "\[", expected the end of the input/],
      ['[\n{"a": [1, 2\n\n', 2, 12, /unexpected end of input, expected "," or "\]"/],
      ['[\n{"a": tru}]', 2, 7, /unexpected "t", expected a value/],
    ];
    for (const [text, line, column, message] of cases) {
      const scan = scanJsonArray(text);
      assert.ok(!scan.ok, text);
      assert.deepEqual([scan.line, scan.column], [line, column], `${JSON.stringify(text)}: ${scan.message}`);
      assert.match(scan.message, message);
    }
  });

  it('deep nesting is scanned without recursion', () => {
    const depth = 200_000;
    assert.deepEqual(scanJsonArray('['.repeat(depth) + ']'.repeat(depth)), { ok: true, lines: [1] });
  });

  it('parseLog: a JSON array log carries each command line; syntax errors name line and column', () => {
    const log = parseLog('[\n {"type": "advance", "blocks": 1},\n {"type": "advance",\n  "blocks": 2}\n]\n');
    assert.ok(log.ok);
    assert.deepEqual(log.value.lines, [2, 3]);
    const bad = parseLog('[\n {"type": "advance", "blocks": 1},\n]\n');
    assert.deepEqual(bad.ok ? null : bad.error.code, 'PARSE_ERROR');
    assert.match(bad.ok ? '' : bad.error.message, /line 3, column 1: unexpected "\]", expected a value \(a trailing comma is not JSON\)$/);
  });
});
