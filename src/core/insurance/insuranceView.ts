import type { LedgerState } from '../state/state.js';
import { activeCover, coverCapacity, freeCapital } from './poolMath.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function obj<V>(m: ReadonlyMap<string, V>, f: (v: V, k: string) => Json): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  for (const [k, v] of m) o[k] = f(v, k);
  return o;
}

/** The `insurance` section of the state view. */
export function insuranceView(state: LedgerState): Json {
  const ins = state.insurance;
  return {
    pools: obj(ins.pools, (p) => ({
      asset: p.asset,
      assets: p.assets.toString(),
      totalShares: p.totalShares.toString(),
      pendingShares: p.pendingShares.toString(),
      underwriters: obj(p.shares, (x) => x.toString()),
      underwritten: p.underwritten.toString(),
      premiums: p.premiums.toString(),
      claimsPaid: p.claimsPaid.toString(),
      withdrawn: p.withdrawn.toString(),
      activeCover: activeCover(ins, p, state.block).toString(),
      freeCapital: freeCapital(p).toString(),
      capacityRatio: p.capacityRatio.toString(),
      coverCapacity: coverCapacity(p).toString(),
      withdrawalDelayBlocks: p.withdrawalDelayBlocks,
    })),
    covers: obj(ins.covers, (c) => ({
      pool: c.pool,
      buyer: c.buyer,
      operator: c.operator,
      set: c.set,
      amount: c.amount.toString(),
      remaining: c.remaining.toString(),
      paid: c.paid.toString(),
      premium: c.premium.toString(),
      startBlock: c.startBlock,
      endBlock: c.endBlock,
    })),
    claims: obj(ins.claims, (c) => ({
      cover: c.cover,
      block: c.block,
      loss: c.loss.toString(),
      claimed: c.claimed.toString(),
      paid: c.paid.toString(),
    })),
    withdrawals: obj(ins.withdrawals, (w) => ({
      pool: w.pool,
      underwriter: w.underwriter,
      shares: w.shares.toString(),
      startBlock: w.startBlock,
      completed: w.completed,
      paid: w.paid.toString(),
    })),
  };
}
