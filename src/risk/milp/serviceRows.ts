import type { LpRow } from './lpModel.js';

/**
 * Rows of the attack program (its y_s columns) that restrict which services may fall: 'same' holds every service of
 * `inA` falling and every other one of `services` up (rows `fix<s>`); 'swap' keeps all of `inA` but at most one
 * falling, the others free (row `keep`). Shared by the cheapest cover (cheapestCover) and R_ψ's set search
 * (worstSetSearch).
 */
export function serviceRows(services: readonly number[], inA: ReadonlySet<number>, mode: 'same' | 'swap'): LpRow[] {
  const y = (s: number): { name: string; coef: number } => ({ name: `y${s}`, coef: 1 });
  if (mode === 'same')
    return services.map((s) => ({ name: `fix${s}`, terms: [y(s)], op: inA.has(s) ? '>=' : '<=', rhs: inA.has(s) ? 1 : 0 }));
  return [{ name: 'keep', terms: [...inA].map(y), op: '>=', rhs: inA.size - 1 }];
}
