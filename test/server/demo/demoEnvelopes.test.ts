import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseLog } from '../../../src/core/log/parseLog.js';
import { runLog } from '../../../src/core/runLog.js';
import { demoEnvelopes } from '../../../src/server/demo/demoEnvelopes.js';
import { openLedgerService } from '../../../src/server/service/openLedgerService.js';

test('serve --demo: every command of the shared-security example is signed by its party and accepted', async () => {
  const parsed = parseLog(readFileSync('examples/shared-security.yaml', 'utf8'));
  assert.ok(parsed.ok);
  const commands = parsed.value.commands as Parameters<typeof demoEnvelopes>[0];
  const demo = demoEnvelopes(commands, 31337);
  assert.equal(demo.envelopes.length, commands.length);
  // Stakers and holders are accounts; entity ids (operators, services) keep their names.
  const alice = demo.accounts.get('alice');
  assert.match(alice ?? '', /^ed25519:[0-9a-f]{64}$/);
  assert.ok(demo.envelopes.some((e) => e.command['account'] === alice && e.account === alice));
  assert.ok(demo.envelopes.some((e) => e.command.type === 'registerOperator' && e.command['operator'] === 'A41'));
  const svc = await openLedgerService({
    dataDir: mkdtempSync(join(tmpdir(), 'stakemesh-demo-')),
    chainId: 31337,
    admins: [demo.admin.account],
    blockTimeS: 12,
    follow: false,
    snapshotEvery: 1000,
    now: () => 0,
  });
  try {
    // The example's own results: the same commands succeed or fail under names and under accounts.
    const expected = runLog(parsed.value.commands).results.map((r) => r.status === 'ok');
    for (const [i, e] of demo.envelopes.entries()) {
      const r = await svc.submit([e]);
      assert.equal(r.ok, expected[i], `command ${i} (${e.command.type}): ${r.ok ? 'ok' : `${r.code} ${r.message}`}`);
    }
    assert.equal(svc.head().seq, expected.filter(Boolean).length);
  } finally {
    await svc.close();
  }
});
