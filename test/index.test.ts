import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as stakemesh from '../src/index.js';

it('the package entry point runs a ledger and analyzes it', async () => {
  const state = stakemesh.createState({ withdrawalDelayBlocks: 10 });
  const log = [
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'registerOperator', operator: 'op' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'], profitFromCorruption: '1000' },
    { type: 'registerForOperatorSet', operator: 'op', set: 's' },
    { type: 'deposit', staker: 'alice', vault: 'v', amount: 10n ** 18n },
    { type: 'delegate', staker: 'alice', operator: 'op' },
    { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '1' },
  ];
  for (const c of log) assert.ok(stakemesh.applyInPlace(state, c).ok, c.type);
  assert.deepEqual(stakemesh.checkInvariants(state), []);
  const { state: next, outcome } = stakemesh.apply(state, { type: 'slash', set: 's', operator: 'op', wad: '0.5' });
  assert.ok(outcome.ok);
  assert.notEqual(stakemesh.stateHash(next), stakemesh.stateHash(state)); // `state` untouched
  const network = stakemesh.networkFromLedger(state);
  assert.equal(network.allocations[0]?.amount.toString(), '3500');
  const report = await stakemesh.analyzeNetwork(network);
  // one operator with 3500 of stake securing a service whose PfC is 1000: not profitable to attack
  assert.equal(report.secure, true);
});
