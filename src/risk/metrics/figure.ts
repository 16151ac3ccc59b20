import type { Rational } from '../../math/rational.js';
import { exactString } from '../exactString.js';

/** The ledger state a figure describes (SPEC §10): its block, the log seq and the state hash. */
export interface Stamp {
  readonly block: number;
  readonly seq: number;
  readonly stateHash: string;
}

/** A JSON value of a figure: exact numbers are decimal or "p/q" strings (SPEC §5), counts are numbers. */
export type FigureValue = string | number | boolean | null | readonly string[];

/**
 * One standard figure (SPEC §10). `proven: true`: `value` is exact. `proven: false`: `value` is the best
 * figure known so far (a real attack, a greedy answer) and `lower`/`upper` are proven bounds (null when
 * that side is unknown); an exact job replaces it once it has run on the same state.
 */
export type Figure<T extends FigureValue = FigureValue> =
  | (Stamp & { readonly value: T; readonly proven: true })
  | (Stamp & { readonly value: T | null; readonly proven: false; readonly lower: string | null; readonly upper: string | null });

export function proven<T extends FigureValue>(at: Stamp, value: T): Figure<T> {
  return { value, proven: true, block: at.block, seq: at.seq, stateHash: at.stateHash };
}

export function bounded<T extends FigureValue>(at: Stamp, value: T | null, lower: Rational | null, upper: Rational | null): Figure<T> {
  return {
    value,
    proven: false,
    lower: lower === null ? null : exactString(lower),
    upper: upper === null ? null : exactString(upper),
    block: at.block,
    seq: at.seq,
    stateHash: at.stateHash,
  };
}

/** An exact rational figure. */
export function exact(at: Stamp, r: Rational): Figure<string> {
  return proven(at, exactString(r));
}

/** The same figure describing another state (its inputs did not change). */
export function restamp<T extends FigureValue>(f: Figure<T>, at: Stamp): Figure<T> {
  return { ...f, block: at.block, seq: at.seq, stateHash: at.stateHash };
}

/** Value and proof status of a figure, without its stamp: two figures agree when these agree. */
export function figureKey(f: Figure): string {
  return JSON.stringify(f.proven ? [f.value, true] : [f.value, false, f.lower, f.upper]);
}
