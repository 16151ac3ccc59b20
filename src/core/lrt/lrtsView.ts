import { lrtNav } from './lrtNav.js';
import { lrtTokenPrice } from './assetPrice.js';
import type { LedgerState } from '../state/state.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function entries<V>(m: ReadonlyMap<string, V>, f: (v: V) => Json): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  for (const [k, v] of m) o[k] = f(v);
  return o;
}

/** The `lrts` section of the state view: each LRT with NAV, token price, balances; redemptions. */
export function lrtsView(state: LedgerState): { [k: string]: Json } {
  return {
    lrts: entries(state.lrts.lrts, (l) => ({
      asset: l.asset,
      token: l.token,
      manager: l.manager,
      depth: l.depth,
      supply: l.supply.toString(),
      idle: l.idle.toString(),
      nav: lrtNav(state, l).toString(),
      tokenPrice: lrtTokenPrice(state, l).toString(),
      targets: l.targets.map((t) => ({ operator: t.operator, vault: t.vault, weight: t.weight.toString(), staker: t.staker })),
      balances: entries(l.balances, (x) => x.toString()),
    })),
    redemptions: entries(state.lrts.redemptions, (r) => ({
      lrt: r.lrt,
      account: r.account,
      tokens: r.tokens.toString(),
      withdrawals: [...r.withdrawals],
      idle: r.idle.toString(),
      startBlock: r.startBlock,
      completed: r.completed,
    })),
  };
}
