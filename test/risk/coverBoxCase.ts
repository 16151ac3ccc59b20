import type { Rational } from '../../src/math/rational.js';
import { coverBound, coverBoundData } from '../../src/risk/attackCoverBound.js';
import { indexNetwork, type IndexedNetwork } from '../../src/risk/indexNetwork.js';
import { attackVariables } from '../../src/risk/milp/attackProgram.js';
import { attackColumns, exactBestProgram, type AttackColumns } from '../../src/risk/milp/exactAttackProgram.js';
import type { ExactProgram } from '../../src/risk/milp/exactProgram.js';
import type { Network } from '../../src/risk/network.js';

export interface CoverBoxCase {
  readonly ix: IndexedNetwork;
  readonly cols: AttackColumns;
  readonly program: ExactProgram;
  readonly lo: Uint8Array;
  readonly up: Uint8Array;
  /** coverBound of the box: what the brute force over the box must never exceed. */
  readonly bound: bigint;
}

/**
 * One node box of the exact best-attack program at `lambda` for the cover-bound properties: column j is
 * free (4 in 6 of `fixes`), fixed to 0 (value 4) or fixed to 1 (value 5). Null when the network has no
 * service to attack or no cover data.
 */
export function coverBoxCase(net: Network, fixes: readonly number[], lambda: Rational): CoverBoxCase | null {
  const ix = indexNetwork(net);
  const vars = attackVariables(ix);
  if (vars.services.length === 0) return null;
  const cols = attackColumns(ix, vars, false);
  const data = coverBoundData(ix, vars, cols);
  if (data === null) return null;
  const program = exactBestProgram(ix, vars, lambda, cols);
  const n = program.objective.length;
  const lo = Uint8Array.from({ length: n }, (_, j) => (fixes[j % fixes.length] === 5 ? 1 : 0));
  const up = Uint8Array.from({ length: n }, (_, j) => (fixes[j % fixes.length] === 4 ? 0 : 1));
  return { ix, cols, program, lo, up, bound: coverBound(data, program.objective, lambda.den, lo, up) };
}
