import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateScenario } from '../../src/risk/scenario/generateScenario.js';

const dir = mkdtempSync(join(tmpdir(), 'stakemesh-risk-'));
const raw = generateScenario({ operators: 40, services: 6, seed: 4 });
writeFileSync(join(dir, 'net.json'), JSON.stringify(raw.network));
raw.network = 'net.json';
raw.positions = [
  { id: 'alice', kind: 'staker', holdings: [{ operator: 'op-0000', amount: '100' }] },
  { id: 'pool', kind: 'insurance', covers: [{ position: 'alice', limit: 50 }] },
];
raw.optimize = { budget: 1000, candidates: 30, scenarios: 300, maxPerOperator: 0.5, maxPerService: 0.6 };
const scenario = join(dir, 'scenario.json');
writeFileSync(scenario, JSON.stringify(raw));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['bin/stakemesh.js', ...args], { encoding: 'utf8' });
}

test('simulate --json: loss distributions, positions and contagion; same seed, same output', () => {
  const a = cli('simulate', scenario, '--scenarios', '3000', '--seed', '5', '--threads', '1', '--json');
  assert.equal(a.status, 0, a.stderr);
  const r = JSON.parse(a.stdout) as {
    scenarios: number;
    operators: unknown[];
    services: unknown[];
    positions: { id: string }[];
    contagion: { matrix: unknown[] };
  };
  assert.equal(r.scenarios, 3000);
  assert.equal(r.operators.length, 40);
  assert.equal(r.contagion.matrix.length, 6);
  assert.deepEqual(
    r.positions.map((p) => p.id),
    ['alice', 'pool'],
  );
  const b = cli('simulate', scenario, '--scenarios', '3000', '--seed', '5', '--threads', '2', '--json');
  assert.equal(b.stdout, a.stdout);
});

test('report writes a self-contained HTML file and prints tables, the same on every run; price and optimize run', () => {
  const html = join(dir, 'out', 'r.html');
  const r = cli('report', scenario, '--scenarios', '2000', '--html', html, '--security-node-limit', '20');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Security: (NOT )?SECURE/);
  assert.match(r.stderr, /security analysis: [0-9.]+ s/);
  const again = cli('report', scenario, '--scenarios', '2000', '--html', `${html}.2`, '--security-node-limit', '20', '--threads', '1');
  assert.equal(again.stdout, r.stdout);
  assert.equal(readFileSync(`${html}.2`, 'utf8'), readFileSync(html, 'utf8'));
  assert.match(r.stdout, /Allocation optimiser/);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<svg/);
  assert.doesNotMatch(page, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  const p = cli('price', scenario, '--scenarios', '2000', '--json');
  assert.equal(p.status, 0, p.stderr);
  assert.ok((JSON.parse(p.stdout) as { covers: unknown[] }).covers.length === 1);
  const o = cli('optimize', scenario, '--lambda', '2', '--json');
  assert.equal(o.status, 0, o.stderr);
  assert.ok((JSON.parse(o.stdout) as { allocation: unknown[] }).allocation.length > 0);
});

test('bad input: one-line reason on stderr and a non-zero exit', () => {
  for (const args of [
    ['simulate', join(dir, 'missing.yaml')],
    ['simulate', scenario, '--threads', 'x'],
    ['simulate', scenario, '--scenarios', '0'],
    ['optimize', scenario, '--mode', 'sideways'],
    ['report', scenario, '--security-node-limit', '0'],
    ['report', scenario, '--security-time-limit', '1e3'],
  ]) {
    const r = cli(...args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  // an --html path that cannot be written (its parent is a file) is a write failure, not a parse error
  const notDir = join(dir, 'plain-file');
  writeFileSync(notDir, '');
  const unwritable = cli('report', scenario, '--no-security', '--scenarios', '200', '--html', join(notDir, 'r.html'));
  assert.equal(unwritable.status, 2);
  assert.match(unwritable.stderr, /^stakemesh: WRITE_FAILED: cannot write .*r\.html: E[A-Z]+\n$/);
  writeFileSync(join(dir, 'bad.yaml'), 'network: net.json\nfactors: [{ id: a, loading: 2 }]\n');
  const bad = cli('simulate', join(dir, 'bad.yaml'));
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /SCENARIO_INVALID/);
});

test('a scenario over a command log reports the log commands that failed, on stderr', () => {
  const log = readFileSync(new URL('../../../examples/shared-security.yaml', import.meta.url), 'utf8');
  writeFileSync(join(dir, 'bad-log.yaml'), `${log}\n- type: frobnicate\n`);
  writeFileSync(join(dir, 'bad-log-scenario.yaml'), 'network: bad-log.yaml\n');
  const r = cli('simulate', join(dir, 'bad-log-scenario.yaml'), '--scenarios', '500', '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /scenario network: 1 of \d+ commands failed \(first: UNKNOWN_COMMAND at command \d+/);
  assert.ok((JSON.parse(r.stdout) as { positions: unknown[] }).positions.length > 0);
});
