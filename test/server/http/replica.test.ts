// A --follow replica over HTTP: it reaches the writer's head within 1 s of a commit, streams the
// commit as an event, and refuses writes with 503 READ_ONLY (PostgreSQL: LISTEN/NOTIFY).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import { buildServer } from '../../../src/server/http/buildServer.js';
import { openLedgerService } from '../../../src/server/service/openLedgerService.js';
import { backends, testKey } from './backends.js';
import { call, listen, postJson, readEvents } from './httpHelpers.js';

const pgBackend = backends.find((b) => b.name === 'postgresql')!;
const admin = testKey('replica-admin');
/** Issue 10: a follower reaches the writer's head within this many ms of a commit. */
const lagMaxMs = 1000;

describe('replica: serve --follow', { skip: pgBackend.skip }, () => {
  it(`reaches the writer's head within ${lagMaxMs} ms of each commit; refuses writes`, async () => {
    const store = await pgBackend.fresh();
    const common = {
      dataDir: store.dataDir,
      database: store.database,
      chainId: 31337,
      admins: [admin.account],
      blockTimeS: 0,
      snapshotEvery: 100,
    };
    const writer = await openLedgerService({ ...common, follow: false });
    const follower = await openLedgerService({ ...common, follow: true });
    const wApp = buildServer({ service: writer });
    const fApp = buildServer({ service: follower });
    try {
      const w = await listen(wApp);
      const f = await listen(fApp);
      assert.equal((await call(`${f}/healthz`)).body.readOnly, true);
      const events = readEvents(`${f}/v1/events?after=0`, 3);
      const lags: number[] = [];
      const commands = [
        { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
        { type: 'createVault', vault: 'v', asset: 'stETH' },
        { type: 'setPrice', asset: 'stETH', price: '3600' },
      ];
      for (const [i, command] of commands.entries()) {
        const r = await postJson(`${w}/v1/commands`, signEnvelope({ key: admin, chainId: 31337, nonce: i + 1, command }));
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const t0 = performance.now();
        while ((await call(`${f}/v1/head`)).body.seq < r.body.seq) {
          assert.ok(performance.now() - t0 < lagMaxMs, `follower still behind seq ${r.body.seq} after ${lagMaxMs} ms`);
          await new Promise((res) => setTimeout(res, 5));
        }
        lags.push(performance.now() - t0);
      }
      assert.deepEqual((await call(`${f}/v1/head`)).body, (await call(`${w}/v1/head`)).body);
      assert.deepEqual((await call(`${f}/v1/vaults/v`)).body, (await call(`${w}/v1/vaults/v`)).body);
      assert.deepEqual(
        (await events).map((e) => e.id),
        ['1', '2', '3'],
      );
      const refused = await postJson(`${f}/v1/commands`, signEnvelope({ key: admin, chainId: 31337, nonce: 4, command: commands[2]! }));
      assert.deepEqual([refused.status, refused.body.code], [503, 'READ_ONLY']);
      assert.ok(Math.max(...lags) < lagMaxMs, lags.join());
    } finally {
      await fApp.close();
      await wApp.close();
      await follower.close();
      await writer.close();
      await store.drop();
    }
  });
});
