import assert from 'node:assert/strict';
import { it } from 'node:test';
import { networkFromLedger } from '../../src/risk/networkFromLedger.js';
import { baseLedger } from '../core/harness.js';

it('networkFromLedger: stake and slashable edges in numeraire, one service per set', () => {
  const l = baseLedger({ sets: ['s1', 's2'] });
  l.all([
    { type: 'setPrice', asset: 'stETH', price: '3500' },
    { type: 'createOperatorSet', service: 'svc', set: 's3', vaults: ['v'], profitFromCorruption: '1000000', attackThreshold: '2/3' },
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '2000000000000000000' }, // 2 stETH
    { type: 'delegate', staker: 'alice', operator: 'op' },
    { type: 'allocate', operator: 'op', set: 's1', vault: 'v', magnitude: '0.25' },
    { type: 'allocate', operator: 'op', set: 's2', vault: 'v', magnitude: '0.5' },
  ]);
  const n = networkFromLedger(l.state);
  assert.deepEqual(
    n.operators.map((o) => [o.id, o.stake.toString()]),
    [['op', '7000']],
  );
  assert.deepEqual(
    n.allocations.map((a) => [a.operator, a.service, a.amount.toString()]),
    [
      ['op', 's1', '1750'],
      ['op', 's2', '3500'],
    ],
  );
  const s3 = n.services.find((s) => s.id === 's3');
  assert.equal(s3?.profitFromCorruption.toString(), '1000000');
  assert.equal(s3?.attackThreshold.toString(), '2/3');
});
