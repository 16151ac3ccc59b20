// Positions derived from a ledger with native restaking carry their EigenPod stake (the part that
// loads on the base layer); worked by hand: ETH (native) and stETH at price 2, shares 1:1.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runLog } from '../../../src/core/runLog.js';
import { Rational } from '../../../src/math/rational.js';
import { derivePositions, derivedPositionsReport } from '../../../src/risk/scenario/derivePositions.js';
import { ledgerPositions } from '../../../src/risk/scenario/ledgerPositions.js';

const E = (n: number): string => (BigInt(n) * 10n ** 18n).toString();

const log = [
  { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '2', kind: 'native' },
  { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '2', kind: 'lst' },
  { type: 'createVault', vault: 'pod', asset: 'ETH' },
  { type: 'createVault', vault: 'v', asset: 'stETH' },
  { type: 'registerOperator', operator: 'opA' },
  { type: 'createService', service: 'svc' },
  { type: 'createOperatorSet', service: 'svc', set: 's1', vaults: ['pod', 'v'] },
  { type: 'registerForOperatorSet', operator: 'opA', set: 's1' },
  { type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: E(32) },
  { type: 'delegate', staker: 'alice', operator: 'opA' },
  { type: 'deposit', staker: 'bob', vault: 'v', amount: E(10) },
  { type: 'delegate', staker: 'bob', operator: 'opA' },
  { type: 'allocate', operator: 'opA', set: 's1', vault: 'pod', magnitude: '0.5' },
  { type: 'allocate', operator: 'opA', set: 's1', vault: 'v', magnitude: '0.5' },
  // l = 3/4: alice can withdraw 24 ETH; 8 ETH of pod shares stay in the vault unowned
  { type: 'beaconChainSlash', staker: 'alice', wad: '0.25' },
];

it('derived positions: native stake of pod owners and of the native vault, none for LST holders', () => {
  const { state, results } = runLog(log);
  assert.ok(results.every((r) => r.status === 'ok'));
  const s = ledgerPositions(state, { max: 10, holdingsMax: 100, reserved: new Set() });
  const by = new Map(s.positions.map((p) => [p.id, p]));
  // alice: 24 ETH × 2 = 48, all native; exposure on (opA, s1): 48 × 1/2 = 24
  assert.equal(by.get('alice')?.value.toString(), '48');
  assert.equal(by.get('alice')?.native.toString(), '48');
  assert.equal(by.get('alice')?.holdings[0]?.amount.toString(), '24');
  // bob: 10 stETH × 2 = 20, none native
  assert.equal(by.get('bob')?.native.toString(), '0');
  // the pod vault is worth what its owners can claim (24 ETH), not its 32 ETH of shares
  assert.deepEqual([by.get('pod')?.value, by.get('pod')?.native].map(String), ['48', '48']);
  assert.equal(by.get('v')?.native.toString(), '0');
  assert.ok(by.get('pod')?.native.eq(Rational.of(48n)));
  // the scenario input and the report carry `native` only where there is some
  const raw = new Map(derivePositions(state, [], 1000).positions.map((p) => [p.id, p]));
  assert.equal(raw.get('alice')?.native, 48);
  assert.equal('native' in (raw.get('bob') ?? {}), false);
  const report = derivedPositionsReport(s);
  assert.equal(report.positions.find((p) => p.id === 'alice')?.native, '48');
  assert.equal('native' in (report.positions.find((p) => p.id === 'bob') ?? {}), false);
});
