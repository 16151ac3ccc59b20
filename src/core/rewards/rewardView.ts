import type { LedgerState } from '../state/state.js';
import { rewardBalances } from './rewardInvariants.js';
import { stakerClaimable, stakerRewardAssets } from './rewardPools.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function obj<V>(m: Iterable<[string, V]>, f: (v: V, k: string) => Json): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  for (const [k, v] of m) o[k] = f(v, k);
  return o;
}

/** The `rewards` section of the state view: submissions, totals per asset, claimable amounts. */
export function rewardView(state: LedgerState): Json {
  const r = state.rewards;
  const balances = rewardBalances(state);
  return {
    submissions: obj(r.submissions, (s) => ({
      service: s.service,
      set: s.set,
      asset: s.asset,
      amount: s.amount.toString(),
      from: s.from,
      block: s.block,
      dust: s.dust.toString(),
    })),
    totals: obj(r.submitted, (submitted, a) => ({
      submitted: submitted.toString(),
      claimed: (r.claimed.get(a) ?? 0n).toString(),
      claimableByStakers: (balances.get(a)?.owedToStakers ?? 0n).toString(),
      unclaimedCommission: (balances.get(a)?.commission ?? 0n).toString(),
      dust: (r.dust.get(a) ?? 0n).toString(),
      roundingResidue: (balances.get(a)?.residue ?? 0n).toString(),
    })),
    operators: obj(r.commission, (byAsset) => obj(byAsset, (x) => x.toString())),
    stakers: obj(r.stakers, (rec) =>
      obj(
        [...stakerRewardAssets(r, rec)].map((a) => [a, a] as [string, string]),
        (a) => stakerClaimable(r, rec, a).toString(),
      ),
    ),
  };
}
