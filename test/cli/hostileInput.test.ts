// Bad input that used to escape the one-line error (issue 15): each case as an attacker or a
// careless user would try it, through bin/stakemesh.js.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { yamlCharsMax } from '../../src/core/log/parseLog.js';

const bin = fileURLToPath(new URL('../../../bin/stakemesh.js', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stakemesh-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** One `stakemesh: CODE: …` line on stderr, exit 2 (or `status`), no stack trace. */
function assertOneLine(r: Run, code: string, status = 2): void {
  assert.match(r.stderr, new RegExp(`^stakemesh: ${code}: [^\\n]+\\n$`), r.stderr);
  assert.equal(r.status, status, r.stderr);
}

const aliasBomb = [
  '- type: advance',
  '  blocks: 1',
  '  junk:',
  '    l0: &l0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 9 }, (_, i) => `    l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`),
].join('\n');

describe('YAML aliases: one-line PARSE_ERROR in run and exposure', () => {
  it('an undefined alias and an alias bomb', () => {
    const undefinedAlias = file('undefined-alias.yaml', '- *nope\n');
    const bomb = file('bomb.yaml', `${aliasBomb}\n`);
    for (const [f, msg] of [
      [undefinedAlias, /Unresolved alias/],
      [bomb, /alias count/],
    ] as const) {
      for (const args of [
        ['run', f],
        ['exposure', f, '--vault', 'v'],
      ]) {
        const r = cli(args);
        assertOneLine(r, 'PARSE_ERROR');
        assert.match(r.stderr, msg);
      }
    }
  });
});

describe('secp256k1 secret keys 0, n and above n: BAD_SECRET_KEY', () => {
  const n = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';
  const aboveN = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142';
  const zero = '00'.repeat(32);
  it('in evidence sign, keys prove and key files', () => {
    const message = JSON.stringify({ set: 's', operator: 'op', height: 1, round: 0, payload: '00' });
    assertOneLine(cli(['evidence', 'sign', '--type', 'doubleSign', '--message', message, '--key', `secp256k1:${zero}`]), 'BAD_SECRET_KEY');
    assertOneLine(cli(['keys', 'prove', '--operator', 'op', '--key', `secp256k1:${n}`]), 'BAD_SECRET_KEY');
    const keyFile = file('key.json', JSON.stringify({ scheme: 'secp256k1', secretKey: aboveN }));
    assertOneLine(cli(['keys', 'prove', '--operator', 'op', '--key', keyFile]), 'BAD_SECRET_KEY');
  });
});

describe('output that cannot be written', () => {
  it('a full disk (> /dev/full) is one WRITE_FAILED line', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, () => {
    const full = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" run "${join(examples, 'conditions.yaml')}" > /dev/full`], {
      encoding: 'utf8',
    });
    assertOneLine({ status: full.status, stdout: '', stderr: full.stderr }, 'WRITE_FAILED');
    assert.match(full.stderr, /ENOSPC/);
  });

  it('a closed pipe (| head -c 10) ends quietly with status 0', async () => {
    const child = spawn(process.execPath, [bin, 'generate', '--operators', '2000', '--services', '100'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 0);
  });
});

describe('inputs that are not regular files are refused before reading (no hang, no memory growth)', () => {
  it('/dev/zero, /dev/urandom and a FIFO with no writer', () => {
    assertOneLine(cli(['run', '/dev/zero']), 'NOT_A_FILE');
    assertOneLine(cli(['run', '/dev/urandom']), 'NOT_A_FILE');
    assertOneLine(cli(['analyze', '/dev/zero']), 'NOT_A_FILE');
    assertOneLine(cli(['simulate', dir]), 'NOT_A_FILE');
    const fifo = join(dir, 'fifo');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      assertOneLine(cli(['run', fifo]), 'NOT_A_FILE');
      assertOneLine(cli(['evidence', 'build', '--kind', 'doubleSign', `@${fifo}`, `@${fifo}`]), 'NOT_A_FILE');
    }
  });

  it('a YAML log above the YAML cap is TOO_LARGE at once, and says JSON Lines takes more', () => {
    const line = '- type: advance\n  blocks: "1"\n';
    const big = file('big.yaml', line.repeat(Math.ceil((yamlCharsMax + 1) / line.length)));
    const r = cli(['run', big]);
    assertOneLine(r, 'TOO_LARGE');
    assert.match(r.stderr, /YAML log is limited to 8388608 characters.*JSON Lines/);
  });
});

describe('run', () => {
  it('--strict exits 1 with COMMANDS_FAILED when a command failed; without it, 0', () => {
    const log = join(examples, 'mainnet-ledger.yaml');
    const strict = cli(['run', log, '--strict']);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /^stakemesh: COMMANDS_FAILED: .*1 of 59 commands failed; first #46 allocate: INSUFFICIENT_MAGNITUDE\n$/);
    assert.match(strict.stdout, /^block 1461/);
    assert.equal(cli(['run', log]).status, 0);
    assert.equal(cli(['run', join(examples, 'shared-security.yaml'), '--strict', '--json']).status, 0);
  });

  it('a UTF-8 BOM is accepted in JSON and JSON Lines logs, as in YAML', () => {
    const commands = [
      { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '1' },
      { type: 'advance', blocks: 2 },
    ];
    const json = cli(['run', file('bom.json', `\uFEFF${JSON.stringify(commands)}`), '--json']);
    const jsonl = cli(['run', file('bom.jsonl', `\uFEFF${commands.map((c) => JSON.stringify(c)).join('\n')}`), '--json']);
    const plain = cli(['run', file('plain.json', JSON.stringify(commands)), '--json']);
    assert.equal(json.status, 0, json.stderr);
    assert.equal(json.stdout, plain.stdout);
    assert.equal(jsonl.stdout, plain.stdout);
  });
});

describe('network and scenario files', () => {
  it('network ids __proto__, constructor and prototype are BAD_ID, as in the ledger', () => {
    for (const id of ['__proto__', 'constructor', 'prototype']) {
      const net = {
        operators: [
          { id: 'a', stake: '1' },
          { id, stake: '1' },
        ],
        services: [{ id: 'x', profitFromCorruption: '1', attackThreshold: '1' }],
      };
      const r = cli(['analyze', file(`net-${id}.json`, JSON.stringify(net)), '--json']);
      assertOneLine(r, 'BAD_ID');
    }
  });

  it('feeRate 1e308 is refused instead of printing Infinity/NaN yields with exit 0', () => {
    const sc = file(
      'fee.yaml',
      [
        'network:',
        '  operators: [{ id: a, stake: "10" }]',
        '  services: [{ id: x, profitFromCorruption: "1", attackThreshold: "1/2" }]',
        'defaults:',
        '  service: { feeRate: 1e308 }',
      ].join('\n'),
    );
    const r = cli(['price', sc, '--scenarios', '100']);
    assertOneLine(r, 'SCENARIO_INVALID');
    assert.doesNotMatch(r.stdout, /Infinity|NaN/);
  });
});

describe('output paths', () => {
  const scenario = () =>
    file(
      'tiny.yaml',
      [
        'network:',
        '  operators: [{ id: a, stake: "10" }, { id: b, stake: "5" }]',
        '  services: [{ id: x, profitFromCorruption: "3", attackThreshold: "1/2" }]',
        '  allocations: [{ operator: a, service: x }, { operator: b, service: x }]',
        'positions:',
        '  - { id: alice, kind: staker, holdings: [{ operator: a, amount: 2 }] }',
        'optimize: { scenarios: 50, candidates: 2 }',
      ].join('\n'),
    );

  it("--html '' and generate --out '' are BAD_OPTION", () => {
    assertOneLine(cli(['report', scenario(), '--html', '']), 'BAD_OPTION');
    assertOneLine(cli(['generate', '--operators', '3', '--services', '2', '--out', '']), 'BAD_OPTION');
  });

  it('report --html <unwritable path> fails before computing', () => {
    const r = cli(['report', scenario(), '--html', '/dev/null/report.html', '--no-security']);
    assertOneLine(r, 'WRITE_FAILED');
    assert.equal(r.stdout, '');
  });

  it(
    'report --html that fails while writing still prints the text report first',
    { skip: !existsSync('/dev/full') && 'no /dev/full' },
    () => {
      const r = cli(['report', scenario(), '--html', '/dev/full', '--no-security', '--scenarios', '200']);
      assertOneLine(r, 'WRITE_FAILED');
      assert.match(r.stdout, /Monte Carlo: 200 scenarios/);
    },
  );
});
