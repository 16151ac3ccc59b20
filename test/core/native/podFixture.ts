import type { Cmd } from '../harness.js';

/** A native (pod) vault in one set `sPod` of service `svc`, operator `opU` registered to it. */
export const podSetup: readonly Cmd[] = [
  { type: 'configure', withdrawalDelayBlocks: 6, deallocationDelayBlocks: 5, allocationConfigurationDelayBlocks: 4 },
  { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '1', kind: 'native' },
  { type: 'createVault', vault: 'pod', asset: 'ETH' },
  { type: 'registerOperator', operator: 'opU' },
  { type: 'createService', service: 'svc' },
  { type: 'createOperatorSet', service: 'svc', set: 'sPod', vaults: ['pod'] },
  { type: 'registerForOperatorSet', operator: 'opU', set: 'sPod' },
];
