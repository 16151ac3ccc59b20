import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const bin = fileURLToPath(new URL('../../../bin/stakemesh.js', import.meta.url));
const example = fileURLToPath(new URL('../../../examples/mainnet-ledger.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stakemesh-run-'));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const log = [
  { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
  { type: 'createVault', vault: 'v', asset: 'stETH' },
  { type: 'registerOperator', operator: 'op' },
  { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
  { type: 'delegate', staker: 'alice', operator: 'op' },
  { type: 'deposit', staker: 'bob', vault: 'nope', amount: '5' },
];

describe('stakemesh run', () => {
  it('JSON, JSON Lines and YAML logs give the same state hash', () => {
    const hashes = [
      file('a.json', JSON.stringify(log)),
      file('a.jsonl', log.map((c) => JSON.stringify(c)).join('\n')),
      file('a.yaml', stringify(log)),
    ].map((p) => {
      const r = cli('run', p, '--json');
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout).stateHash as string;
    });
    assert.equal(new Set(hashes).size, 1);
  });

  it('--json prints the SPEC §4 contract; a failing command reports its code and the run goes on', () => {
    const out = JSON.parse(cli('run', file('b.json', JSON.stringify(log)), '--json').stdout);
    assert.deepEqual(Object.keys(out), ['block', 'results', 'state', 'stateHash']);
    assert.equal(out.results[5].status, 'UNKNOWN_VAULT');
    assert.equal(out.results[4].status, 'ok');
    assert.deepEqual(out.state.stakers.alice, {
      delegatedTo: 'op',
      vaults: { v: { depositShares: '1000', withdrawableShares: '1000', depositScalingFactor: '1000000000000000000' } },
    });
    assert.deepEqual(out.state.operators.op.vaults.v, { shares: '1000', maxMagnitude: '1000000000000000000', encumberedMagnitude: '0' });
    assert.match(out.stateHash, /^[0-9a-f]{64}$/);
  });

  it('malformed files fail with one line naming the line, and a non-zero exit', () => {
    const cases: [string, string, RegExp][] = [
      ['bad.json', '[\n{"type": "advance", "blocks": 1},\n{"type": \n', /PARSE_ERROR: .*line 3/],
      ['bad.jsonl', '{"type": "advance", "blocks": 1}\n{"type": "advance" "blocks": 2}\n', /PARSE_ERROR: .*line 2/],
      ['bad.yaml', '- type: advance\n  blocks: 1\n- type: a: b\n- type: advance\n', /PARSE_ERROR: .*line 3.*column \d+$/m],
      ['notlist.yaml', 'type: advance\n', /PARSE_ERROR: .*list of commands/],
      ['notype.jsonl', '{"type": "advance", "blocks": 1}\n{"blocks": 2}\n', /PARSE_ERROR: .*line 2: a command is an object/],
      ['comma.json', '[{"type":"advance","blocks":1},]', /PARSE_ERROR: .*line 1, column 32: unexpected "\]".*trailing comma/],
      [
        'comma2.json',
        '[\n  {"type": "advance", "blocks": 1},\n  {"type": "advance", "blocks": 2,}\n]\n',
        /PARSE_ERROR: .*line 3, column 35: .*trailing comma/,
      ],
      ['quotes.json', "[\n{'type': 'advance'}\n]", /PARSE_ERROR: .*line 2, column 2: unexpected "'"/],
      ['comment.json', '[\n{"type": "advance", "blocks": 1} # one\n]', /PARSE_ERROR: .*line 2, column 34: unexpected "#"/],
      ['bare.json', '[\n{type: "advance"}]', /PARSE_ERROR: .*line 2, column 2: unexpected "t", expected a property name/],
      ['notype.json', '[\n{"type": "advance", "blocks": 1},\n\n 7]', /PARSE_ERROR: .*line 4: a command is an object/],
    ];
    for (const [name, text, pattern] of cases) {
      const r = cli('run', file(name, text));
      assert.notEqual(r.status, 0, name);
      assert.match(r.stderr, pattern, name);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    }
    const missing = cli('run', join(dir, 'missing.yaml'));
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /ENOENT/);
  });

  it('a JSON array log gives each command its line: field errors name it', () => {
    const text = [
      '[',
      ...log.slice(0, 3).map((c) => `  ${JSON.stringify(c)},`),
      '  {"type": "deposit", "staker": "alice",',
      '   "vault": "v", "amount": "1.5"}',
      ']',
    ];
    const r = cli('run', file('lines.json', text.join('\n')));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^3 +5 +deposit +BAD_NUMBER +.*amount/m);
  });

  it('--json: reserved ids and unknown fields fail their command, the run goes on', () => {
    const cmds = [
      { type: 'registerOperator', operator: '__proto__' },
      { type: 'registerOperator', operator: 'constructor' },
      { type: 'registerOperator', operator: 'x', allocationMod: 'elastic' },
      { type: 'registerOperator', operator: 'y', allocationMode: 'elastic' },
    ];
    const out = JSON.parse(cli('run', file('ids.json', JSON.stringify(cmds)), '--json').stdout);
    assert.deepEqual(
      out.results.map((r: { status: string }) => r.status),
      ['BAD_ID', 'BAD_ID', 'BAD_FIELD', 'ok'],
    );
    assert.match(out.results[2].message, /unknown field "allocationMod" for registerOperator/);
    assert.deepEqual(Object.keys(out.state.operators), ['y']);
  });

  it('the bundled mainnet example runs and prints its tables', () => {
    const r = cli('run', example);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /59 commands · 58 ok · 1 failed/);
    assert.match(r.stdout, /INSUFFICIENT_MAGNITUDE/);
    assert.match(r.stdout, /etherfi-treasury +A41 +strategy-stETH .* 2134 stETH/);
  });
});
