import { ok } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { withdrawalsMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { optId, reqAmount, reqId } from '../log/fields.js';
import { redemptionsMax } from '../lrt/lrtBounds.js';
import { getLrt, lrtStakers, spendTokens, spendableTokens } from '../lrt/lrtLookups.js';
import type { Lrt } from '../lrt/lrtState.js';
import { check } from '../need.js';
import { nextWithdrawalId } from '../shares/nextWithdrawalId.js';
import { queueShares } from '../shares/queueShares.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';
import type { LedgerState } from '../state/state.js';
import { slashingFactorOf } from '../native/slashingFactor.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import { assetsForShares } from '../shares/vaultMath.js';

interface RedeemLrt {
  lrt: string;
  account: string;
  tokens: bigint;
  redemption: string | undefined;
}

/**
 * Deposit shares to queue per (internal staker, vault): at most floor(s · tokens / supply), and
 * fewer when EigenLayer's per-position rounding (withdrawable of the remainder rounds down)
 * would leave the remaining holders less than their share: the remainder keeps the smallest s'
 * with value(s') · supply ≥ value(s) · (supply − tokens) (binary search; value is monotone).
 */
function planWithdrawals(state: LedgerState, lrt: Lrt, tokens: bigint): { staker: string; vault: string; shares: bigint }[] {
  const plan: { staker: string; vault: string; shares: bigint }[] = [];
  for (const id of lrtStakers(lrt)) {
    const staker = state.stakers.get(id);
    for (const [vaultId, pos] of staker?.positions ?? []) {
      const vault = state.vaults.get(vaultId);
      if (!staker || !vault || vault.asset !== lrt.asset) continue;
      const m = slashingFactorOf(state, id, staker.delegatedTo, vaultId);
      const value = (s: bigint): bigint =>
        assetsForShares(vault, withdrawableShares({ depositShares: s, scalingFactor: pos.scalingFactor }, m));
      const owedToRest = value(pos.depositShares) * (lrt.supply - tokens);
      let lo = pos.depositShares - mulDiv(pos.depositShares, tokens, lrt.supply, 'down');
      let hi = pos.depositShares;
      while (lo < hi) {
        const mid = (lo + hi) / 2n;
        if (value(mid) * lrt.supply >= owedToRest) hi = mid;
        else lo = mid + 1n;
      }
      const shares = pos.depositShares - lo;
      if (shares > 0n) plan.push({ staker: id, vault: vaultId, shares });
    }
  }
  return plan;
}

function nextRedemptionId(state: LedgerState): string {
  let id: string;
  do id = `r${++state.lrts.redemptionNonce}`;
  while (state.lrts.redemptions.has(id));
  return id;
}

/**
 * Burns `tokens` of an LRT and queues withdrawals pro rata from each internal staker's vault
 * positions (≤ floor(s · tokens / supply) deposit shares each, see planWithdrawals) through the
 * normal withdrawal queue:
 * they stay slashable for withdrawalDelayBlocks. A pro-rata part of the idle underlying
 * (floor(idle · tokens / supply)) is reserved. Rounding favours the holders who stay.
 */
export const redeemLrt = defineCommand<RedeemLrt>({
  type: 'redeemLrt',
  parse: (raw) => ({
    lrt: reqId(raw, 'lrt'),
    account: reqId(raw, 'account'),
    tokens: reqAmount(raw, 'tokens'),
    redemption: optId(raw, 'redemption'),
  }),
  execute(state, c) {
    const lrt = getLrt(state, c.lrt);
    check(c.tokens > 0n, 'ZERO_AMOUNT');
    const held = spendableTokens(state, lrt, c.account);
    check(c.tokens <= held, 'INSUFFICIENT_LRT_TOKENS', `${c.account} holds ${held} ${lrt.token}`);
    check(c.redemption === undefined || !state.lrts.redemptions.has(c.redemption), 'REDEMPTION_EXISTS', c.redemption);
    check(state.lrts.redemptions.size < redemptionsMax, 'BOUND_EXCEEDED', `redemptionsMax ${redemptionsMax}`);
    const plan = planWithdrawals(state, lrt, c.tokens);
    const idle = mulDiv(lrt.idle, c.tokens, lrt.supply, 'down');
    check(plan.length > 0 || idle > 0n, 'LRT_REDEEM_ZERO', `${c.tokens} of supply ${lrt.supply}`);
    check(state.withdrawals.size + plan.length <= withdrawalsMax, 'BOUND_EXCEEDED', `withdrawalsMax ${withdrawalsMax}`);

    spendTokens(state, lrt, c.account, c.tokens);
    lrt.supply -= c.tokens;
    lrt.idle -= idle;
    const withdrawals = plan.map((p) => {
      const id = nextWithdrawalId(state);
      const staker = state.stakers.get(p.staker);
      settleStakerRewards(state, p.staker); // rewards hook: before the staker's shares change
      if (staker) queueShares(state, staker, p.vault, p.shares, id);
      return id;
    });
    const id = c.redemption ?? nextRedemptionId(state);
    state.lrts.redemptions.set(id, {
      id,
      lrt: c.lrt,
      account: c.account,
      tokens: c.tokens,
      withdrawals,
      idle,
      startBlock: state.block,
      completed: false,
    });
    return ok({ redemption: id, withdrawals });
  },
});
