// Who may act on a set (SPEC §3.4, §4): only the set's slasher slashes or files a veto request
// (NOT_SLASHER); only a veto-mode set has a resolver to change (NOT_VETO_SET).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, fundedLedger, WAD } from './harness.js';

describe('NOT_SLASHER', () => {
  it('an instant slash by anyone but the slasher fails and slashes nothing; the slasher (default: the service) succeeds', () => {
    const l = fundedLedger();
    l.fails({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'mallory' }, 'NOT_SLASHER');
    assert.match(
      l.error({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'mallory' }).message,
      /mallory is not the slasher of s/,
    );
    l.fails({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'op' }, 'NOT_SLASHER');
    assert.equal(l.opVault('op').shares, '1000');
    assert.equal(l.slashed('s'), '0');
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'svc' }).slashedShares, '500');
  });

  it('with an explicit slasher, the service itself is not the slasher', () => {
    const l = baseLedger({ sets: [] });
    l.all([
      { type: 'createOperatorSet', service: 'svc', set: 'g', vaults: ['v'], slasher: 'guardian' },
      { type: 'registerForOperatorSet', operator: 'op', set: 'g' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 'g', vault: 'v', magnitude: WAD },
    ]);
    l.fails({ type: 'slash', set: 'g', operator: 'op', vault: 'v', wad: '0.5', caller: 'svc' }, 'NOT_SLASHER');
    assert.equal(l.ok({ type: 'slash', set: 'g', operator: 'op', vault: 'v', wad: '0.5', caller: 'guardian' }).slashedShares, '500');
  });

  it('a veto request filed by anyone but the slasher fails and files nothing', () => {
    const l = fundedLedger({ slashingMode: 'veto' });
    l.fails({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'council' }, 'NOT_SLASHER');
    l.fails({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'mallory' }, 'NOT_SLASHER');
    assert.deepEqual(l.view().slashRequests, {});
    // the first request that does go through is still r1: the failed ones took no id
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5', caller: 'svc' }).request, 'r1');
  });
});

describe('NOT_VETO_SET', () => {
  it('setResolver on an instant set fails and changes nothing; on a veto set it schedules the change', () => {
    const l = baseLedger({ sets: ['s', 'i'] });
    l.fails({ type: 'setResolver', set: 'i', resolver: 'dao' }, 'NOT_VETO_SET');
    assert.match(l.error({ type: 'setResolver', set: 'i', resolver: 'dao' }).message, /not in veto mode: i$/);
    const veto = baseLedger({ slashingMode: 'veto' });
    assert.equal(typeof veto.ok({ type: 'setResolver', set: 's', resolver: 'dao' }).effectBlock, 'number');
  });
});
