import type { AbiEvent, AbiParameter } from 'viem';
import { allocationManagerAbi, delegationManagerAbi, eigenPodManagerAbi, strategyManagerAbi } from './eigenlayerAbis.js';

export type ContractName = 'AllocationManager' | 'DelegationManager' | 'StrategyManager' | 'EigenPodManager';

export interface CatalogueEntry {
  readonly contract: ContractName;
  readonly abi: AbiEvent;
}

function eventsOf(contract: ContractName, abi: readonly unknown[]): [string, CatalogueEntry][] {
  return (abi as readonly { type: string }[]).filter((e): e is AbiEvent => e.type === 'event').map((e) => [e.name, { contract, abi: e }]);
}

/**
 * Every event the importer knows, by name. Names are unique across the four core contracts, so a
 * decoded log is identified by its event name even when its address is not in the address book
 * (the preprod AllocationManager, for one, is not in preprod-addresses.json).
 */
export const eventCatalogue: ReadonlyMap<string, CatalogueEntry> = new Map([
  ...eventsOf('AllocationManager', allocationManagerAbi),
  ...eventsOf('DelegationManager', delegationManagerAbi),
  ...eventsOf('StrategyManager', strategyManagerAbi),
  ...eventsOf('EigenPodManager', eigenPodManagerAbi),
]);

/** The combined event ABI, for decoding raw logs by topic. */
export const allEventsAbi: readonly AbiEvent[] = [...eventCatalogue.values()].map((e) => e.abi);

export type { AbiParameter };
