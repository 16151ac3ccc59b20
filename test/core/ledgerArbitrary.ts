import fc from 'fast-check';
import type { Cmd } from './harness.js';

/** A small universe so random commands collide often: 3 vaults, 3 operators, 4 sets, 4 stakers. */
export const universe = {
  vaults: ['v1', 'v2', 'v3'],
  operators: ['opU', 'opE', 'opSlow'],
  sets: ['s1', 's2', 's3', 'sVeto'],
  stakers: ['alice', 'bob', 'carol', 'dave'],
};

export const genesis: Cmd[] = [
  { type: 'configure', withdrawalDelayBlocks: 6, deallocationDelayBlocks: 5, allocationConfigurationDelayBlocks: 4 },
  { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500', kind: 'lst' },
  { type: 'registerAsset', asset: 'EIGEN', decimals: 18, price: '0.6' },
  { type: 'createVault', vault: 'v1', asset: 'stETH' },
  { type: 'createVault', vault: 'v2', asset: 'stETH' },
  { type: 'createVault', vault: 'v3', asset: 'EIGEN' },
  { type: 'registerOperator', operator: 'opU' },
  { type: 'registerOperator', operator: 'opE', allocationMode: 'elastic' },
  { type: 'registerOperator', operator: 'opSlow', allocationDelay: 3 },
  { type: 'createService', service: 'oracle' },
  { type: 'createService', service: 'bridge' },
  { type: 'createOperatorSet', service: 'oracle', set: 's1', vaults: ['v1', 'v2'] },
  { type: 'createOperatorSet', service: 'oracle', set: 's2', vaults: ['v1', 'v3'], redistributeTo: 'fund' },
  { type: 'createOperatorSet', service: 'bridge', set: 's3', vaults: ['v2', 'v3'] },
  {
    type: 'createOperatorSet',
    service: 'bridge',
    set: 'sVeto',
    vaults: ['v1', 'v2', 'v3'],
    slashingMode: 'veto',
    resolver: 'council',
    vetoWindowBlocks: 2,
    executeWindowBlocks: 3,
  },
];

/** Genesis plus native restaking: an ETH (native) pod vault in two instant sets (veto sets refuse it). */
export const nativeGenesis: Cmd[] = [
  ...genesis,
  { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '3400', kind: 'native' },
  { type: 'createVault', vault: 'pod', asset: 'ETH' },
  { type: 'createOperatorSet', service: 'oracle', set: 'sPod', vaults: ['pod', 'v1'] },
  { type: 'createOperatorSet', service: 'bridge', set: 'sPod2', vaults: ['pod'], redistributeTo: 'fund' },
];

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 2000n }), fc.bigInt({ min: 0n, max: 10n ** 24n })).map(String);
const magnitude = fc.oneof(fc.constantFrom('0', '0.25', '0.5', '1/3', '1'), fc.bigInt({ min: 0n, max: 10n ** 18n }).map(String));
const wad = fc.oneof(
  fc.constantFrom('0.1', '0.5', '1/3', '1', '1000000000000000000'),
  fc.bigInt({ min: 0n, max: 10n ** 18n + 1n }).map(String),
);
const { operators, stakers } = universe;

/** Pod balance increases and decreases, beacon-chain slashes by fraction and by exact factor. */
function nativeArbs(): fc.Arbitrary<Cmd>[] {
  const signed = fc.oneof(
    amount,
    amount.map((a) => (a === '0' ? a : `-${a}`)),
  );
  const factor = fc.oneof(fc.constantFrom('0', '0.5', '0.99', '1'), fc.bigInt({ min: 0n, max: 10n ** 18n }).map(String));
  return [
    fc.record({ type: fc.constant('recordBeaconBalanceUpdate'), staker: pick(stakers), delta: signed, prevBalance: amount }),
    fc.record({ type: fc.constant('recordBeaconBalanceUpdate'), staker: pick(stakers), delta: amount }),
    fc.record({ type: fc.constant('beaconChainSlash'), staker: pick(stakers), wad }),
    fc.record({ type: fc.constant('beaconChainSlash'), staker: pick(stakers), factor }),
  ];
}

/**
 * Random ledger commands, valid and invalid alike; `withYield` adds share-price changes, `native`
 * the pod vault and its sets (with nativeGenesis) plus beacon-chain balance updates and slashes.
 */
export function commandArb(withYield: boolean, native = false): fc.Arbitrary<Cmd> {
  const vaults = native ? [...universe.vaults, 'pod', 'pod'] : universe.vaults;
  const sets = native ? [...universe.sets, 'sPod', 'sPod2'] : universe.sets;
  const arbs: fc.Arbitrary<Cmd>[] = [
    fc.record({ type: fc.constant('deposit'), staker: pick(stakers), vault: pick(vaults), amount }),
    fc.record({ type: fc.constant('delegate'), staker: pick(stakers), operator: pick(operators) }),
    fc.record({ type: fc.constant('undelegate'), staker: pick(stakers) }),
    fc.record({ type: fc.constant('registerForOperatorSet'), operator: pick(operators), set: pick(sets) }),
    fc.record({ type: fc.constant('deregisterFromOperatorSet'), operator: pick(operators), set: pick(sets) }),
    fc.record({ type: fc.constant('allocate'), operator: pick(operators), set: pick(sets), vault: pick(vaults), magnitude }),
    fc.record({ type: fc.constant('slash'), set: pick(sets), operator: pick(operators), vault: pick(vaults), wad }),
    fc.record({ type: fc.constant('slash'), set: pick(sets), operator: pick(operators), wad }),
    fc.record({ type: fc.constant('vetoSlash'), request: pick(['r1', 'r2', 'r3']) }),
    fc.record({ type: fc.constant('executeSlash'), request: pick(['r1', 'r2', 'r3']) }),
    fc.record({ type: fc.constant('queueWithdrawal'), staker: pick(stakers), vault: pick(vaults), shares: amount }),
    fc.record({ type: fc.constant('completeWithdrawal'), staker: pick(stakers), withdrawal: pick(['w1', 'w2', 'w3', 'w4', 'w5', 'w6']) }),
    fc.record({ type: fc.constant('clearSlashed'), set: pick(sets) }),
    fc.record({ type: fc.constant('advance'), blocks: fc.integer({ min: 0, max: 8 }) }),
    fc.record({ type: fc.constant('setAllocationDelay'), operator: pick(operators), delay: fc.integer({ min: 0, max: 4 }) }),
  ];
  if (withYield) arbs.push(fc.record({ type: fc.constant('accrueYield'), vault: pick(vaults), amount }));
  if (native) arbs.push(...nativeArbs());
  return fc.oneof(...arbs.map((arbitrary) => ({ arbitrary, weight: 1 })), {
    arbitrary: fc.record({ type: fc.constant('advance'), blocks: fc.integer({ min: 1, max: 3 }) }),
    weight: 2,
  });
}
