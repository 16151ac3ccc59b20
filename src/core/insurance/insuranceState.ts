import type { Rational } from '../../math/rational.js';

/**
 * Insurance pools (SPEC §3.7). Plain Maps of bigint so cloneState/stateHash cover it.
 * Rules and formulas: docs/insurance.md.
 */

export interface InsurancePool {
  readonly id: string;
  readonly asset: string;
  readonly withdrawalDelayBlocks: number;
  /** Active cover may reach free capital × capacityRatio (1: fully collateralised; > 1: leveraged, can become insolvent). */
  readonly capacityRatio: Rational;
  /** Pool assets (base units of `asset`). */
  assets: bigint;
  totalShares: bigint;
  /** underwriter → shares not queued for withdrawal. */
  readonly shares: Map<string, bigint>;
  /** Shares queued for withdrawal: still in totalShares, still bear claims. */
  pendingShares: bigint;
  /** Flows, for conservation: assets = underwritten + premiums − claimsPaid − withdrawn. */
  underwritten: bigint;
  premiums: bigint;
  claimsPaid: bigint;
  withdrawn: bigint;
  /** Ids of this pool's covers not yet expired when it last sold one, in order. */
  readonly covers: string[];
}

export interface Cover {
  readonly id: string;
  readonly pool: string;
  readonly buyer: string;
  readonly operator: string;
  readonly set: string;
  readonly amount: bigint;
  /** Cover left (amount minus claims made). */
  remaining: bigint;
  readonly premium: bigint;
  readonly startBlock: number;
  /** Last block covered (inclusive). */
  readonly endBlock: number;
  /** Paid to the buyer in total (less than claimed when the pool was insolvent). */
  paid: bigint;
}

export interface UnderwriterWithdrawal {
  readonly id: string;
  readonly pool: string;
  readonly underwriter: string;
  readonly shares: bigint;
  readonly startBlock: number;
  completed: boolean;
  /** Assets paid at completion. */
  paid: bigint;
}

/** One claim made by a covered slash. */
export interface InsuranceClaim {
  readonly id: string;
  readonly cover: string;
  readonly block: number;
  /** Buyer's loss from this slash in pool-asset base units (rounded down). */
  readonly loss: bigint;
  /** min(cover remaining, loss left after earlier covers of the same buyer). */
  readonly claimed: bigint;
  /** Paid: the claim, or its pro-rata share when the pool could not pay every claim of this slash. */
  readonly paid: bigint;
}

export interface InsuranceState {
  readonly pools: Map<string, InsurancePool>;
  readonly covers: Map<string, Cover>;
  coverNonce: number;
  /** `${operator}\u0000${set}` → ids of covers on it (expired ones pruned at the next sale), in order. */
  readonly coversByTarget: Map<string, string[]>;
  readonly withdrawals: Map<string, UnderwriterWithdrawal>;
  withdrawalNonce: number;
  readonly claims: Map<string, InsuranceClaim>;
  claimNonce: number;
}

export function createInsuranceState(): InsuranceState {
  return {
    pools: new Map(),
    covers: new Map(),
    coverNonce: 0,
    coversByTarget: new Map(),
    withdrawals: new Map(),
    withdrawalNonce: 0,
    claims: new Map(),
    claimNonce: 0,
  };
}
