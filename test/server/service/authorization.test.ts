// Every row of the SPEC §9 "who may sign what" table, allowed for the right signer and refused
// (NOT_AUTHORIZED naming the role, state and nonce untouched) for another, on both backends.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { commandList } from '../../../src/core/commandRegistry.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { commandRules } from '../../../src/server/service/commandRules.js';
import type { LedgerServiceApi } from '../../../src/server/service/serviceApi.js';
import { storeBackends } from '../../store/storeBackends.js';
import { openService, Signer, signers } from './serviceHarness.js';

it('every ledger command type has a signer rule (none is allowed by default)', () => {
  const missing = commandList.map((c) => c.type).filter((t) => commandRules[t] === undefined);
  assert.deepEqual(missing, []);
});

for (const b of storeBackends('authorization')) {
  describe(`who may sign what on ${b.name}`, { skip: b.skip }, () => {
    before(() => b.setUp());
    after(() => b.tearDown());
    beforeEach(() => b.reset());

    /** A refused command leaves state and log unchanged, and its nonce stays free. */
    async function refusedCleanly(
      svc: LedgerServiceApi,
      s: Signer,
      command: { type: string; [k: string]: unknown },
      role: RegExp,
    ): Promise<void> {
      const before = { head: svc.head().seq, hash: stateHash(svc.state()) };
      const out = await s.refused(svc, command, 'NOT_AUTHORIZED');
      assert.match(out.message, role);
      assert.equal(out.status, 403);
      assert.equal(svc.head().seq, before.head);
      assert.equal(stateHash(svc.state()), before.hash);
    }

    it('admin commands, operator, service, slasher, resolver, staker and permissionless rows', async () => {
      const { admin, alice, bob, opOwner, svcOwner, mallory } = signers();
      const resolver = new Signer('secp256k1', 0xd1);
      const slasher = new Signer('ed25519', 0xd2);
      const svc = await openService(b);
      try {
        // Admin row.
        for (const c of [
          { type: 'configure', withdrawalDelayBlocks: 5, deallocationDelayBlocks: 5, allocationConfigurationDelayBlocks: 0 },
          { type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' },
          { type: 'registerAsset', asset: 'usd', decimals: 6, price: '1' },
          { type: 'createVault', vault: 'v', asset: 'eth' },
        ]) {
          await refusedCleanly(svc, mallory, c, /needs an admin account/);
          await admin.ok(svc, c);
        }
        await refusedCleanly(svc, opOwner, { type: 'setPrice', asset: 'eth', price: '2' }, /admin/);
        await admin.ok(svc, { type: 'setPrice', asset: 'eth', price: '2' });
        await refusedCleanly(svc, alice, { type: 'advance', blocks: 1 }, /admin/);

        // Creators bind their ids.
        await opOwner.ok(svc, { type: 'registerOperator', operator: 'op' });
        await svcOwner.ok(svc, { type: 'createService', service: 'svc' });
        await mallory.refused(svc, { type: 'registerOperator', operator: 'op' }, 'OPERATOR_EXISTS');

        // Service owner: sets, resolver; slasher named explicitly on one set.
        const set = { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] };
        await refusedCleanly(svc, mallory, set, /owner of service svc/);
        await svcOwner.ok(svc, set);
        await svcOwner.ok(svc, { type: 'createOperatorSet', service: 'svc', set: 's2', vaults: ['v'], slasher: slasher.account });
        await svcOwner.ok(svc, {
          type: 'createOperatorSet',
          service: 'svc',
          set: 'sv',
          vaults: ['v'],
          slashingMode: 'veto',
          vetoWindowBlocks: 2,
          executeWindowBlocks: 50,
          resolver: resolver.account,
        });
        await refusedCleanly(svc, mallory, { type: 'setResolver', set: 'sv', resolver: mallory.account }, /owner of service svc/);

        // Operator owner.
        for (const s of ['s', 's2', 'sv']) {
          const c = { type: 'registerForOperatorSet', operator: 'op', set: s };
          await refusedCleanly(svc, mallory, c, /owner of operator op/);
          await opOwner.ok(svc, c);
        }
        await refusedCleanly(svc, svcOwner, { type: 'setAllocationDelay', operator: 'op', delay: 0 }, /owner of operator op/);
        await opOwner.ok(svc, { type: 'setAllocationDelay', operator: 'op', delay: 0 });

        // Staker itself (ed25519 and Ethereum accounts).
        for (const st of [alice, bob]) {
          const dep = { type: 'deposit', staker: st.account, vault: 'v', amount: '1000000' };
          await refusedCleanly(svc, mallory, dep, /needs the staker itself/);
          await st.ok(svc, dep);
          await refusedCleanly(svc, mallory, { type: 'delegate', staker: st.account, operator: 'op' }, /staker itself/);
          await st.ok(svc, { type: 'delegate', staker: st.account, operator: 'op' });
        }
        await admin.ok(svc, { type: 'advance', blocks: 1 });
        for (const s of ['s', 's2', 'sv']) {
          const c = { type: 'allocate', operator: 'op', set: s, vault: 'v', magnitude: '0.3' };
          await refusedCleanly(svc, mallory, c, /owner of operator op/);
          await opOwner.ok(svc, c);
        }
        await admin.ok(svc, { type: 'advance', blocks: 1 });

        // Slasher: the service owner by default, the named account otherwise.
        const slash = { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.1' };
        await refusedCleanly(svc, mallory, slash, /slasher of set s \(the owner of service svc\)/);
        await refusedCleanly(svc, opOwner, slash, /slasher of set s/);
        await svcOwner.ok(svc, slash);
        const slash2 = { type: 'slash', set: 's2', operator: 'op', vault: 'v', wad: '0.1' };
        await refusedCleanly(svc, svcOwner, slash2, /slasher of set s2/);
        await slasher.ok(svc, slash2);

        // Resolver vetoes a veto-mode request; anyone executes another after the window.
        const r1 = await svcOwner.ok(svc, { type: 'slash', set: 'sv', operator: 'op', vault: 'v', wad: '0.1' });
        const request = String(r1.result['request']);
        await refusedCleanly(svc, svcOwner, { type: 'vetoSlash', request }, /resolver of set sv/);
        await resolver.ok(svc, { type: 'vetoSlash', request });
        const r2 = await svcOwner.ok(svc, { type: 'slash', set: 'sv', operator: 'op', vault: 'v', wad: '0.1' });
        await admin.ok(svc, { type: 'advance', blocks: 3 });
        await mallory.ok(svc, { type: 'executeSlash', request: String(r2.result['request']) });
        await mallory.ok(svc, { type: 'clearSlashed', set: 's' });

        // Staker withdrawals and undelegation.
        const q = { type: 'queueWithdrawal', staker: alice.account, vault: 'v', shares: '10' };
        await refusedCleanly(svc, bob, q, /staker itself/);
        const w = await alice.ok(svc, q);
        await admin.ok(svc, { type: 'advance', blocks: 6 });
        const done = { type: 'completeWithdrawal', staker: alice.account, withdrawal: String(w.result['withdrawal']) };
        await refusedCleanly(svc, mallory, done, /staker itself/);
        await alice.ok(svc, done);
        await refusedCleanly(svc, alice, { type: 'undelegate', staker: bob.account }, /staker itself/);
        await bob.ok(svc, { type: 'undelegate', staker: bob.account });

        // Rewards: the service owner pays, the operator owner claims commission.
        const pay = { type: 'submitRewards', service: 'svc', set: 's', asset: 'usd', amount: '1000000' };
        await refusedCleanly(svc, mallory, pay, /owner of service svc/);
        await svcOwner.ok(svc, pay);
        await refusedCleanly(svc, mallory, { type: 'claimRewards', operator: 'op', asset: 'usd' }, /owner of operator op/);
        await opOwner.ok(svc, { type: 'claimRewards', operator: 'op', asset: 'usd' });
        await refusedCleanly(svc, mallory, { type: 'claimRewards', staker: alice.account, asset: 'usd' }, /staker itself/);
        await alice.ok(svc, { type: 'claimRewards', staker: alice.account, asset: 'usd' });

        // Insurance: anyone creates a pool (binding it); underwriters act for themselves.
        await mallory.ok(svc, { type: 'createInsurancePool', pool: 'p', asset: 'usd', withdrawalDelayBlocks: 1 });
        const uw = { type: 'underwrite', pool: 'p', underwriter: alice.account, amount: '10' };
        await refusedCleanly(svc, mallory, uw, /underwriter itself/);

        await refusedCleanly(svc, mallory, { type: 'deregisterFromOperatorSet', operator: 'op', set: 's' }, /owner of operator op/);
        await opOwner.ok(svc, { type: 'deregisterFromOperatorSet', operator: 'op', set: 's' });

        // Everything accepted is in the log and replays to the same head after a restart.
        const head = svc.head();
        await svc.close();
        const again = await openService(b);
        assert.deepEqual(again.head(), head);
        await again.close();
      } finally {
        await svc.close();
      }
    });
  });
}
