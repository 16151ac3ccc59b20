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
