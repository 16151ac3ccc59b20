import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getStaker, getVault, getWithdrawal } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { addTo, nested } from '../state/lookups.js';
import { check } from '../need.js';
import { assetsForShares } from '../shares/vaultMath.js';
import { slashableUntil, withdrawalShares } from '../shares/withdrawalShares.js';

/** Completes a queued withdrawal after its delay and pays the assets to the staker's account. */
export const completeWithdrawal = defineCommand<{ staker: string; withdrawal: string }>({
  type: 'completeWithdrawal',
  parse: (raw) => ({ staker: reqId(raw, 'staker'), withdrawal: reqId(raw, 'withdrawal') }),
  execute(state, c) {
    const staker = getStaker(state, c.staker);
    const w = getWithdrawal(state, c.withdrawal);
    check(w.staker === c.staker, 'NOT_WITHDRAWAL_OWNER', c.withdrawal);
    check(!w.completed, 'WITHDRAWAL_COMPLETED', c.withdrawal);
    const until = slashableUntil(state, w);
    check(state.block > until, 'WITHDRAWAL_DELAY_NOT_ELAPSED', `completable after block ${until}`);
    const vault = getVault(state, w.vault);
    const shares = withdrawalShares(state, w);
    const amount = assetsForShares(vault, shares);
    vault.totalShares -= shares;
    vault.balance -= amount;
    vault.paidOut += amount;
    addTo(nested(state.accounts, c.staker), vault.asset, amount);
    addTo(staker.withdrawn, vault.asset, amount);
    w.completed = true;
    return ok({ shares: shares.toString(), amount: amount.toString() });
  },
});
