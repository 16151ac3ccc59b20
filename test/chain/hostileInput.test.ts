import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importSnapshot } from '../../src/chain/importSnapshot.js';
import { preprod } from '../../src/chain/networks.js';
import { StakemeshFailure } from '../../src/errors/result.js';
import { repoRoot } from './sharedData.js';

const log = (over: Record<string, unknown>): Record<string, unknown> => ({
  block: 10,
  transactionIndex: 0,
  logIndex: 0,
  transactionHash: `0x${'ab'.repeat(32)}`,
  address: preprod.contracts.AllocationManager,
  event: 'AllocationDelaySet',
  args: { operator: `0x${'11'.repeat(20)}`, delay: 0, effectBlock: 85 },
  ...over,
});

describe('hostile snapshots: a clear code, nothing half-written, no crash', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'stakemesh-hostile-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const attempt = (content: string): string => {
    const file = join(dir, 'snap.json');
    writeFileSync(file, content);
    try {
      importSnapshot({ files: [file], network: preprod, out: join(dir, 'out.jsonl'), manifestPath: join(dir, 'out.json') });
      return 'ok';
    } catch (e) {
      if (e instanceof StakemeshFailure) return e.code;
      throw e;
    }
  };

  it('refuses malformed logs with BAD_LOG or PARSE_ERROR', () => {
    assert.equal(attempt('{"logs": [1]}'), 'BAD_LOG');
    assert.equal(attempt('{"nologs": []}'), 'BAD_LOG');
    assert.equal(attempt('{not json'), 'PARSE_ERROR');
    assert.equal(attempt(JSON.stringify([log({ event: 'Transfer' })])), 'BAD_LOG');
    assert.equal(attempt(JSON.stringify([log({ args: { operator: '0x12', delay: 0, effectBlock: 85 } })])), 'BAD_LOG');
    assert.equal(attempt(JSON.stringify([log({ args: { operator: `0x${'11'.repeat(20)}`, delay: 'many', effectBlock: 85 } })])), 'BAD_LOG');
    assert.equal(attempt(JSON.stringify([log({ args: { operator: `0x${'11'.repeat(20)}`, delay: 0 } })])), 'BAD_LOG');
    assert.equal(attempt(JSON.stringify([log({ block: -1 })])), 'BAD_LOG');
    assert.equal(attempt(JSON.stringify([log({ __proto__: { polluted: true } })])), 'ok');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('reports, never drops, what the ledger cannot express: an unknown topic, a ledger refusal', () => {
    const unknownTopic = {
      address: preprod.contracts.DelegationManager,
      topics: [`0x${'99'.repeat(32)}`],
      data: '0x',
      blockNumber: '0xa',
      transactionIndex: '0x0',
      logIndex: '0x1',
      transactionHash: `0x${'cd'.repeat(32)}`,
      blockHash: `0x${'ee'.repeat(32)}`,
    };
    const completedUnknown = log({
      logIndex: 2,
      event: 'SlashingWithdrawalCompleted',
      address: preprod.contracts.DelegationManager,
      args: { withdrawalRoot: `0x${'77'.repeat(32)}` },
    });
    const removedNever = log({
      logIndex: 3,
      event: 'OperatorRemovedFromOperatorSet',
      args: { operator: `0x${'11'.repeat(20)}`, operatorSet: { avs: `0x${'22'.repeat(20)}`, id: 1 } },
    });
    writeFileSync(join(dir, 'mixed.json'), JSON.stringify([log({}), unknownTopic, completedUnknown, removedNever]));
    const m = importSnapshot({
      files: [join(dir, 'mixed.json')],
      network: preprod,
      out: join(dir, 'mixed.jsonl'),
      manifestPath: join(dir, 'mixed.manifest.json'),
    });
    assert.equal(m.events, 4);
    assert.deepEqual(
      m.unexpressible.map((u) => [u.block, u.logIndex, u.event]),
      [
        [10, 1, '(unknown event)'],
        [10, 2, 'SlashingWithdrawalCompleted'],
        [10, 3, 'OperatorRemovedFromOperatorSet'],
      ],
    );
    assert.match(m.unexpressible[2]?.reason ?? '', /UNKNOWN_SET|NOT_REGISTERED|Unknown operator set/);
    // The log still replays: the refused command was not written.
    assert.equal(readFileSync(join(dir, 'mixed.jsonl'), 'utf8').trim().split('\n').length, m.log.lines);
  });

  it('the CLI prints one line with the code and exits 2', () => {
    writeFileSync(join(dir, 'bad.json'), '{"logs": [{"event": "Nope"}]}');
    const r = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'bin/stakemesh.js'),
        'import',
        'eigenlayer',
        '--network',
        'preprod',
        '--snapshot',
        join(dir, 'bad.json'),
        '--out',
        join(dir, 'cli.jsonl'),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^stakemesh: BAD_LOG: /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const both = spawnSync(process.execPath, [join(repoRoot, 'bin/stakemesh.js'), 'import', 'eigenlayer', '--out', join(dir, 'x.jsonl')], {
      encoding: 'utf8',
    });
    assert.equal(both.status, 2);
    assert.match(both.stderr, /BAD_OPTION/);
  });
});
