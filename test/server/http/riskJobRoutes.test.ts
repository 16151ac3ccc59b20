import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { jobRunner } from '../../../src/jobs/jobRunner.js';
import { localBackend } from '../../../src/jobs/localBackend.js';
import { memoryResultStore } from '../../../src/jobs/memoryResultStore.js';
import type { TaskBackend } from '../../../src/jobs/taskBackend.js';
import { loadDemo } from '../../../src/server/demo/loadDemo.js';
import { buildServer } from '../../../src/server/http/buildServer.js';
import { call, listen, type Answer } from './httpHelpers.js';
import { memoryService } from './memoryService.js';

/** Polls a live job endpoint until its job has run (or failed). */
async function settled(url: string): Promise<Answer> {
  for (let i = 0; i < 600; i++) {
    const a = await call(url);
    if (a.status !== 200 || a.body.status !== 'running') return a;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}: still running`);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('live risk jobs: prices and recommended allocations (SPEC §10)', () => {
  const service = memoryService();
  let backend: TaskBackend;
  let app: FastifyInstance;
  let base = '';

  before(async () => {
    await loadDemo(service);
    // an empty vault: nothing to reallocate
    const r = await service.submit([
      { account: 'test', nonce: '1', command: { type: 'createVault', vault: 'empty-vault', asset: 'stETH' }, signature: 'x' },
    ]);
    assert.ok(r.ok, JSON.stringify(r));
    backend = localBackend({ threads: 2 });
    app = buildServer({ service, risk: { runner: jobRunner({ backend, store: memoryResultStore() }) } });
    base = await listen(app);
  });
  after(async () => {
    await app.close();
    await backend.close();
  });

  it('GET /v1/risk/prices prices every service, operator and ledger-derived position on the head', async () => {
    const head = service.head();
    const a = await settled(`${base}/v1/risk/prices`);
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.status, 'done', a.body.message);
    assert.deepEqual([a.body.stateHash, a.body.seq, a.body.block], [head.stateHash, head.seq, head.block]);
    const net = (await call(`${base}/v1/network`)).body as { services: { id: string }[]; operators: { id: string }[] };
    const p = a.body.result;
    assert.deepEqual(
      p.services.map((s: { id: string }) => s.id),
      net.services.map((s) => s.id),
    );
    assert.deepEqual(
      p.operators.map((s: { id: string }) => s.id),
      net.operators.map((s) => s.id),
    );
    for (const s of p.services) {
      assert.ok(s.requiredFee >= 0 && close(s.gap, s.feeRate - s.requiredFee), JSON.stringify(s));
      assert.ok(close(s.standaloneFee, p.settings.targetReturn + s.expectedLossRate), JSON.stringify(s));
    }
    const kinds = new Map<string, string>(p.positions.map((x: { id: string; kind: string }) => [x.id, x.kind]));
    assert.equal(kinds.get('strategy-stETH'), 'vault');
    assert.equal(kinds.get('etherfi-eETH'), 'lrt');
    assert.equal(kinds.get('restaking-cover'), 'insurance');
    for (const x of p.positions) {
      assert.ok(close(x.riskAdjustedYield, x.feeYield - x.expectedLossRate), x.id);
      assert.ok(x.fullCover.premium >= x.fullCover.expectedClaim && x.fullCover.tailClaim >= x.fullCover.expectedClaim, x.id);
    }
    // cached by state: asked again, the same answer without a new run
    const again = await call(`${base}/v1/risk/prices`);
    assert.deepEqual(again.body, a.body);
  });

  it('GET /v1/risk/allocations/{id} compares the recommended allocation of a vault with its look-through exposure', async () => {
    const a = await settled(`${base}/v1/risk/allocations/strategy-stETH`);
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.status, 'done', a.body.message);
    assert.deepEqual(a.body.target, { kind: 'vault', id: 'strategy-stETH' });
    const vault = (await call(`${base}/v1/vaults/strategy-stETH`)).body as {
      exposure: { rows: { operator: string; set: string; amount: string }[] };
    };
    // the exact figure beside the optimiser's float is the vault view's exposure row, to the unit
    assert.deepEqual(
      a.body.current.map((c: { operator: string; service: string; exact: string }) => `${c.operator}/${c.service}=${c.exact}`).sort(),
      vault.exposure.rows.map((r) => `${r.operator}/${r.set}=${r.amount}`).sort(),
    );
    const { diff, allocation, settings } = a.body.result;
    const total = a.body.current.reduce((s: number, c: { amount: number }) => s + c.amount, 0);
    assert.ok(close(diff.budget, total) && close(settings.budget, total));
    assert.ok(
      close(
        allocation.reduce((s: number, l: { amount: number }) => s + l.amount, 0),
        total,
      ),
      'the whole budget is allocated',
    );
    const at = (list: { operator: string; service: string; amount: number }[], m: { operator: string; service: string }) =>
      list.filter((l) => l.operator === m.operator && l.service === m.service).reduce((s, l) => s + l.amount, 0);
    for (const m of diff.moves) {
      assert.ok(close(m.current, at(a.body.current, m)) && close(m.recommended, at(allocation, m)), JSON.stringify(m));
      assert.ok(close(m.delta, m.recommended - m.current));
    }
    for (const l of allocation) assert.ok(l.weight <= settings.maxPerPair + 1e-9, JSON.stringify(l));
    // an LRT too
    const lrt = await settled(`${base}/v1/risk/allocations/etherfi-eETH`);
    assert.equal(lrt.body.status, 'done', lrt.body.message);
    assert.deepEqual(lrt.body.target, { kind: 'lrt', id: 'etherfi-eETH' });
  });

  it('unknown, empty and over-long targets answer catalogue codes', async () => {
    const unknown = await call(`${base}/v1/risk/allocations/no-such-vault`);
    assert.deepEqual([unknown.status, unknown.body.code], [404, 'UNKNOWN_VAULT']);
    const empty = await call(`${base}/v1/risk/allocations/empty-vault`);
    assert.deepEqual([empty.status, empty.body.code], [409, 'NO_EXPOSURE']);
    const long = await call(`${base}/v1/risk/allocations/${'x'.repeat(5000)}`);
    assert.deepEqual([long.status, long.body.code], [400, 'BAD_ID']);
  });

  it('the live Monte Carlo still answers through the same polling', async () => {
    const a = await settled(`${base}/v1/risk/montecarlo`);
    assert.equal(a.body.status, 'done', a.body.message);
    assert.equal(a.body.result.scenarios, 20_000);
    assert.equal(a.body.seq, service.head().seq);
  });

  it('a server without a job runner says so', async () => {
    const bare = buildServer({ service, risk: {} });
    const url = await listen(bare);
    try {
      for (const path of ['/v1/risk/prices', '/v1/risk/allocations/strategy-stETH', '/v1/risk/montecarlo']) {
        const a = await call(url + path);
        assert.deepEqual([a.status, a.body.code], [503, 'QUEUE_UNAVAILABLE'], path);
      }
    } finally {
      await bare.close();
    }
  });
});
