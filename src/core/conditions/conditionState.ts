import { defaultKeyRotationDelayBlocks } from './conditionBounds.js';

/**
 * Ledger state of programmable slashing conditions (SPEC §3.5). Plain Maps, arrays and objects
 * of bigint/number/string only, so the ledger's generic clone and state hash cover it.
 */

/** Plain data a condition kind may keep as its parsed parameters. */
export type PlainData = string | number | bigint | readonly PlainData[] | { readonly [key: string]: PlainData };

/** One signing key of an operator, valid for heights ≥ fromBlock until the next epoch starts. */
export interface KeyEpoch {
  readonly scheme: string;
  /** Canonical lower-case hex (ed25519: 32 bytes; secp256k1: 33-byte compressed). */
  readonly publicKey: string;
  readonly fromBlock: number;
}

export interface AttachedCondition {
  readonly id: string;
  readonly set: string;
  readonly kind: string;
  readonly params: PlainData;
  /** Fraction of the allocation slashed per valid evidence (WAD). */
  readonly penaltyWad: bigint;
  /** Most penalty (sum of issued wads) per operator within any `windowBlocks` blocks. */
  readonly capWad: bigint;
  readonly windowBlocks: number;
  /** Blocks after a slash by this condition before it can slash the same operator again. */
  readonly cooldownBlocks: number;
  readonly attachedBlock: number;
}

export interface PenaltyRecord {
  readonly block: number;
  readonly wad: bigint;
}

export interface UsedEvidence {
  readonly set: string;
  readonly condition: string;
  readonly operator: string;
  readonly block: number;
  readonly wad: bigint;
}

export interface ConditionState {
  keyRotationDelayBlocks: number;
  /** operator → key epochs, ascending by fromBlock. */
  readonly keys: Map<string, KeyEpoch[]>;
  /** "scheme:publicKey" → operator, for every key ever registered. */
  readonly keyOwners: Map<string, string>;
  /** set → condition id → condition. */
  readonly conditions: Map<string, Map<string, AttachedCondition>>;
  /** canonical evidence id (hex) → the slash it issued: replay protection. */
  readonly evidence: Map<string, UsedEvidence>;
  /** penaltyKey(set, condition, operator) → penalties issued within the condition window. */
  readonly penalties: Map<string, PenaltyRecord[]>;
  /** penaltyKey(set, condition, operator) → block of the last slash (cooldown). */
  readonly lastSlash: Map<string, number>;
}

export function createConditionState(keyRotationDelayBlocks: number = defaultKeyRotationDelayBlocks): ConditionState {
  return {
    keyRotationDelayBlocks,
    keys: new Map(),
    keyOwners: new Map(),
    conditions: new Map(),
    evidence: new Map(),
    penalties: new Map(),
    lastSlash: new Map(),
  };
}

/** Ids are printable ASCII without spaces, so a space separates them unambiguously. */
export function penaltyKey(set: string, condition: string, operator: string): string {
  return `${set} ${condition} ${operator}`;
}
