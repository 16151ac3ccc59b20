import { TestLedger, type Cmd } from '../harness.js';

/** 1e18 as a string suffix: `E(5)` = 5 whole units of an 18-decimal asset, in base units. */
export function E(n: number | bigint): string {
  return (BigInt(n) * 10n ** 18n).toString();
}

/** Delays 10/10/5, stETH (18 decimals, price 2). */
export function lrtLedger(): TestLedger {
  const l = new TestLedger();
  l.all([
    { type: 'configure', withdrawalDelayBlocks: 10, deallocationDelayBlocks: 10, allocationConfigurationDelayBlocks: 5 },
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '2', kind: 'lst' },
  ]);
  return l;
}

/** An operator `op` in its own service `svc-<set>` and set `set` over `vaults`, registered. */
export function operatorWithSet(l: TestLedger, op: string, set: string, vaults: string[]): void {
  const cmds: Cmd[] = [
    { type: 'registerOperator', operator: op },
    { type: 'createService', service: `svc-${set}` },
    { type: 'createOperatorSet', service: `svc-${set}`, set, vaults },
    { type: 'registerForOperatorSet', operator: op, set },
  ];
  l.all(cmds);
}

/**
 * Two-layer network (all amounts in whole units of 18-decimal assets):
 * L1 over stETH (token T1) with one target opA/v1; alice deposits 1000 → 1000 T1, opA allocates
 * 1/4 of v1 to s1. Vault vT holds T1: alice re-hypothecates 400 T1 there, delegated to opC, which
 * allocates 1/2 of vT to s2. alice keeps 600 T1 in her wallet.
 */
export function twoLayers(): TestLedger {
  const l = lrtLedger();
  l.ok({ type: 'createVault', vault: 'v1', asset: 'stETH' });
  operatorWithSet(l, 'opA', 's1', ['v1']);
  l.ok({
    type: 'createLrt',
    lrt: 'L1',
    asset: 'stETH',
    token: 'T1',
    manager: 'm1',
    operators: [{ operator: 'opA', vault: 'v1', weight: 1 }],
  });
  l.ok({ type: 'depositLrt', lrt: 'L1', account: 'alice', amount: E(1000) });
  l.ok({ type: 'allocate', operator: 'opA', set: 's1', vault: 'v1', magnitude: '0.25' });
  l.ok({ type: 'createVault', vault: 'vT', asset: 'T1' });
  operatorWithSet(l, 'opC', 's2', ['vT']);
  l.ok({ type: 'depositLrtTokens', staker: 'alice', vault: 'vT', amount: E(400) });
  l.ok({ type: 'delegate', staker: 'alice', operator: 'opC' });
  l.ok({ type: 'allocate', operator: 'opC', set: 's2', vault: 'vT', magnitude: '0.5' });
  return l;
}

/**
 * Three layers on top of twoLayers(): L2 over T1 (token T2, depth 2) with target opD/vB (opD
 * allocates all of vB to s3); alice gives bob 200 T1, bob deposits them into L2 (→ 200 T2), then
 * re-hypothecates 50 T2 in vault vC, delegated to opE, which allocates 1/2 of vC to s4.
 */
export function threeLayers(): TestLedger {
  const l = twoLayers();
  l.ok({ type: 'createVault', vault: 'vB', asset: 'T1' });
  operatorWithSet(l, 'opD', 's3', ['vB']);
  l.ok({ type: 'createLrt', lrt: 'L2', asset: 'T1', token: 'T2', manager: 'm2', operators: [{ operator: 'opD', vault: 'vB', weight: 1 }] });
  l.ok({ type: 'transferLrtTokens', lrt: 'L1', from: 'alice', to: 'bob', amount: E(200) });
  l.ok({ type: 'depositLrt', lrt: 'L2', account: 'bob', amount: E(200) });
  l.ok({ type: 'allocate', operator: 'opD', set: 's3', vault: 'vB', magnitude: '1/1' });
  l.ok({ type: 'createVault', vault: 'vC', asset: 'T2' });
  operatorWithSet(l, 'opE', 's4', ['vC']);
  l.ok({ type: 'depositLrtTokens', staker: 'bob', vault: 'vC', amount: E(50) });
  l.ok({ type: 'delegate', staker: 'bob', operator: 'opE' });
  l.ok({ type: 'allocate', operator: 'opE', set: 's4', vault: 'vC', magnitude: '0.5' });
  return l;
}
