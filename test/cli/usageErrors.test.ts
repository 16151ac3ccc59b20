import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/stakemesh.js', import.meta.url));
const example = fileURLToPath(new URL('../../../examples/mainnet-ledger.yaml', import.meta.url));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI usage errors', () => {
  it('print one line on stderr, nothing on stdout, and exit 2', () => {
    const cases: [string[], string][] = [
      [['run'], "stakemesh: BAD_OPTION: missing required argument 'log'\n"],
      [['run', example, '--bogus'], "stakemesh: BAD_OPTION: unknown option '--bogus'\n"],
      [['run', example, 'extra'], "stakemesh: BAD_OPTION: too many arguments for 'run'. Expected 1 argument but got 2.\n"],
      [['frobnicate'], "stakemesh: BAD_OPTION: unknown command 'frobnicate'\n"],
      [['evidence', 'sign'], "stakemesh: BAD_OPTION: required option '--type <type>' not specified\n"],
      [['exposure', example, '--vault'], "stakemesh: BAD_OPTION: option '--vault <id>' argument missing\n"],
    ];
    for (const [args, line] of cases) {
      const r = cli(...args);
      assert.equal(r.stderr, line, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.status, 2, args.join(' '));
    }
  });

  it('a suggestion stays on the same line', () => {
    const r = cli('rnu', example);
    assert.match(r.stderr, /^stakemesh: BAD_OPTION: unknown command 'rnu' \(Did you mean run\?\)\n$/);
    assert.equal(r.status, 2);
  });

  it('--help still prints the help on stdout and exits 0', () => {
    for (const args of [['--help'], ['run', '--help'], ['evidence', 'sign', '--help']]) {
      const r = cli(...args);
      assert.equal(r.status, 0, args.join(' '));
      assert.match(r.stdout, /^Usage: stakemesh/, args.join(' '));
      assert.equal(r.stderr, '', args.join(' '));
    }
  });
});
