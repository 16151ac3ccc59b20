import { ok } from '../../errors/result.js';
import { amountMax } from '../../math/decimal.js';
import { defineCommand } from '../log/commandSpec.js';
import { getVault } from '../state/entities.js';
import { reqAmount, reqId } from '../log/fields.js';
import { check } from '../need.js';
import { lrtOfToken } from '../lrt/lrtLookups.js';

/** Staking yield flows into a vault: its balance rises, so does the share price. */
export const accrueYield = defineCommand<{ vault: string; amount: bigint }>({
  type: 'accrueYield',
  parse: (raw) => ({ vault: reqId(raw, 'vault'), amount: reqAmount(raw, 'amount') }),
  execute(state, c) {
    const vault = getVault(state, c.vault);
    check(lrtOfToken(state, vault.asset) === undefined, 'LRT_TOKEN_DEPOSIT', `${vault.asset}: LRT tokens earn through their NAV`);
    // pod shares are wei of restaked ETH (1:1); beacon-chain rewards arrive as new pod shares
    check(state.native?.vault !== c.vault, 'NATIVE_VAULT_YIELD', `${c.vault}: use recordBeaconBalanceUpdate`);
    check(c.amount > 0n, 'ZERO_AMOUNT');
    check(vault.totalShares > 0n, 'ZERO_SHARES', 'a vault without shares cannot accrue yield');
    check(vault.balance + c.amount <= amountMax, 'BOUND_EXCEEDED', `vault balance above ${amountMax}`);
    vault.balance += c.amount;
    vault.yielded += c.amount;
    return ok({});
  },
});
