import type { Result } from '../../errors/result.js';
import type { PlainData } from './conditionState.js';

/** What a verifier may know about the ledger: nothing beyond this (pure, deterministic). */
export interface VerifyContext {
  /** The set the condition is attached to. */
  readonly set: string;
  /** The operator accused. */
  readonly operator: string;
  /** Current ledger block; evidence from later heights is refused. */
  readonly block: number;
  /** The operator's key valid at `height` (rotation delays applied), or null. */
  keyAt(operator: string, height: number): { readonly scheme: string; readonly publicKey: string } | null;
}

export interface Verdict {
  /** Canonical bytes of the proven offence; hashed with the kind into the evidence id (replay protection). */
  readonly offence: Uint8Array;
  /** The height the offence refers to (reporting only). */
  readonly height: number;
}

/**
 * A condition kind: three pure functions. `parseParams` and `decodeEvidence` throw
 * `StakemeshFailure` (BAD_CONDITION_PARAMS / EVIDENCE_MALFORMED / EVIDENCE_TOO_LARGE) on bad
 * input; `verify` returns a user error for evidence that does not prove an offence. Params must
 * be plain data (strings, numbers, bigints, arrays, objects): they are stored in ledger state.
 */
export interface ConditionKind<P = PlainData, E = unknown> {
  readonly kind: string;
  parseParams(raw: unknown): P;
  decodeEvidence(raw: unknown): E;
  verify(ctx: VerifyContext, params: P, evidence: E): Result<Verdict>;
}
