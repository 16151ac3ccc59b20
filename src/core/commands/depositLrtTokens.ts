import { defineCommand } from '../log/commandSpec.js';
import { getVault } from '../state/entities.js';
import { reqAmount, reqId } from '../log/fields.js';
import { lrtOfToken, spendTokens, spendableTokens } from '../lrt/lrtLookups.js';
import { need, check } from '../need.js';
import { depositAssets } from '../shares/depositAssets.js';

/**
 * Re-hypothecation: deposits LRT tokens the staker holds into a vault of that token. Unlike
 * the trusted `deposit` (which takes assets from nowhere), the tokens are debited from the
 * staker's token balance, so LRT tokens are conserved (checkLrts). Then the staker delegates
 * with the normal `delegate` command.
 */
export const depositLrtTokens = defineCommand<{ staker: string; vault: string; amount: bigint }>({
  type: 'depositLrtTokens',
  parse: (raw) => ({ staker: reqId(raw, 'staker'), vault: reqId(raw, 'vault'), amount: reqAmount(raw, 'amount') }),
  execute(state, c) {
    const vault = getVault(state, c.vault);
    const lrt = need(lrtOfToken(state, vault.asset), 'NOT_LRT_TOKEN', `vault ${c.vault} holds ${vault.asset}`);
    const held = spendableTokens(state, lrt, c.staker);
    check(c.amount <= held, 'INSUFFICIENT_LRT_TOKENS', `${c.staker} holds ${held} ${lrt.token}`);
    // deposit checks all its preconditions before mutating; it throws (state untouched) if one fails.
    const r = depositAssets(state, c);
    if (!r.ok) return r;
    spendTokens(state, lrt, c.staker, c.amount);
    return r;
  },
});
