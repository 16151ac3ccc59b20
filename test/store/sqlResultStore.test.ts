// Job results in the store's database (SPEC §10): kept across a restart of the service, byte-for-byte, on
// PGlite and on a PostgreSQL server (STAKEMESH_TEST_PG_URL).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { jobKey } from '../../src/jobs/jobKey.js';
import { jobRunner } from '../../src/jobs/jobRunner.js';
import type { JobSpec } from '../../src/jobs/jobSpec.js';
import type { TaskBackend } from '../../src/jobs/taskBackend.js';
import { openSqlPort } from '../../src/store/openSqlPort.js';
import { migrate } from '../../src/store/migrate.js';
import { sqlResultStore } from '../../src/store/sqlResultStore.js';
import { openService } from '../server/service/serviceHarness.js';
import { storeBackends } from './storeBackends.js';

/** A backend that counts the tasks it runs and answers a result whose key order and numbers must survive storage. */
function countingBackend(): TaskBackend & { runs: number } {
  const b = {
    runs: 0,
    execute: () => {
      b.runs++;
      return Promise.resolve([{ z: 1, a: [0.1, -2.5e-7, 1e300, 12345678901234567], m: { y: 'é', b: null } }]);
    },
    close: () => Promise.resolve(),
  };
  return b;
}

const spec: JobSpec = { kind: 'analyze', stateHash: 'ab'.repeat(32), params: { block: 3, seq: 7 } };

for (const b of storeBackends('sqlResultStore')) {
  describe(`job results in the database (${b.name})`, { skip: b.skip }, () => {
    before(() => b.setUp());
    after(() => b.tearDown());
    beforeEach(() => b.reset());

    it('the same job after a restart of the service is answered from the table (cached, same JSON text)', async () => {
      const backend = countingBackend();
      let svc = await openService(b);
      const first = await jobRunner({ backend, store: svc.jobResults!() }).run(spec, { doc: 1 });
      assert.equal(first.status, 'done');
      assert.equal(first.status === 'done' && first.cached, false);
      await svc.close();
      svc = await openService(b);
      try {
        const again = await jobRunner({ backend, store: svc.jobResults!() }).run(spec, { doc: 1 });
        assert.equal(backend.runs, 1, 'ran once');
        assert.ok(again.status === 'done' && again.cached);
        assert.equal(JSON.stringify(again.status === 'done' && again.result), JSON.stringify(first.status === 'done' && first.result));
        const rec = await svc.jobResults!().get(jobKey(spec));
        assert.equal(rec?.stateHash, spec.stateHash);
        assert.deepEqual(rec?.params, spec.params);
        assert.ok(rec && Math.abs(rec.finishedAt - Date.now()) < 600_000);
        // another job (other params) is another key: it runs
        const other = await jobRunner({ backend, store: svc.jobResults!() }).run({ ...spec, params: { block: 3, seq: 8 } }, { doc: 1 });
        assert.ok(other.status === 'done' && !other.cached);
        assert.equal(backend.runs, 2);
      } finally {
        await svc.close();
      }
    });

    it('a key is written once; unknown keys are absent; a closed store loses only the cache entry', async () => {
      const port = await openSqlPort(b.store());
      await migrate(port);
      const store = sqlResultStore(port);
      const key = jobKey(spec);
      await store.put({
        key,
        kind: 'analyze',
        stateHash: spec.stateHash,
        params: spec.params,
        result: { v: 1 },
        finishedAt: 1_700_000_000_000,
      });
      await store.put({
        key,
        kind: 'analyze',
        stateHash: spec.stateHash,
        params: spec.params,
        result: { v: 2 },
        finishedAt: 1_700_000_000_001,
      });
      const got = await store.get(key);
      assert.deepEqual(got?.result, { v: 1 });
      assert.equal(got?.finishedAt, 1_700_000_000_000);
      assert.equal(await store.get('cd'.repeat(32)), null);
      await assert.rejects(store.put({ key: 'not hex', kind: 'analyze', stateHash: '', params: {}, result: 1, finishedAt: 0 }));
      await port.close();
      // the runner still answers when its store is gone (closing server): the result, not stored
      const backend = countingBackend();
      const out = await jobRunner({ backend, store }).run({ ...spec, params: { other: true } }, {});
      assert.ok(out.status === 'done' && !out.cached);
    });
  });
}
