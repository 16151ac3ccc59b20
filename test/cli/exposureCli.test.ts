import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/stakemesh.js', import.meta.url));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The example log of docs/lrt.md, written to a temporary file. */
function exampleFile(): string {
  const md = readFileSync(new URL('../../../docs/lrt.md', import.meta.url), 'utf8');
  const m = /```json lrt-example\n([\s\S]*?)\n```/.exec(md);
  assert.ok(m?.[1]);
  const p = join(mkdtempSync(join(tmpdir(), 'stakemesh-lrt-')), 'lrt.json');
  writeFileSync(p, m[1]);
  return p;
}

describe('stakemesh exposure', () => {
  const log = exampleFile();
  it('prints the look-through table of a vault of LRT tokens', () => {
    const r = cli('exposure', log, '--vault', 'vx');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /opC\s+s2\s+555000\n/);
    assert.match(r.stdout, /opA\s+s1\s+360975\.609756\n/);
    assert.match(r.stdout, /total 915975\.609756/);
  });
  it('--json gives exact rationals', () => {
    const r = cli('exposure', log, '--lrt', 'L1', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { exposure: { operator: string; set: string; amount: string }[] };
    assert.deepEqual(
      out.exposure.map((e) => [e.operator, e.set]),
      [['opA', 's1']],
    );
    assert.match(out.exposure[0]?.amount ?? '', /^[0-9]+\/[0-9]+$/);
  });
  it('bad options and unknown ids: one line on stderr, non-zero exit', () => {
    const none = cli('exposure', log);
    assert.equal(none.status, 2);
    assert.equal(none.stderr, 'stakemesh: BAD_OPTION: give exactly one of --vault, --lrt, --staker\n');
    const unknown = cli('exposure', log, '--lrt', 'nope');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^stakemesh: UNKNOWN_LRT: /);
  });
});
