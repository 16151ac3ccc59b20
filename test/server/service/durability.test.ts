// The durable log under the service: hash chain and tamper detection, snapshots and restart,
// state as of a seq or block, the block clock, single writer, followers, hostile ids.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runLog } from '../../../src/core/runLog.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { StakemeshFailure } from '../../../src/errors/result.js';
import { openSqlPort } from '../../../src/store/openSqlPort.js';
import type { LedgerServiceApi } from '../../../src/server/service/serviceApi.js';
import { storeBackends, type Backend } from '../../store/storeBackends.js';
import { openService, signers } from './serviceHarness.js';

async function sql(b: Backend, text: string): Promise<void> {
  const port = await openSqlPort(b.store());
  try {
    await port.query(text);
  } finally {
    await port.close();
  }
}

function corrupt(pattern: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof StakemeshFailure && e.code === 'LOG_CORRUPT' && pattern.test(e.message);
}

/** A small ledger with blocks moving: 10 entries. */
async function fill(svc: LedgerServiceApi): Promise<void> {
  const { admin, alice, bob, opOwner } = signers();
  await admin.ok(svc, { type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' });
  await admin.ok(svc, { type: 'createVault', vault: 'v', asset: 'eth' });
  await opOwner.ok(svc, { type: 'registerOperator', operator: 'op' });
  await alice.ok(svc, { type: 'deposit', staker: alice.account, vault: 'v', amount: '5' });
  await admin.ok(svc, { type: 'advance', blocks: 4 });
  await bob.ok(svc, { type: 'deposit', staker: bob.account, vault: 'v', amount: '7' });
  await alice.ok(svc, { type: 'delegate', staker: alice.account, operator: 'op' });
  await admin.ok(svc, { type: 'advance', blocks: 3 });
  await bob.ok(svc, { type: 'deposit', staker: bob.account, vault: 'v', amount: '9' });
  await admin.ok(svc, { type: 'setPrice', asset: 'eth', price: '2' });
}

async function logCommands(svc: LedgerServiceApi): Promise<unknown[]> {
  return (await svc.log(0, 1000)).map((e) => e.envelope.command);
}

for (const b of storeBackends('durability')) {
  describe(`durable log on ${b.name}`, { skip: b.skip }, () => {
    before(() => b.setUp());
    after(() => b.tearDown());
    beforeEach(() => b.reset());

    it('refuses to start on an edited, re-hashed or missing row, naming the first bad seq', async () => {
      const svc = await openService(b);
      await fill(svc);
      await svc.close();
      await sql(b, `UPDATE log SET command = replace(command, '"amount":"7"', '"amount":"70"') WHERE seq = 6`);
      await assert.rejects(openService(b), corrupt(/seq 6: hash does not match/));
      await sql(b, `UPDATE log SET command = replace(command, '"amount":"70"', '"amount":"7"') WHERE seq = 6`);
      await (await openService(b)).close();
      await sql(b, `UPDATE log SET hash = repeat('a', 64) WHERE seq = 4`);
      await assert.rejects(openService(b), corrupt(/seq 4/));
      await sql(b, 'DELETE FROM log WHERE seq >= 4');
      const ok = await openService(b);
      assert.equal(ok.head().seq, 3);
      await ok.close();
      await sql(b, 'DELETE FROM log WHERE seq = 2');
      await assert.rejects(openService(b), corrupt(/entry 2 is missing/));
    });

    it('snapshots every N commands; a restart equals a full replay; a bad snapshot is refused', async () => {
      const svc = await openService(b, { snapshotEvery: 3 });
      await fill(svc);
      const head = svc.head();
      const commands = await logCommands(svc);
      await svc.close();
      assert.equal(stateHash(runLog(commands).state), head.stateHash);
      const again = await openService(b, { snapshotEvery: 3 });
      assert.deepEqual(again.head(), head);
      await again.close();
      const port = await openSqlPort(b.store());
      const snaps = (await port.query('SELECT seq FROM snapshots ORDER BY seq')).map((r) => Number(r['seq']));
      await port.close();
      assert.deepEqual(snaps, [3, 6, 9]);
      await sql(b, `UPDATE snapshots SET state = replace(state, '"block":7', '"block":8') WHERE seq = 9`);
      await assert.rejects(openService(b), corrupt(/snapshot at seq 9/));
    });

    it('stateAt a seq or a block replays from the nearest snapshot', async () => {
      const svc = await openService(b, { snapshotEvery: 4 });
      try {
        await fill(svc);
        const commands = await logCommands(svc);
        for (let k = 0; k <= commands.length; k++) {
          const s = await svc.stateAt({ seq: k });
          assert.ok(s);
          assert.equal(stateHash(s), stateHash(runLog(commands.slice(0, k)).state), `seq ${k}`);
        }
        // Entries 1-4 are at block 0, 5-7 at block 4, 8-10 at block 7.
        const at = async (q: { seq?: number; block?: number }): Promise<string> => stateHash((await svc.stateAt(q)) ?? runLog([]).state);
        assert.equal(await at({ block: 0 }), await at({ seq: 4 }));
        assert.equal(await at({ block: 5 }), await at({ seq: 7 }));
        assert.equal(await at({ block: 7 }), await at({ seq: 10 }));
        assert.equal(await svc.stateAt({ seq: 11 }), null);
        assert.equal(await svc.stateAt({ block: 8 }), null);
        assert.equal(await svc.stateAt({ seq: -1 }), null);
      } finally {
        await svc.close();
      }
    });

    it('block clock: the server appends its own signed advance once wall-clock time passed the block', async () => {
      let t = 1_000_000;
      const now = (): number => t;
      const svc = await openService(b, { blockTimeS: 12, now });
      const { admin, alice } = signers();
      await admin.ok(svc, { type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' });
      await admin.ok(svc, { type: 'createVault', vault: 'v', asset: 'eth' });
      assert.equal(svc.state().block, 0);
      t += 30_000; // 2.5 blocks
      const r = await alice.ok(svc, { type: 'deposit', staker: alice.account, vault: 'v', amount: '5' });
      assert.equal(r.block, 2);
      const log = await svc.log(0, 10);
      assert.equal(log.length, 4);
      const adv = log[2];
      assert.ok(adv);
      assert.deepEqual(adv.envelope.command, { type: 'advance', blocks: 2 });
      assert.match(adv.envelope.account, /^ed25519:/);
      assert.notEqual(adv.envelope.account, admin.account);
      const head = svc.head();
      await svc.close();
      const again = await openService(b, { blockTimeS: 12, now });
      assert.deepEqual(again.head(), head);
      t += 12_000;
      await alice.ok(again, { type: 'deposit', staker: alice.account, vault: 'v', amount: '5' });
      const log2 = await again.log(4, 10);
      assert.equal(log2[0]?.envelope.account, adv.envelope.account, 'the same server key after a restart');
      assert.equal(log2[0]?.envelope.nonce, '2');
      assert.equal(again.state().block, 3);
      await again.close();
    });

    it('one writer: a second opener is read-only; a follower reaches the head within 1 s of a commit', async () => {
      const w = await openService(b);
      const r = await openService(b);
      const f = await openService(b, { follow: true });
      try {
        assert.equal(w.readOnly, false);
        assert.equal(r.readOnly, true);
        assert.equal(f.readOnly, true);
        const { admin } = signers();
        const denied = await r.submit([admin.env({ type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' })]);
        assert.ok(!denied.ok && denied.code === 'READ_ONLY' && denied.status === 503);
        await fill(w);
        const target = w.head().seq + 1;
        const seen = new Promise<number>((resolve) => {
          const off = f.onCommit((ev) => {
            if (ev.head.seq >= target) {
              off();
              resolve(performance.now());
            }
          });
        });
        const t0 = performance.now();
        await admin.ok(w, { type: 'setPrice', asset: 'eth', price: '3' });
        const lag = (await seen) - t0;
        assert.ok(lag < 1000, `follower lag ${lag} ms`);
        assert.deepEqual(f.head(), w.head());
        assert.equal(stateHash(f.state()), w.head().stateHash);
        // The read-only second opener tails the log as well.
        for (let i = 0; i < 40 && r.head().seq < w.head().seq; i++) await new Promise((res) => setTimeout(res, 50));
        assert.deepEqual(r.head(), w.head());
      } finally {
        await f.close();
        await r.close();
        await w.close();
      }
      const next = await openService(b);
      assert.equal(next.readOnly, false, 'the lock is free once the writer closed');
      await next.close();
    });

    it('ids with SQL or control characters: stored verbatim or refused with BAD_ID; chain id is checked', async () => {
      const svc = await openService(b);
      const { opOwner } = signers();
      const weird = `o';DROP_TABLE_log;--"\\$1`;
      await opOwner.ok(svc, { type: 'registerOperator', operator: weird });
      for (const bad of ['a\u0000b', 'a\nb', 'x y', '']) {
        const out = await opOwner.refused(svc, { type: 'registerOperator', operator: bad }, 'BAD_ID');
        assert.equal(out.status, 422);
      }
      const head = svc.head();
      await svc.close();
      const again = await openService(b);
      assert.deepEqual(again.head(), head);
      assert.ok(again.state().operators.has(weird));
      await again.close();
      await assert.rejects(openService(b, { chainId: 1 }), (e: unknown) => e instanceof StakemeshFailure && e.code === 'CHAIN_ID_MISMATCH');
    });
  });
}
