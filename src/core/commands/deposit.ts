import { defineCommand } from '../log/commandSpec.js';
import { depositAssets } from '../shares/depositAssets.js';
import { getVault } from '../state/entities.js';
import { reqAmount, reqId } from '../log/fields.js';
import { lrtOfToken } from '../lrt/lrtLookups.js';
import { check } from '../need.js';

/**
 * Deposits assets into a vault (the log is trusted: the staker brings the assets). LRT tokens
 * exist only inside the ledger, so they are deposited with depositLrtTokens, which debits them.
 */
export const deposit = defineCommand<{ staker: string; vault: string; amount: bigint }>({
  type: 'deposit',
  parse: (raw) => ({ staker: reqId(raw, 'staker'), vault: reqId(raw, 'vault'), amount: reqAmount(raw, 'amount') }),
  execute(state, c) {
    const vault = getVault(state, c.vault);
    check(lrtOfToken(state, vault.asset) === undefined, 'LRT_TOKEN_DEPOSIT', `${vault.asset}: use depositLrtTokens`);
    return depositAssets(state, c);
  },
});
