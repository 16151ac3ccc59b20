// Submitting signed envelopes: signatures, nonces, idempotent retry, concurrency, batches and
// ledger refusals; each refusal a catalogue code with state, log and nonce untouched.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { stateHash } from '../../../src/core/state/stateHash.js';
import type { Envelope, LedgerServiceApi, SubmitOutcome } from '../../../src/server/service/serviceApi.js';
import { batchSizeMax } from '../../../src/server/service/serviceBounds.js';
import { storeBackends } from '../../store/storeBackends.js';
import { openService, Signer, signers } from './serviceHarness.js';

async function world(svc: LedgerServiceApi): Promise<ReturnType<typeof signers>> {
  const s = signers();
  await s.admin.ok(svc, { type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' });
  await s.admin.ok(svc, { type: 'createVault', vault: 'v', asset: 'eth' });
  return s;
}

function unchanged(svc: LedgerServiceApi): () => void {
  const seq = svc.head().seq;
  const hash = stateHash(svc.state());
  return () => {
    assert.equal(svc.head().seq, seq, 'nothing appended');
    assert.equal(stateHash(svc.state()), hash, 'state unchanged');
  };
}

function refusal(out: SubmitOutcome, status: number, code: string): void {
  assert.ok(!out.ok, `expected ${code}`);
  assert.equal(out.code, code, out.message);
  assert.equal(out.status, status);
  assert.ok(out.message.length > 10);
}

for (const b of storeBackends('submit')) {
  describe(`submitting envelopes on ${b.name}`, { skip: b.skip }, () => {
    let svc: LedgerServiceApi;
    before(() => b.setUp());
    after(() => b.tearDown());
    beforeEach(async () => {
      await b.reset();
    });

    it('forged signatures and another account’s key are BAD_SIGNATURE (401)', async () => {
      svc = await openService(b);
      try {
        const { alice, bob, mallory } = await world(svc);
        const check = unchanged(svc);
        const dep = { type: 'deposit', staker: alice.account, vault: 'v', amount: '5' };
        const e = alice.env(dep);
        refusal(await svc.submit([{ ...e, signature: mallory.env(dep).signature }]), 401, 'BAD_SIGNATURE');
        refusal(await svc.submit([{ ...e, command: { ...dep, amount: '6' } }]), 401, 'BAD_SIGNATURE');
        const eb = bob.env({ type: 'deposit', staker: bob.account, vault: 'v', amount: '5' });
        const other = new Signer('secp256k1', 0x77).env({ type: 'deposit', staker: bob.account, vault: 'v', amount: '5' });
        refusal(await svc.submit([{ ...eb, signature: other.signature }]), 401, 'BAD_SIGNATURE');
        refusal(await svc.submit([{ ...e, nonce: '01' } as Envelope]), 400, 'BAD_ENVELOPE');
        refusal(await svc.submit([{ ...e, extra: 1 } as unknown as Envelope]), 400, 'BAD_ENVELOPE');
        refusal(await svc.submit([]), 400, 'BAD_ENVELOPE');
        refusal(await svc.submit(Array.from({ length: batchSizeMax + 1 }, () => e)), 400, 'TOO_LARGE');
        check();
        await alice.ok(svc, dep);
      } finally {
        await svc.close();
      }
    });

    it('a replayed envelope answers its first receipt; a used nonce is NONCE_USED, a gap NONCE_GAP', async () => {
      svc = await openService(b);
      try {
        const { alice } = await world(svc);
        const e = alice.env({ type: 'deposit', staker: alice.account, vault: 'v', amount: '5' });
        const first = await svc.submit([e]);
        assert.ok(first.ok);
        alice.nonce += 1n;
        const check = unchanged(svc);
        assert.deepEqual(await svc.submit([e]), first);
        refusal(await svc.submit([alice.env({ type: 'deposit', staker: alice.account, vault: 'v', amount: '6' }, 1n)]), 409, 'NONCE_USED');
        refusal(await svc.submit([alice.env({ type: 'deposit', staker: alice.account, vault: 'v', amount: '6' }, 3n)]), 409, 'NONCE_GAP');
        check();
        // Still the same receipt after a restart (it is read back from the log).
        await svc.close();
        svc = await openService(b);
        assert.deepEqual(await svc.submit([e]), first);
        await alice.ok(svc, { type: 'deposit', staker: alice.account, vault: 'v', amount: '6' });
      } finally {
        await svc.close();
      }
    });

    it('two concurrent submits with the same nonce: exactly one wins; concurrent writers all land in order', async () => {
      svc = await openService(b);
      try {
        const { alice } = await world(svc);
        const a = alice.env({ type: 'deposit', staker: alice.account, vault: 'v', amount: '5' });
        const c = alice.env({ type: 'deposit', staker: alice.account, vault: 'v', amount: '7' });
        const outs = await Promise.all([svc.submit([a]), svc.submit([c])]);
        assert.equal(outs.filter((o) => o.ok).length, 1);
        const loser = outs.find((o) => !o.ok);
        assert.ok(loser && !loser.ok && loser.code === 'NONCE_USED');
        const writers = Array.from({ length: 16 }, (_, i) => new Signer('ed25519', 0x30 + i));
        const start = svc.head().seq;
        const all = await Promise.all(writers.map((w) => w.send(svc, { type: 'deposit', staker: w.account, vault: 'v', amount: '3' })));
        assert.ok(all.every((o) => o.ok));
        const seqs = all.map((o) => (o.ok ? (o.receipts[0]?.seq ?? 0) : 0)).sort((x, y) => x - y);
        assert.deepEqual(
          seqs,
          Array.from({ length: 16 }, (_, i) => start + 1 + i),
        );
        const log = await svc.log(start, 100);
        assert.equal(log.length, 16);
        for (let i = 1; i < log.length; i++) assert.equal(log[i]?.prevHash, log[i - 1]?.hash);
      } finally {
        await svc.close();
      }
    });

    it('a ledger refusal is 422 with its code; nothing appended and the nonce stays free', async () => {
      svc = await openService(b);
      try {
        const { alice } = await world(svc);
        const check = unchanged(svc);
        const out = await alice.refused(svc, { type: 'deposit', staker: alice.account, vault: 'nope', amount: '5' }, 'UNKNOWN_VAULT');
        assert.equal(out.status, 422);
        await alice.refused(svc, { type: 'deposit', staker: alice.account, vault: 'v', amount: '5', colour: 'red' }, 'BAD_FIELD');
        await alice.refused(svc, { type: 'teleport', staker: alice.account }, 'UNKNOWN_COMMAND');
        check();
        const r = await alice.ok(svc, { type: 'deposit', staker: alice.account, vault: 'v', amount: '5' });
        assert.equal(r.result['type'], 'deposit');
        assert.equal(alice.nonce, 1n);
      } finally {
        await svc.close();
      }
    });

    it('a batch applies in order, all or nothing', async () => {
      svc = await openService(b);
      try {
        const { alice } = await world(svc);
        const check = unchanged(svc);
        const cmds = [
          { type: 'deposit', staker: alice.account, vault: 'v', amount: '5' },
          { type: 'deposit', staker: alice.account, vault: 'v', amount: '6' },
          { type: 'queueWithdrawal', staker: alice.account, vault: 'v', shares: '1000' },
        ];
        const batch = cmds.map((c, i) => alice.env(c, BigInt(i + 1)));
        const out = await svc.submit(batch);
        refusal(out, 422, 'INSUFFICIENT_SHARES');
        assert.equal(!out.ok && out.index, 2);
        check();
        const good = await svc.submit(batch.slice(0, 2));
        assert.ok(good.ok);
        assert.deepEqual(
          good.receipts.map((r) => r.seq),
          [3, 4],
        );
      } finally {
        await svc.close();
      }
    });
  });
}
