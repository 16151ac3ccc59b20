// Veto slashing (SPEC §3.4): requests capture the reachable stake; the resolver may veto within
// the window; execution after it slashes min(requested, still reachable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, WAD } from './harness.js';

function vetoLedger() {
  const l = baseLedger({ slashingMode: 'veto' }); // veto window 5, execute window 5, resolver "council"
  l.all([
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
    { type: 'delegate', staker: 'alice', operator: 'op' },
    { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
  ]);
  return l;
}

describe('veto slashing', () => {
  it('a request slashes nothing until executed; execution takes the requested amount', () => {
    const l = vetoLedger();
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' }).request, 'r1');
    assert.equal(l.opVault('op').shares, '1000');
    assert.deepEqual(l.view().slashRequests.r1.captured, { v: '1000' });
    l.fails({ type: 'executeSlash', request: 'r1' }, 'VETO_WINDOW_OPEN');
    l.ok({ type: 'advance', blocks: 6 });
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '500');
    l.fails({ type: 'executeSlash', request: 'r1' }, 'REQUEST_EXECUTED');
    l.fails({ type: 'vetoSlash', request: 'r1' }, 'REQUEST_EXECUTED');
  });

  it('stake arriving after the request does not raise the amount slashed', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.all([
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'advance', blocks: 6 },
    ]);
    // requested 500 of 2000 reachable → wad 2.5e17 → shares ceil(2000·0.75) = 1500
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '500');
    assert.equal(l.opVault('op').shares, '1500');
  });

  it('stake queued for withdrawal after the request still pays, capped at the request', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.ok({ type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '800' });
    l.ok({ type: 'advance', blocks: 6 });
    // reachable 200 + 800 queued = 1000; target 500 → wad 0.5: operator 200 → 100, queue 800 → 400
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '500');
  });

  it('the resolver vetoes within the window, nobody else and not later', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.fails({ type: 'vetoSlash', request: 'r1', caller: 'mallory' }, 'NOT_RESOLVER');
    l.ok({ type: 'advance', blocks: 5 });
    l.ok({ type: 'vetoSlash', request: 'r1', caller: 'council' });
    l.fails({ type: 'vetoSlash', request: 'r1' }, 'REQUEST_VETOED');
    l.ok({ type: 'advance', blocks: 1 });
    l.fails({ type: 'executeSlash', request: 'r1' }, 'REQUEST_VETOED');
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.ok({ type: 'advance', blocks: 6 });
    l.fails({ type: 'vetoSlash', request: 'r2' }, 'VETO_WINDOW_CLOSED');
    l.fails({ type: 'executeSlash', request: 'nope' }, 'UNKNOWN_REQUEST');
  });

  it('execution after the execute window fails', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.ok({ type: 'advance', blocks: 11 });
    l.fails({ type: 'executeSlash', request: 'r1' }, 'EXECUTE_WINDOW_CLOSED');
    assert.equal(l.opVault('op').shares, '1000');
  });

  it('a resolver change waits for its delay', () => {
    const l = vetoLedger();
    const { effectBlock } = l.ok({ type: 'setResolver', set: 's', resolver: 'dao' });
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.fails({ type: 'vetoSlash', request: 'r1', caller: 'dao' }, 'NOT_RESOLVER');
    l.ok({ type: 'vetoSlash', request: 'r1', caller: 'council' });
    l.ok({ type: 'advance', blocks: effectBlock as number });
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.fails({ type: 'vetoSlash', request: 'r2', caller: 'council' }, 'NOT_RESOLVER');
    l.ok({ type: 'vetoSlash', request: 'r2', caller: 'dao' });
    l.fails({ type: 'setResolver', set: 'nope', resolver: 'x' }, 'UNKNOWN_SET');
  });
});
