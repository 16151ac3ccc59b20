import type { Rational } from '../../math/rational.js';
import { createConditionState, type ConditionState } from '../conditions/conditionState.js';
import { createLrtState, type LrtState } from '../lrt/lrtState.js';
import { createRewardState, type RewardState } from '../rewards/rewardState.js';
import { createInsuranceState, type InsuranceState } from '../insurance/insuranceState.js';

export type AssetKind = 'lst' | 'native' | 'erc20' | 'lrt';
export type AllocationMode = 'unique' | 'elastic';
export type SlashingMode = 'instant' | 'veto';
export type Redistribution = { readonly kind: 'burn' } | { readonly kind: 'account'; readonly account: string };

export interface LedgerConfig {
  withdrawalDelayBlocks: number;
  deallocationDelayBlocks: number;
  allocationConfigurationDelayBlocks: number;
}

export interface Asset {
  readonly id: string;
  readonly decimals: number;
  readonly kind: AssetKind;
  /** Numeraire per whole unit, exact. */
  price: Rational;
}

/** A vault (EigenLayer "strategy"): one asset, shares with virtual offsets. */
export interface Vault {
  readonly id: string;
  readonly asset: string;
  totalShares: bigint;
  balance: bigint;
  /** Flows of the asset, for the conservation invariant: balance = deposited + yielded − paidOut. */
  deposited: bigint;
  yielded: bigint;
  paidOut: bigint;
}

export interface StakerPosition {
  /** `s`: deposit shares (not reduced by slashing). */
  depositShares: bigint;
  /** `k`: deposit scaling factor, WAD when unset. */
  scalingFactor: bigint;
}

export interface Staker {
  readonly id: string;
  delegatedTo: string | null;
  readonly positions: Map<string, StakerPosition>;
  /** Assets deposited in total, per asset (base units); for the "never withdraw more" property. */
  readonly deposited: Map<string, bigint>;
  /** Assets received from completed withdrawals, per asset (base units). */
  readonly withdrawn: Map<string, bigint>;
}

/** (block, value) snapshots, ascending by block; one entry per block at most. */
export interface Snapshot {
  block: number;
  value: bigint;
}

export interface OperatorVault {
  /** Delegated shares (withdrawable shares of its stakers plus rounding dust). */
  shares: bigint;
  maxMagnitude: bigint;
  /** Σ over sets of current + pending increases (decreases count until they take effect). */
  encumbered: bigint;
  readonly maxMagnitudeHistory: Snapshot[];
  /** Cumulative scaled shares ever queued for withdrawal from this operator (EigenLayer history). */
  readonly queuedHistory: Snapshot[];
}

export interface Allocation {
  current: bigint;
  /** Signed pending change; 0 when none. */
  pending: bigint;
  effectBlock: number | null;
}

export interface Registration {
  registered: boolean;
  /** Last block at which a deregistered operator can still be slashed; -1 if never deregistered. */
  slashableUntil: number;
}

export interface Operator {
  readonly id: string;
  readonly mode: AllocationMode;
  commissionBips: number;
  allocationDelay: number;
  pendingAllocationDelay: { delay: number; effectBlock: number } | null;
  readonly vaults: Map<string, OperatorVault>;
  /** set → vault → allocation */
  readonly allocations: Map<string, Map<string, Allocation>>;
  readonly registrations: Map<string, Registration>;
}

export interface Service {
  readonly id: string;
  readonly sets: string[];
}

export interface OperatorSet {
  readonly id: string;
  readonly service: string;
  readonly vaults: readonly string[];
  readonly slasher: string;
  readonly slashingMode: SlashingMode;
  readonly vetoWindowBlocks: number;
  readonly executeWindowBlocks: number;
  resolver: string | null;
  /** A resolver change waits resolverChangeDelayBlocks so a pending request cannot be rigged. */
  pendingResolver: { resolver: string; effectBlock: number } | null;
  readonly profitFromCorruption: Rational;
  readonly attackThreshold: Rational;
  readonly redistributeTo: Redistribution;
  readonly operators: Set<string>;
}

export interface Withdrawal {
  readonly id: string;
  readonly staker: string;
  readonly vault: string;
  /** Operator delegated to when queued (null if undelegated). */
  readonly operator: string | null;
  /** `q = mulWad(x, k)`; raised only when a veto execution gives late stake back (lateQueued.ts). */
  scaledShares: bigint;
  readonly startBlock: number;
  completed: boolean;
}

export type SlashRequestStatus = 'pending' | 'vetoed' | 'executed';

/** A veto-mode slash (SPEC §3.4): stake captured at the request block caps what execution takes. */
export interface SlashRequest {
  readonly id: string;
  readonly set: string;
  readonly operator: string;
  readonly wad: bigint;
  readonly requestBlock: number;
  /** vault → slashable shares at the request block. */
  readonly captured: Map<string, bigint>;
  /** vault → staker → shares delegated to the operator after the request, scaled by the maxMagnitude
   *  at arrival (`divWad(added, m)`, like a queued withdrawal): this stake does not pay (SPEC §3.4). */
  readonly late: Map<string, Map<string, bigint>>;
  readonly source: string;
  status: SlashRequestStatus;
}

export interface PendingAllocation {
  readonly operator: string;
  readonly set: string;
  readonly vault: string;
  readonly effectBlock: number;
}

/**
 * Native restaking (EigenPods, SPEC §11): the one vault whose asset is of kind `native` holds pod
 * shares (1 share = 1 wei of restaked beacon-chain ETH, like EigenLayer's beacon-chain ETH
 * strategy), and each pod owner carries a beacon-chain slashing factor `l` (WAD when unset) that
 * only falls. Withdrawable shares in that vault are `mulWad(mulWad(s, k), mulWad(m, l))`.
 */
export interface NativeState {
  readonly vault: string;
  /** staker → beacon-chain slashing factor l, present once it was lowered (EigenPodManager `isSet`). */
  readonly factors: Map<string, bigint>;
}

export interface LedgerState {
  block: number;
  /** Successful commands applied so far. */
  applied: number;
  config: LedgerConfig;
  readonly assets: Map<string, Asset>;
  readonly vaults: Map<string, Vault>;
  readonly stakers: Map<string, Staker>;
  readonly operators: Map<string, Operator>;
  readonly services: Map<string, Service>;
  readonly sets: Map<string, OperatorSet>;
  readonly withdrawals: Map<string, Withdrawal>;
  withdrawalNonce: number;
  /** set → vault → shares slashed in total. */
  readonly slashed: Map<string, Map<string, bigint>>;
  /** set → vault → slashed shares not yet cleared. */
  readonly unclearedSlashed: Map<string, Map<string, bigint>>;
  /** account → asset → balance paid out of the ledger (withdrawals, redistribution). */
  readonly accounts: Map<string, Map<string, bigint>>;
  /** asset → amount burned by clearing slashed shares. */
  readonly burned: Map<string, bigint>;
  /** Allocation changes waiting for their effect block. */
  pendingAllocations: PendingAllocation[];
  /** Programmable slashing conditions: keys, conditions, used evidence, caps (SPEC §3.5). */
  readonly conditions: ConditionState;
  readonly slashRequests: Map<string, SlashRequest>;
  /** operator → ids of its pending veto requests still executable (pruned lazily): arrivals are noted on them. */
  readonly openSlashRequests: Map<string, string[]>;
  slashRequestNonce: number;
  /** Liquid restaking tokens (SPEC §3.1 LRT). */
  readonly lrts: LrtState;
  /** Rewards and commission: submissions, accumulators, claims (SPEC §3.6). */
  readonly rewards: RewardState;
  /** Insurance pools, covers, claims (SPEC §3.7). */
  readonly insurance: InsuranceState;
  /**
   * Native restaking; absent until a vault of a `native` asset is created, so that states without
   * one keep their state hash and `run --json` output exactly.
   */
  native?: NativeState;
}

export const defaultConfig: Readonly<LedgerConfig> = {
  withdrawalDelayBlocks: 100_800,
  deallocationDelayBlocks: 100_800,
  allocationConfigurationDelayBlocks: 126_000,
};

export function createState(config: Partial<LedgerConfig> = {}): LedgerState {
  return {
    block: 0,
    applied: 0,
    config: { ...defaultConfig, ...config },
    assets: new Map(),
    vaults: new Map(),
    stakers: new Map(),
    operators: new Map(),
    services: new Map(),
    sets: new Map(),
    withdrawals: new Map(),
    withdrawalNonce: 0,
    slashed: new Map(),
    unclearedSlashed: new Map(),
    accounts: new Map(),
    burned: new Map(),
    pendingAllocations: [],
    conditions: createConditionState(),
    slashRequests: new Map(),
    openSlashRequests: new Map(),
    slashRequestNonce: 0,
    lrts: createLrtState(),
    rewards: createRewardState(),
    insurance: createInsuranceState(),
  };
}
