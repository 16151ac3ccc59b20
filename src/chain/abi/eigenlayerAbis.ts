// Generated from ../shared/data/eigenlayer/mainnet-core-contracts-abi.json (the implementations in
// effect from block 22,218,956, the slashing release): the events the importer maps and the views
// --verify reads. Public ABI data, kept in the repository so the importer runs without that file.
import type { Abi } from 'viem';

/** AllocationManager implementation 0x740058839a1668af5700e5d7b062007275e77d25. */
export const allocationManagerAbi = [
  {
    type: 'function',
    name: 'getAllocation',
    inputs: [
      { name: 'operator', type: 'address', internalType: 'address' },
      {
        name: 'operatorSet',
        type: 'tuple',
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
      { name: 'strategy', type: 'address', internalType: 'contract IStrategy' },
    ],
    outputs: [
      {
        name: '',
        type: 'tuple',
        internalType: 'struct IAllocationManagerTypes.Allocation',
        components: [
          { name: 'currentMagnitude', type: 'uint64', internalType: 'uint64' },
          { name: 'pendingDiff', type: 'int128', internalType: 'int128' },
          { name: 'effectBlock', type: 'uint32', internalType: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    name: 'getEncumberedMagnitude',
    inputs: [
      { name: 'operator', type: 'address', internalType: 'address' },
      { name: 'strategy', type: 'address', internalType: 'contract IStrategy' },
    ],
    outputs: [{ name: '', type: 'uint64', internalType: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    name: 'getMaxMagnitude',
    inputs: [
      { name: 'operator', type: 'address', internalType: 'address' },
      { name: 'strategy', type: 'address', internalType: 'contract IStrategy' },
    ],
    outputs: [{ name: '', type: 'uint64', internalType: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    name: 'AVSMetadataURIUpdated',
    inputs: [
      { name: 'avs', type: 'address', indexed: true, internalType: 'address' },
      { name: 'metadataURI', type: 'string', indexed: false, internalType: 'string' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'AVSRegistrarSet',
    inputs: [
      { name: 'avs', type: 'address', indexed: false, internalType: 'address' },
      { name: 'registrar', type: 'address', indexed: false, internalType: 'contract IAVSRegistrar' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'AllocationDelaySet',
    inputs: [
      { name: 'operator', type: 'address', indexed: false, internalType: 'address' },
      { name: 'delay', type: 'uint32', indexed: false, internalType: 'uint32' },
      { name: 'effectBlock', type: 'uint32', indexed: false, internalType: 'uint32' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'AllocationUpdated',
    inputs: [
      { name: 'operator', type: 'address', indexed: false, internalType: 'address' },
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'magnitude', type: 'uint64', indexed: false, internalType: 'uint64' },
      { name: 'effectBlock', type: 'uint32', indexed: false, internalType: 'uint32' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'EncumberedMagnitudeUpdated',
    inputs: [
      { name: 'operator', type: 'address', indexed: false, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'encumberedMagnitude', type: 'uint64', indexed: false, internalType: 'uint64' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'MaxMagnitudeUpdated',
    inputs: [
      { name: 'operator', type: 'address', indexed: false, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'maxMagnitude', type: 'uint64', indexed: false, internalType: 'uint64' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorAddedToOperatorSet',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorRemovedFromOperatorSet',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorSetCreated',
    inputs: [
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorSlashed',
    inputs: [
      { name: 'operator', type: 'address', indexed: false, internalType: 'address' },
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
      { name: 'strategies', type: 'address[]', indexed: false, internalType: 'contract IStrategy[]' },
      { name: 'wadSlashed', type: 'uint256[]', indexed: false, internalType: 'uint256[]' },
      { name: 'description', type: 'string', indexed: false, internalType: 'string' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StrategyAddedToOperatorSet',
    inputs: [
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StrategyRemovedFromOperatorSet',
    inputs: [
      {
        name: 'operatorSet',
        type: 'tuple',
        indexed: false,
        internalType: 'struct OperatorSet',
        components: [
          { name: 'avs', type: 'address', internalType: 'address' },
          { name: 'id', type: 'uint32', internalType: 'uint32' },
        ],
      },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
    ],
    anonymous: false,
  },
] as const satisfies Abi;

/** DelegationManager implementation 0xa75112d1df37fa53a431525cd47a7d7facea7e73. */
export const delegationManagerAbi = [
  {
    type: 'function',
    name: 'depositScalingFactor',
    inputs: [
      { name: 'staker', type: 'address', internalType: 'address' },
      { name: 'strategy', type: 'address', internalType: 'contract IStrategy' },
    ],
    outputs: [{ name: '', type: 'uint256', internalType: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    name: 'getOperatorShares',
    inputs: [
      { name: 'operator', type: 'address', internalType: 'address' },
      { name: 'strategies', type: 'address[]', internalType: 'contract IStrategy[]' },
    ],
    outputs: [{ name: '', type: 'uint256[]', internalType: 'uint256[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    name: 'getWithdrawableShares',
    inputs: [
      { name: 'staker', type: 'address', internalType: 'address' },
      { name: 'strategies', type: 'address[]', internalType: 'contract IStrategy[]' },
    ],
    outputs: [
      { name: 'withdrawableShares', type: 'uint256[]', internalType: 'uint256[]' },
      { name: 'depositShares', type: 'uint256[]', internalType: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    name: 'operatorShares',
    inputs: [
      { name: 'operator', type: 'address', internalType: 'address' },
      { name: 'strategy', type: 'address', internalType: 'contract IStrategy' },
    ],
    outputs: [{ name: 'shares', type: 'uint256', internalType: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    name: 'DelegationApproverUpdated',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      { name: 'newDelegationApprover', type: 'address', indexed: false, internalType: 'address' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'DepositScalingFactorUpdated',
    inputs: [
      { name: 'staker', type: 'address', indexed: false, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'newDepositScalingFactor', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorMetadataURIUpdated',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      { name: 'metadataURI', type: 'string', indexed: false, internalType: 'string' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorRegistered',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      { name: 'delegationApprover', type: 'address', indexed: false, internalType: 'address' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorSharesDecreased',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      { name: 'staker', type: 'address', indexed: false, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'shares', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorSharesIncreased',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      { name: 'staker', type: 'address', indexed: false, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'shares', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OperatorSharesSlashed',
    inputs: [
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'totalSlashedShares', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'SlashingWithdrawalCompleted',
    inputs: [{ name: 'withdrawalRoot', type: 'bytes32', indexed: false, internalType: 'bytes32' }],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'SlashingWithdrawalQueued',
    inputs: [
      { name: 'withdrawalRoot', type: 'bytes32', indexed: false, internalType: 'bytes32' },
      {
        name: 'withdrawal',
        type: 'tuple',
        indexed: false,
        internalType: 'struct IDelegationManagerTypes.Withdrawal',
        components: [
          { name: 'staker', type: 'address', internalType: 'address' },
          { name: 'delegatedTo', type: 'address', internalType: 'address' },
          { name: 'withdrawer', type: 'address', internalType: 'address' },
          { name: 'nonce', type: 'uint256', internalType: 'uint256' },
          { name: 'startBlock', type: 'uint32', internalType: 'uint32' },
          { name: 'strategies', type: 'address[]', internalType: 'contract IStrategy[]' },
          { name: 'scaledShares', type: 'uint256[]', internalType: 'uint256[]' },
        ],
      },
      { name: 'sharesToWithdraw', type: 'uint256[]', indexed: false, internalType: 'uint256[]' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StakerDelegated',
    inputs: [
      { name: 'staker', type: 'address', indexed: true, internalType: 'address' },
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StakerForceUndelegated',
    inputs: [
      { name: 'staker', type: 'address', indexed: true, internalType: 'address' },
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StakerUndelegated',
    inputs: [
      { name: 'staker', type: 'address', indexed: true, internalType: 'address' },
      { name: 'operator', type: 'address', indexed: true, internalType: 'address' },
    ],
    anonymous: false,
  },
] as const satisfies Abi;

/** StrategyManager implementation 0xba4b2b8a076851a3044882493c2e36503d50b925. */
export const strategyManagerAbi = [
  {
    type: 'event',
    name: 'BurnableSharesDecreased',
    inputs: [
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'shares', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'BurnableSharesIncreased',
    inputs: [
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'shares', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Deposit',
    inputs: [
      { name: 'staker', type: 'address', indexed: false, internalType: 'address' },
      { name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' },
      { name: 'shares', type: 'uint256', indexed: false, internalType: 'uint256' },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StrategyAddedToDepositWhitelist',
    inputs: [{ name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' }],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StrategyRemovedFromDepositWhitelist',
    inputs: [{ name: 'strategy', type: 'address', indexed: false, internalType: 'contract IStrategy' }],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'StrategyWhitelisterChanged',
    inputs: [
      { name: 'previousAddress', type: 'address', indexed: false, internalType: 'address' },
      { name: 'newAddress', type: 'address', indexed: false, internalType: 'address' },
    ],
    anonymous: false,
  },
] as const satisfies Abi;

/** EigenPodManager implementation 0x8db49233e3b7691d68745a31e4a0cd9cf924b7e9. */
export const eigenPodManagerAbi = [
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: 'address', name: 'podOwner', type: 'address' },
      { indexed: false, internalType: 'uint256', name: 'amount', type: 'uint256' },
    ],
    name: 'BeaconChainETHDeposited',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: 'address', name: 'podOwner', type: 'address' },
      { indexed: false, internalType: 'uint256', name: 'shares', type: 'uint256' },
      { indexed: false, internalType: 'uint96', name: 'nonce', type: 'uint96' },
      { indexed: false, internalType: 'address', name: 'delegatedAddress', type: 'address' },
      { indexed: false, internalType: 'address', name: 'withdrawer', type: 'address' },
      { indexed: false, internalType: 'bytes32', name: 'withdrawalRoot', type: 'bytes32' },
    ],
    name: 'BeaconChainETHWithdrawalCompleted',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [
      { indexed: false, internalType: 'address', name: 'staker', type: 'address' },
      { indexed: false, internalType: 'uint64', name: 'prevBeaconChainSlashingFactor', type: 'uint64' },
      { indexed: false, internalType: 'uint64', name: 'newBeaconChainSlashingFactor', type: 'uint64' },
    ],
    name: 'BeaconChainSlashingFactorDecreased',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [{ indexed: false, internalType: 'uint256', name: 'shares', type: 'uint256' }],
    name: 'BurnableETHSharesIncreased',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: 'address', name: 'podOwner', type: 'address' },
      { indexed: false, internalType: 'int256', name: 'newTotalShares', type: 'int256' },
    ],
    name: 'NewTotalShares',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [{ indexed: false, internalType: 'uint64', name: 'newPectraForkTimestamp', type: 'uint64' }],
    name: 'PectraForkTimestampSet',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: 'address', name: 'eigenPod', type: 'address' },
      { indexed: true, internalType: 'address', name: 'podOwner', type: 'address' },
    ],
    name: 'PodDeployed',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: 'address', name: 'podOwner', type: 'address' },
      { indexed: false, internalType: 'int256', name: 'sharesDelta', type: 'int256' },
    ],
    name: 'PodSharesUpdated',
    type: 'event',
  },
  {
    anonymous: false,
    inputs: [{ indexed: false, internalType: 'address', name: 'newProofTimestampSetter', type: 'address' }],
    name: 'ProofTimestampSetterSet',
    type: 'event',
  },
] as const satisfies Abi;
