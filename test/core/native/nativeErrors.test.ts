// Hostile and malformed native-restaking commands: each fails with its catalogue code and leaves
// the state hash unchanged (TestLedger.fails checks both); states without a native vault keep
// exactly their hash and view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLog } from '../../../src/core/runLog.js';
import { stateView } from '../../../src/core/state/view.js';
import { baseLedger, TestLedger, WAD, type Cmd } from '../harness.js';

const setup: Cmd[] = [
  { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '1', kind: 'native' },
  { type: 'createVault', vault: 'pod', asset: 'ETH' },
  { type: 'registerOperator', operator: 'op' },
  { type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '32000000000000000000' },
];

function ledger(): TestLedger {
  const l = new TestLedger();
  l.all(setup);
  return l;
}

describe('native restaking: refused input', () => {
  it('commands before a native vault exists', () => {
    const l = baseLedger();
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '1' }, 'NO_NATIVE_VAULT');
    l.fails({ type: 'beaconChainSlash', staker: 'alice', wad: '0.5' }, 'NO_NATIVE_VAULT');
  });

  it('one native vault; no yield on it; not in veto sets', () => {
    const l = ledger();
    l.fails({ type: 'createVault', vault: 'pod2', asset: 'ETH' }, 'NATIVE_VAULT_EXISTS');
    l.fails({ type: 'accrueYield', vault: 'pod', amount: '5' }, 'NATIVE_VAULT_YIELD');
    l.ok({ type: 'createService', service: 'svc' });
    const veto = { slashingMode: 'veto', resolver: 'council', vetoWindowBlocks: 5, executeWindowBlocks: 5 };
    l.fails({ type: 'createOperatorSet', service: 'svc', set: 'sv', vaults: ['pod'], ...veto }, 'NATIVE_VETO_UNSUPPORTED');
    l.ok({ type: 'createOperatorSet', service: 'svc', set: 'si', vaults: ['pod'] });
  });

  it('a decrease that would take the pod negative, or lacks its previous balance', () => {
    const l = ledger();
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '-5', prevBalance: '4' }, 'NEGATIVE_POD_SHARES');
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '-5', prevBalance: '0' }, 'NEGATIVE_POD_SHARES');
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '-5' }, 'BAD_FIELD');
    // withdrawals cannot take more pod shares than held either: the ledger never holds a negative pod balance
    l.fails({ type: 'queueWithdrawal', staker: 'alice', vault: 'pod', shares: '32000000000000000001' }, 'INSUFFICIENT_SHARES');
  });

  it('malformed deltas, wads and factors', () => {
    const l = ledger();
    for (const delta of ['-0', '+5', '1e3', ' 5', '--5', '0x10', '-' + '9'.repeat(50)]) {
      const code = delta.length > 40 ? 'NUMBER_OUT_OF_RANGE' : 'BAD_NUMBER';
      l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta, prevBalance: '10' }, code);
    }
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: 5 }, 'BAD_NUMBER');
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'alice' }, 'BAD_FIELD');
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: '__proto__', delta: '1' }, 'BAD_ID');
    l.fails({ type: 'beaconChainSlash', staker: 'alice' }, 'BAD_FIELD');
    l.fails({ type: 'beaconChainSlash', staker: 'alice', wad: '0.5', factor: '0.5' }, 'BAD_FIELD');
    l.fails({ type: 'beaconChainSlash', staker: 'alice', wad: '0' }, 'BAD_WAD');
    l.fails({ type: 'beaconChainSlash', staker: 'alice', wad: '1000000000000000001' }, 'NUMBER_OUT_OF_RANGE');
    l.fails({ type: 'beaconChainSlash', staker: 'alice', factor: '-1' }, 'BAD_NUMBER');
    l.fails({ type: 'beaconChainSlash', staker: 'alice', factor: '1000000000000000001' }, 'NUMBER_OUT_OF_RANGE');
    l.ok({ type: 'beaconChainSlash', staker: 'alice', factor: '0.5' });
    l.fails({ type: 'beaconChainSlash', staker: 'alice', factor: '0.6' }, 'BEACON_FACTOR_RISE');
    // a zero delta is a no-op that succeeds (EigenLayer takes no action): only the applied count moves
    const before = JSON.stringify(l.view());
    assert.deepEqual(l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '0' }), {});
    assert.equal(JSON.stringify(l.view()), before);
  });

  it('a pod owner unknown to the ledger can still be slashed on the beacon chain (its factor is kept)', () => {
    const l = ledger();
    l.ok({ type: 'beaconChainSlash', staker: 'zed', wad: '0.25' });
    assert.deepEqual(l.view().native, {
      vault: 'pod',
      beaconChainSlashingFactors: { zed: '750000000000000000' },
    });
    // the next pod deposit of zed is not charged for it: k = divWad(W, 7.5e17), a = floor(s·k·l) ≈ s
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'zed', delta: '1000' });
    assert.equal(l.view().stakers.zed.vaults.pod.withdrawableShares, '999');
    assert.equal(l.view().stakers.zed.vaults.pod.depositScalingFactor, '1333333333333333333');
  });
});

describe('states without native restaking are unchanged', () => {
  it('no native key in state or view; no beaconChainSlashingFactor on ordinary positions', () => {
    const log: Cmd[] = [
      { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '1', kind: 'lst' },
      { type: 'createVault', vault: 'v', asset: 'stETH' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
    ];
    const { state } = runLog(log);
    assert.equal('native' in state, false);
    const view = stateView(state) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal('native' in view, false);
    assert.deepEqual(view['stakers'].alice.vaults.v, { depositShares: '1000', withdrawableShares: '1000', depositScalingFactor: WAD });
  });

  it('with a native vault, only native positions carry the factor', () => {
    const l = ledger();
    l.all([
      { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '1', kind: 'lst' },
      { type: 'createVault', vault: 'v', asset: 'stETH' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
    ]);
    assert.deepEqual(Object.keys(l.view().stakers.alice.vaults.v), ['depositShares', 'withdrawableShares', 'depositScalingFactor']);
    assert.equal(l.view().stakers.alice.vaults.pod.beaconChainSlashingFactor, WAD);
  });
});
