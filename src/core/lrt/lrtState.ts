/**
 * Liquid restaking tokens (SPEC §3.1 LRT). Plain Maps/objects of bigint so the generic
 * cloneState and stateHash cover them.
 *
 * An LRT is a managed position: one internal ledger staker per target operator
 * (`lrtStakerId(lrt, operator)`), delegated to that operator, holding vault shares of the
 * underlying asset. Its token (an asset of kind `lrt`, 18 decimals) is minted at NAV.
 */
export interface LrtTarget {
  readonly operator: string;
  readonly vault: string;
  /** Target weight (positive integer); deposits are split by weight / Σ weights. */
  readonly weight: bigint;
  /** The internal staker holding this target's shares (shared by targets of one operator). */
  readonly staker: string;
}

export interface Lrt {
  readonly id: string;
  /** Underlying asset (may itself be another LRT's token). */
  readonly asset: string;
  /** The registered `lrt`-kind asset this LRT mints. */
  readonly token: string;
  readonly manager: string;
  /** 1 for an LRT over a plain asset; 1 + the underlying LRT's depth otherwise. */
  readonly depth: number;
  readonly targets: readonly LrtTarget[];
  /** Tokens outstanding (base units). */
  supply: bigint;
  /** Underlying held by the LRT outside any vault (parts too small to buy a vault share). */
  idle: bigint;
  /** account → token balance (base units), the tokens' wallets. */
  readonly balances: Map<string, bigint>;
}

/** A redemption: tokens burned, withdrawals queued pro rata, paid to `account` after the delay. */
export interface LrtRedemption {
  readonly id: string;
  readonly lrt: string;
  readonly account: string;
  readonly tokens: bigint;
  /** Withdrawal ids in the normal queue, owned by the LRT's internal stakers (still slashable). */
  readonly withdrawals: readonly string[];
  /** Idle underlying reserved for this redemption at redeem time. */
  readonly idle: bigint;
  readonly startBlock: number;
  completed: boolean;
}

export interface LrtState {
  readonly lrts: Map<string, Lrt>;
  /** token asset id → LRT id. */
  readonly byToken: Map<string, string>;
  readonly redemptions: Map<string, LrtRedemption>;
  redemptionNonce: number;
}

export function createLrtState(): LrtState {
  return { lrts: new Map(), byToken: new Map(), redemptions: new Map(), redemptionNonce: 0 };
}
