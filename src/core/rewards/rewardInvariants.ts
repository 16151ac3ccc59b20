import { beaconFactorOf } from '../native/slashingFactor.js';
import type { InvariantCheck } from '../invariants/invariantCheck.js';
import type { LedgerState } from '../state/state.js';
import { stakerClaimable, stakerRewardAssets, stakerWeight } from './rewardPools.js';

/** Per asset: what the ledger still owes (claimable by stakers, commission) and the accumulator residue. */
export function rewardBalances(state: LedgerState): Map<string, { owedToStakers: bigint; commission: bigint; residue: bigint }> {
  const r = state.rewards;
  const out = new Map<string, { owedToStakers: bigint; commission: bigint; residue: bigint }>();
  const row = (a: string): { owedToStakers: bigint; commission: bigint; residue: bigint } => {
    let x = out.get(a);
    if (!x) out.set(a, (x = { owedToStakers: 0n, commission: 0n, residue: 0n }));
    return x;
  };
  for (const rec of r.stakers.values()) for (const a of stakerRewardAssets(r, rec)) row(a).owedToStakers += stakerClaimable(r, rec, a);
  for (const byAsset of r.commission.values()) for (const [a, x] of byAsset) row(a).commission += x;
  for (const [a, submitted] of r.submitted) {
    const x = row(a);
    x.residue = submitted - (r.claimed.get(a) ?? 0n) - x.owedToStakers - x.commission - (r.dust.get(a) ?? 0n);
  }
  return out;
}

/**
 * SPEC §3.8 "rewards paid ≤ rewards deposited", exactly: per asset, submitted = claimed +
 * claimable by stakers + unclaimed commission + dust + accumulator rounding residue, with the
 * residue ≥ 0. Pools: totalWeight = Σ recorded weights; every staker not awaiting its re-read
 * has recorded weights equal to its current scaled shares with its current operator.
 */
export const rewardInvariants: InvariantCheck = (state, report) => {
  const r = state.rewards;
  for (const [a, x] of rewardBalances(state)) {
    if (x.residue < 0n) report(`rewards ${a}: claims and claimable exceed submitted by ${-x.residue}`);
    if ((r.claimed.get(a) ?? 0n) > (r.submitted.get(a) ?? 0n)) report(`rewards ${a}: claimed exceeds submitted`);
  }
  const sums = new Map<string, bigint>();
  for (const [id, rec] of r.stakers) {
    for (const [v, w] of rec.weights) {
      const key = `${rec.operator}\u0000${v}`;
      sums.set(key, (sums.get(key) ?? 0n) + w);
    }
    if (id !== r.pendingSync) checkRecorded(state, id, report);
  }
  for (const [op, byVault] of r.pools) {
    for (const [v, pool] of byVault) {
      if (pool.totalWeight !== (sums.get(`${op}\u0000${v}`) ?? 0n))
        report(`rewards pool ${op}/${v}: totalWeight ${pool.totalWeight} ≠ Σ recorded weights`);
    }
  }
  for (const s of state.stakers.values()) {
    if (s.id === r.pendingSync || s.delegatedTo === null || r.stakers.has(s.id)) continue;
    if ([...s.positions].some(([v, p]) => stakerWeight(p, beaconFactorOf(state, s.id, v)) > 0n)) report(hookMessage(s.id));
  }
};

function hookMessage(id: string): string {
  return `rewards: staker ${id}'s shares changed without settleStakerRewards(state, staker) (src/core/rewards/settleStakerRewards.ts) at the start of the mutation`;
}

function checkRecorded(state: LedgerState, id: string, report: (m: string) => void): void {
  const rec = state.rewards.stakers.get(id);
  const s = state.stakers.get(id);
  if (!rec) return;
  const operator = s?.delegatedTo ?? null;
  let live = 0;
  for (const [v, p] of s?.positions ?? []) {
    const w = operator === null ? 0n : stakerWeight(p, beaconFactorOf(state, id, v));
    if (w === 0n) continue;
    live += 1;
    if (rec.operator !== operator || rec.weights.get(v) !== w) return report(hookMessage(id));
  }
  if (live !== rec.weights.size) report(hookMessage(id));
}
