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

  it('stake delegated after the request does not pay: the old stake pays the whole amount', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.all([
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'advance', blocks: 6 },
    ]);
    // requested 500 of alice's 1000 → wad 0.5 on 2000 shares → 1000 slashed, bob's 500 given back
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '500');
    assert.equal(l.staker('alice').withdrawableShares, '500');
    assert.equal(l.staker('bob').withdrawableShares, '1000');
    assert.equal(l.opVault('op').shares, '1500');
    assert.equal(l.slashed('s'), '500');
  });

  it('a deposit after the request by an old staker does not pay; a deposit before it does', () => {
    const l = vetoLedger();
    l.ok({ type: 'deposit', staker: 'carol', vault: 'v', amount: '3000' });
    l.ok({ type: 'delegate', staker: 'carol', operator: 'op' }); // before: pays
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' }); // captures 4000 → requested 2000
    l.ok({ type: 'deposit', staker: 'alice', vault: 'v', amount: '777' }); // after: spared
    l.ok({ type: 'advance', blocks: 6 });
    // wad 2000/4000 = 0.5 on 4777 shares: operator keeps ceil(2388.5) = 2389, alice gets her 777 back
    // (1777·0.5 = 888 → 500 + 777 = 1277: +389); burned 4777 − 2389 − 389 = 1999 (the half unit the
    // operator's shares round up by stays with the operator, as in an instant slash)
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '1999');
    assert.equal(l.staker('alice').withdrawableShares, '1277'); // 1000 − 500 + 777
    assert.equal(l.staker('carol').withdrawableShares, '1500');
    assert.equal(l.opVault('op').shares, '2778'); // ≥ 1277 + 1500
  });

  it('late stake that left through the withdrawal queue before the execution does not pay either', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' }); // 500 of alice's 1000
    l.all([
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'queueWithdrawal', staker: 'bob', vault: 'v', shares: '600' }, // w1, q = 600
      { type: 'advance', blocks: 6 },
    ]);
    // old reach = 1400 + 600 queued − 1000 late = 1000 → wad 0.5: operator 1400 → 700, queue 600 → 300
    // (burned 700 + 300); bob's 400 delegated get 200 back (k → 2e18) and w1 300 (q → 1200)
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '500');
    assert.equal(l.staker('alice').withdrawableShares, '500');
    assert.equal(l.staker('bob').withdrawableShares, '400');
    assert.equal(l.slashed('s'), '500');
    l.ok({ type: 'advance', blocks: 5 });
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'bob', withdrawal: 'w1' }), { shares: '600', amount: '600' });
  });

  it('late stake given back by one execution stays whole for the next open request', () => {
    const l = vetoLedger();
    l.all([
      { type: 'slash', set: 's', operator: 'op', wad: '0.9' }, // r1: 900 of alice's 1000
      { type: 'slash', set: 's', operator: 'op', wad: '0.9' }, // r2: 900 of alice's 1000, capped later
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '5000' },
      { type: 'delegate', staker: 'bob', operator: 'op' }, // late for both
      { type: 'queueWithdrawal', staker: 'bob', vault: 'v', shares: '5000' }, // w1, q = 5000
      { type: 'advance', blocks: 6 },
    ]);
    // r1: wad 0.9 → max 0.1; bob's q raised to 50000 (worth 5000) and the queue history with it
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '900');
    assert.equal(l.staker('alice').withdrawableShares, '100');
    // r2: only alice's 100 is old stake; taking it all would zero the magnitude under bob's stake,
    // so one unit is left (max 1e-18): queue burns floor(50000 · (1e17 − 1) / 1e18) = 4999, which
    // caps what bob gets back (q → 4999e18, worth 4999); the operator keeps ceil(100 · 1e-17) = 1
    assert.equal(l.ok({ type: 'executeSlash', request: 'r2' }).slashedShares, '99');
    assert.equal(l.staker('alice').withdrawableShares, '0');
    assert.equal(l.view().withdrawals.w1.expectedShares, '4999');
  });

  it('late stake is valued after slashes in between and capped by what the staker still holds', () => {
    const l = vetoLedger();
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' }); // r1: 500 of alice's 1000
    l.all([
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'slash', set: 's', operator: 'op', wad: '0.5' }, // r2 captures 2000 → requested 1000
      { type: 'advance', blocks: 6 },
    ]);
    assert.equal(l.ok({ type: 'executeSlash', request: 'r2' }).slashedShares, '1000'); // both pay: 500 each
    assert.equal(l.staker('bob').withdrawableShares, '500');
    // r1: bob's late 1000 is worth 500 now; alice's 500 is all that pays: min(500, 500) → all of it.
    // A wad of 1 would zero the magnitude and bob's stake with it, so one unit (1e-18) is left:
    // operator shares ceil(1000 · 1/5e17) = 1, bob gets 500 back; burned 1000 − 1 − 500 = 499
    assert.equal(l.ok({ type: 'executeSlash', request: 'r1' }).slashedShares, '499');
    assert.equal(l.opVault('op').maxMagnitude, '1');
    assert.equal(l.staker('alice').withdrawableShares, '0');
    assert.equal(l.staker('bob').withdrawableShares, '500');
    l.ok({ type: 'queueWithdrawal', staker: 'bob', vault: 'v', shares: '1000' });
    l.ok({ type: 'advance', blocks: 11 });
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'bob', withdrawal: 'w1' }), { shares: '500', amount: '500' });
  });

  it('insurance: a buyer who arrived after the request has no loss to claim; an old buyer claims its loss', () => {
    const l = vetoLedger();
    l.all([
      { type: 'createInsurancePool', pool: 'p', asset: 'stETH' },
      { type: 'underwrite', pool: 'p', underwriter: 'uw', amount: '10000' },
      { type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '5000', periodBlocks: 100, premium: '0' },
    ]);
    l.ok({ type: 'slash', set: 's', operator: 'op', wad: '0.5' });
    l.all([
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'buyCover', pool: 'p', buyer: 'bob', operator: 'op', set: 's', amount: '5000', periodBlocks: 100, premium: '0' },
      { type: 'advance', blocks: 6 },
    ]);
    l.ok({ type: 'executeSlash', request: 'r1' });
    const claims = Object.values(l.view().insurance.claims) as { cover: string; loss: string; paid: string }[];
    assert.deepEqual(
      claims.map((c) => [c.cover, c.loss, c.paid]),
      [['cover-1', '500', '500']],
    );
    assert.equal(l.staker('bob').withdrawableShares, '1000');
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
