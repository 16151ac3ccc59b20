import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqAmount, reqId } from '../log/fields.js';
import { creditTokens, getLrt, spendTokens, spendableTokens } from '../lrt/lrtLookups.js';
import { check } from '../need.js';

/** Moves LRT tokens between accounts (issued by `from`). */
export const transferLrtTokens = defineCommand<{ lrt: string; from: string; to: string; amount: bigint }>({
  type: 'transferLrtTokens',
  parse: (raw) => ({ lrt: reqId(raw, 'lrt'), from: reqId(raw, 'from'), to: reqId(raw, 'to'), amount: reqAmount(raw, 'amount') }),
  execute(state, c) {
    const lrt = getLrt(state, c.lrt);
    check(c.amount > 0n, 'ZERO_AMOUNT');
    const held = spendableTokens(state, lrt, c.from);
    check(c.amount <= held, 'INSUFFICIENT_LRT_TOKENS', `${c.from} holds ${held} ${lrt.token}`);
    spendTokens(state, lrt, c.from, c.amount);
    creditTokens(lrt, c.to, c.amount);
    return ok({});
  },
});
