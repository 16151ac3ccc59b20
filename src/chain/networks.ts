import type { ContractName } from './abi/eventCatalogue.js';

export interface NetworkConfig {
  readonly name: string;
  readonly chainId: number;
  /** Proxy addresses (lowercase) of the core contracts whose logs are read. */
  readonly contracts: Readonly<Record<ContractName, string>>;
  /** First block worth reading (the slashing release's AllocationManager). */
  readonly startBlock: number;
  /** Protocol delays, in blocks, for the ledger's `configure`. */
  readonly withdrawalDelayBlocks: number;
  readonly deallocationDelayBlocks: number;
  readonly allocationConfigurationDelayBlocks: number;
}

/**
 * Public facts from ../shared/data/eigenlayer/: mainnet-addresses.json, mainnet-parameters.json
 * (MIN_WITHDRAWAL_DELAY_BLOCKS 100800, ALLOCATION_CONFIGURATION_DELAY 126000; the deallocation
 * delay equals the withdrawal delay on mainnet) and mainnet-core-contracts-abi.json (the
 * AllocationManager proxy from block 22,218,956).
 */
export const mainnet: NetworkConfig = {
  name: 'mainnet',
  chainId: 1,
  contracts: {
    AllocationManager: '0x948a420b8cc1d6bfd0b6087c2e7c344a2cd0bc39',
    DelegationManager: '0x39053d51b77dc0d36036fc1fcc8cb819df8ef37a',
    StrategyManager: '0x858646372cc42e1a627fce94aa7a7033e7cf075a',
    EigenPodManager: '0x91e677b07f7af907ec9a428aafa9fc14a0d3a338',
  },
  startBlock: 22_218_956,
  withdrawalDelayBlocks: 100_800,
  deallocationDelayBlocks: 100_800,
  allocationConfigurationDelayBlocks: 126_000,
};

/**
 * EigenLayer preprod on Holesky: addresses from preprod-addresses.json; the AllocationManager
 * address is the one in the real log slice. The delays are read off that slice: every
 * `AllocationDelaySet` takes effect 75 blocks after it (ALLOCATION_CONFIGURATION_DELAY + 1 = 75)
 * and deallocations 51 blocks after (DEALLOCATION_DELAY + 1 = 51); the withdrawal delay is taken
 * equal to the deallocation delay, as on mainnet (the slice has no withdrawals to read it from).
 */
export const preprod: NetworkConfig = {
  name: 'preprod',
  chainId: 17000,
  contracts: {
    AllocationManager: '0xfdd5749e11977d60850e06bf5b13221ad95eb6b4',
    DelegationManager: '0x75dfe5b44c2e530568001400d3f704bc8ae350cc',
    StrategyManager: '0xf9fbf2e35d8803273e214c99bf15174139f4e67a',
    EigenPodManager: '0xb8d8952f572e67b11e43bc21250967772fa883ff',
  },
  startBlock: 2_932_514,
  withdrawalDelayBlocks: 50,
  deallocationDelayBlocks: 50,
  allocationConfigurationDelayBlocks: 74,
};

export const networks: ReadonlyMap<string, NetworkConfig> = new Map([
  ['mainnet', mainnet],
  ['preprod', preprod],
]);

/** EigenLayer's virtual strategy for native (beacon chain) ETH. */
export const beaconChainEthStrategy = '0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0';
