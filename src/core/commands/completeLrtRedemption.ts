import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getWithdrawal } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { addTo, nested } from '../state/lookups.js';
import { creditTokens, lrtOfToken } from '../lrt/lrtLookups.js';
import { need, check } from '../need.js';
import { assetsForShares } from '../shares/vaultMath.js';
import { slashableUntil, withdrawalShares } from '../shares/withdrawalShares.js';

/**
 * Completes an LRT redemption once every withdrawal it queued is past its delay: pays
 * assetsForShares(vault, withdrawalShares) per withdrawal (slashes during the delay are
 * charged, as for any withdrawal) plus the reserved idle part, to the redeeming account —
 * into its ledger account for a plain underlying, into its token wallet when the underlying
 * is another LRT's token.
 */
export const completeLrtRedemption = defineCommand<{ account: string; redemption: string }>({
  type: 'completeLrtRedemption',
  parse: (raw) => ({ account: reqId(raw, 'account'), redemption: reqId(raw, 'redemption') }),
  execute(state, c) {
    const r = need(state.lrts.redemptions.get(c.redemption), 'UNKNOWN_REDEMPTION', c.redemption);
    check(r.account === c.account, 'NOT_REDEMPTION_OWNER', c.redemption);
    check(!r.completed, 'REDEMPTION_COMPLETED', c.redemption);
    const lrt = need(state.lrts.lrts.get(r.lrt), 'UNKNOWN_LRT', r.lrt);
    const ws = r.withdrawals.map((id) => getWithdrawal(state, id));
    for (const w of ws) {
      check(!w.completed, 'WITHDRAWAL_COMPLETED', w.id);
      const until = slashableUntil(state, w);
      check(state.block > until, 'WITHDRAWAL_DELAY_NOT_ELAPSED', `completable after block ${until}`);
    }

    let total = r.idle;
    for (const w of ws) {
      const vault = state.vaults.get(w.vault);
      const staker = state.stakers.get(w.staker);
      if (!vault || !staker) throw new Error(`assertion failed: redemption ${r.id} withdrawal ${w.id} refers to live records`);
      const shares = withdrawalShares(state, w);
      const amount = assetsForShares(vault, shares);
      vault.totalShares -= shares;
      vault.balance -= amount;
      vault.paidOut += amount;
      addTo(staker.withdrawn, vault.asset, amount);
      w.completed = true;
      total += amount;
    }
    const inner = lrtOfToken(state, lrt.asset);
    if (inner) creditTokens(inner, c.account, total);
    else addTo(nested(state.accounts, c.account), lrt.asset, total);
    r.completed = true;
    return ok({ amount: total.toString(), asset: lrt.asset });
  },
});
