import { Rational } from '../../math/rational.js';
import { mulDiv } from '../../math/mulDiv.js';
import { need } from '../need.js';
import type { LedgerState } from '../state/state.js';
import type { InsurancePool, InsuranceState } from './insuranceState.js';

/**
 * Pool shares for an underwriting of `amount` (rounds down): `amount` when the pool has no
 * shares, else `amount × totalShares / assets`; null when shares exist but assets are zero
 * (a wiped-out pool cannot price new capital).
 */
export function poolSharesFor(pool: InsurancePool, amount: bigint): bigint | null {
  if (pool.totalShares === 0n) return amount;
  if (pool.assets === 0n) return null;
  return mulDiv(amount, pool.totalShares, pool.assets, 'down');
}

/** Assets paid for `shares` leaving the pool: `shares × assets / totalShares` (rounds down, ≤ assets). */
export function poolAssetsFor(pool: InsurancePool, shares: bigint): bigint {
  if (pool.totalShares === 0n) return 0n;
  return mulDiv(shares, pool.assets, pool.totalShares, 'down');
}

/**
 * Capital backing cover: the assets of the shares not queued for withdrawal,
 * `assets × (totalShares − pendingShares) / totalShares` (rounds down).
 */
export function freeCapital(pool: InsurancePool): bigint {
  return poolAssetsFor(pool, pool.totalShares - pool.pendingShares);
}

/** Cover the pool may have active: floor(freeCapital × capacityRatio). */
export function coverCapacity(pool: InsurancePool): bigint {
  return Rational.of(freeCapital(pool)).mul(pool.capacityRatio).toBigInt('down');
}

/** Σ remaining over the pool's covers still in their period at `block` (O(covers of the pool)). */
export function activeCover(ins: InsuranceState, pool: InsurancePool, block: number): bigint {
  let total = 0n;
  for (const id of pool.covers) {
    const c = ins.covers.get(id);
    if (c && c.startBlock <= block && block <= c.endBlock) total += c.remaining;
  }
  return total;
}

/** Ids of covers whose period has not ended by `block` (expired ones can no longer claim). */
export function liveCovers(ins: InsuranceState, ids: readonly string[], block: number): string[] {
  return ids.filter((id) => (ins.covers.get(id)?.endBlock ?? -1) >= block);
}

export function coverTargetKey(operator: string, set: string): string {
  return `${operator}\u0000${set}`;
}

/** The pool, or UNKNOWN_POOL (checking phase only). */
export function getPool(state: LedgerState, id: string): InsurancePool {
  return need(state.insurance.pools.get(id), 'UNKNOWN_POOL', id);
}
