import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[]) => spawnSync(process.execPath, ['bin/stakemesh.js', ...args], { encoding: 'utf8' });

// two services sharing operators: a (stake 3) and b (stake 2) fully restaked; c only on y
const network = {
  operators: [
    { id: 'a', stake: '3' },
    { id: 'b', stake: '2' },
    { id: 'c', stake: '1' },
  ],
  services: [
    { id: 'x', profitFromCorruption: '2', attackThreshold: '1/2' },
    { id: 'y', profitFromCorruption: '2', attackThreshold: '1/2' },
  ],
  allocations: [
    { operator: 'a', service: 'x' },
    { operator: 'b', service: 'x' },
    { operator: 'a', service: 'y' },
    { operator: 'c', service: 'y' },
  ],
};

test('analyze --json prints the SPEC §5 contract with exact numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
  const file = join(dir, 'net.json');
  writeFileSync(file, JSON.stringify(network));
  const r = cli(['analyze', file, '--json', '--psi', '1/6']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, any>;
  // a alone (cost 3) takes x (needs 2.5 of 5) and y (needs 2 of 4): profit 4 − 3 = 1
  assert.equal(out.secure, false);
  assert.deepEqual(out.bestAttack.services, ['x', 'y']);
  assert.deepEqual(out.bestAttack.operators, ['a']);
  assert.equal(out.bestAttack.profit, '1');
  assert.equal(out.bestAttack.cost, '3');
  assert.equal(out.slack, '-0.25');
  assert.equal(out.operatorCondition.holds, false);
  assert.equal(out.operatorCondition.operators.a.lhs, '5.4');
  assert.equal(out.worstLoss.psi, '1/6');
  assert.equal(typeof out.worstLoss.loss, 'string');
  assert.ok(Array.isArray(out.worstLoss.shock));
  assert.equal(out.exact.bestAttack, true);
  const text = cli(['analyze', file, '--cascade', '--byzantine', 'y']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /verdict: /);
  assert.match(text.stdout, /cascade: /);
});

test('analyze: bad input gives one line on stderr and a non-zero exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ ...network, allocations: [{ operator: 'zz', service: 'x' }] }));
  for (const args of [[file], [join(dir, 'missing.json')], [file.replace('bad', 'x'), '--psi', '2']]) {
    const r = cli(['analyze', ...args]);
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify(network));
  for (const args of [
    ['--psi', '1.5'],
    ['--time-limit', 'x'],
    ['--byzantine', 'nope'],
  ]) {
    const r = cli(['analyze', good, ...args]);
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('generate is deterministic and its output analyzes', () => {
  const a = cli(['generate', '--operators', '30', '--services', '6', '--seed', '3']);
  const b = cli(['generate', '--operators', '30', '--services', '6', '--seed', '3']);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const dir = mkdtempSync(join(tmpdir(), 'generate-'));
  writeFileSync(join(dir, 'g.json'), a.stdout);
  const r = cli(['analyze', join(dir, 'g.json'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(typeof JSON.parse(r.stdout).secure, 'boolean');
  const bad = cli(['generate', '--operators', '0', '--services', '6']);
  assert.notEqual(bad.status, 0);
});

/** A new file with this content in a fresh temporary directory. */
function fileWith(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'analyze-')), name);
  writeFileSync(file, content);
  return file;
}

test('analyze <command log>: failed commands are counted on stderr and in the JSON, exit 0', () => {
  const log = fileWith(
    'log.json',
    JSON.stringify([
      { type: 'registerOperator', operator: 'a', commissionBips: 1000 },
      { type: 'registerOperator', operator: 'a', commissionBips: 1000 },
      { type: 'createService', service: 's' },
      { type: 'createService', service: 's' },
    ]),
  );
  const r = cli(['analyze', log, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^analyze: 2 of 4 commands failed \(first: OPERATOR_EXISTS at command 1: .+\)\n$/);
  const out = JSON.parse(r.stdout) as { source: { commands: number; failed: number; firstFailure: { index: number; code: string } } };
  assert.equal(out.source.commands, 4);
  assert.equal(out.source.failed, 2);
  assert.deepEqual([out.source.firstFailure.index, out.source.firstFailure.code], [1, 'OPERATOR_EXISTS']);
  const text = cli(['analyze', log]);
  assert.match(text.stdout, /source: command log of 4 commands, 2 failed/);
});

test('--byzantine: an empty list is BAD_OPTION, a service named twice is listed once', () => {
  const file = fileWith('net.json', JSON.stringify(network));
  for (const list of ['', ' , ', 'x,,y']) {
    const r = cli(['analyze', file, '--byzantine', list]);
    assert.equal(r.status, 2, list);
    assert.match(r.stderr, /^stakemesh: BAD_OPTION: --byzantine.*\n$/);
  }
  const r = cli(['analyze', file, '--json', '--byzantine', 'y,y, y']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).byzantine.services, ['y']);
});

test('a YAML syntax error is one line ending in its line and column (no dangling code frame)', () => {
  const file = fileWith('bad.yaml', 'operators:\n  - id: a\n   stake: "1"\n');
  const r = cli(['analyze', file]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^stakemesh: PARSE_ERROR: .* at line 3, column \d+\n$/);
});

test('generate --out to a path that cannot be written: WRITE_FAILED in one line, no stack trace', () => {
  const r = cli(['generate', '--operators', '3', '--services', '2', '--out', '/nonexistent/dir/x.json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^stakemesh: WRITE_FAILED: cannot write \/nonexistent\/dir\/x\.json: ENOENT\n$/);
});

test('analyze --heuristic says what is proven: a profitable greedy attack is an exact "insecure"', () => {
  const file = fileWith('net.json', JSON.stringify(network));
  const r = cli(['analyze', file, '--heuristic', '--psi', '1/6']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /verdict: INSECURE \(a profitable attack exists; exact: the greedy search found one\)/);
  assert.doesNotMatch(r.stdout, /solver budget/);
  assert.match(r.stdout, /R_ψ .*heuristic lower bound/);
  const j = JSON.parse(cli(['analyze', file, '--heuristic', '--json']).stdout) as Record<string, any>;
  assert.equal(j.heuristic, true);
  assert.equal(j.secure, false);
  assert.equal(j.bestAttack.profit, '1');
});
