/**
 * Rewards ledger state (SPEC §3.6). Plain Maps of bigint so cloneState/stateHash cover it.
 * The scheme and its rounding are documented in docs/rewards.md.
 */

/**
 * Accumulator scale: reward per unit of staker weight is kept in units of 1/rewardAccScale, and
 * each distribution rounds the increment up (distributeShares), so a staker's accrual over an
 * interval, floor(w × Δacc / scale), is never below its exact share and exceeds it by less than
 * n·w/scale (n distributions). With weights up to rewardExactWeightMax (1e100) and at most 1e7
 * distributions that is below 1e-13 of a unit: a whole-unit share is paid exactly. When the pool's
 * weight W did not change over the interval the excess is also below 1/W (the gap from any
 * fraction of denominator W to the next unit) for W ≤ 1e56, so every share is exactly floor(exact).
 * Σ of all round-up excesses stays below one unit (docs/rewards.md), so claims never exceed
 * what was submitted.
 */
export const rewardAccScale = 10n ** 120n;

/** One reward submission (the log is trusted: `from` is recorded, not debited). */
export interface RewardSubmission {
  readonly id: string;
  readonly service: string;
  readonly set: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly from: string | null;
  readonly block: number;
  /** Left over from apportioning across (operator, vault) pairs, rounding down. */
  readonly dust: bigint;
}

/**
 * Stakers of one operator in one vault. Weight of a staker = its scaled shares
 * `mulWad(s, k)`; withdrawable shares are `mulWad(weight, maxMagnitude)`, so within one
 * (operator, vault) weights are proportional to withdrawable shares, slashes included.
 */
export interface RewardPool {
  /** Σ of the recorded weights of the stakers in this pool. */
  totalWeight: bigint;
  /** asset → cumulative reward per unit of weight, × rewardAccScale (each increment rounded up). */
  readonly acc: Map<string, bigint>;
}

export interface StakerRewards {
  /** Operator the recorded weights belong to (null: undelegated, no weights). */
  operator: string | null;
  /** vault → recorded weight (scaled shares when last synced). */
  readonly weights: Map<string, bigint>;
  /**
   * `${vault}\u0000${asset}` → accumulator value when last settled (absent: 0). Null until a
   * pool of the staker has a non-zero accumulator (saves a Map per staker: memory at 1e6 stakers).
   */
  checkpoints: Map<string, bigint> | null;
  /** asset → settled, not yet claimed; null until something is owed. */
  owed: Map<string, bigint> | null;
}

export interface RewardState {
  readonly submissions: Map<string, RewardSubmission>;
  submissionNonce: number;
  /** asset → totals. */
  readonly submitted: Map<string, bigint>;
  readonly claimed: Map<string, bigint>;
  /** asset → dust kept by the ledger (apportionment remainders, stake parts with no stakers). */
  readonly dust: Map<string, bigint>;
  /** operator → asset → commission not yet claimed. */
  readonly commission: Map<string, Map<string, bigint>>;
  /** operator → vault → pool. */
  readonly pools: Map<string, Map<string, RewardPool>>;
  readonly stakers: Map<string, StakerRewards>;
  /**
   * The staker whose shares changed in the last hooked command: its weights are re-read
   * from its positions before anything else reads the pools (at most one at a time).
   */
  pendingSync: string | null;
}

export function createRewardState(): RewardState {
  return {
    submissions: new Map(),
    submissionNonce: 0,
    submitted: new Map(),
    claimed: new Map(),
    dust: new Map(),
    commission: new Map(),
    pools: new Map(),
    stakers: new Map(),
    pendingSync: null,
  };
}
