import { ok } from '../../errors/result.js';
import { amountMax } from '../../math/decimal.js';
import { mulDiv } from '../../math/mulDiv.js';
import { defineCommand } from '../commandSpec.js';
import { getVault } from '../entities.js';
import { reqAmount, reqId } from '../fields.js';
import { maxMagnitudeOf } from '../lookups.js';
import { apportion } from '../lrt/apportion.js';
import { creditTokens, getLrt, lrtOfToken, spendTokens, spendableTokens } from '../lrt/lrtLookups.js';
import { lrtNav } from '../lrt/lrtNav.js';
import type { Lrt } from '../lrt/lrtState.js';
import { mustExecute } from '../lrt/mustExecute.js';
import { check } from '../need.js';
import type { LedgerState } from '../state.js';
import { sharesForDeposit } from '../vaultMath.js';
import { deposit } from './deposit.js';

interface DepositLrt {
  lrt: string;
  account: string;
  amount: bigint;
}

interface Plan {
  deposits: { staker: string; vault: string; amount: bigint }[];
  idle: bigint;
}

/**
 * Splits `amount` over the live targets (operator not fully slashed for the vault) by weight
 * (apportion: exact, Σ parts = amount) and simulates each vault deposit in order; a part that
 * would buy zero vault shares stays idle in the LRT (still counted in NAV).
 */
function planDeposits(state: LedgerState, lrt: Lrt, amount: bigint): Plan {
  const live = lrt.targets.filter((t) => maxMagnitudeOf(state, state.stakers.get(t.staker)?.delegatedTo ?? null, t.vault) > 0n);
  check(live.length > 0, 'FULLY_SLASHED', `every target operator of ${lrt.id} is fully slashed`);
  const parts = apportion(amount, live.map((t) => t.weight));
  const sim = new Map<string, { balance: bigint; totalShares: bigint }>();
  const plan: Plan = { deposits: [], idle: 0n };
  live.forEach((t, i) => {
    const part = parts[i] ?? 0n;
    if (part === 0n) return;
    const v = getVault(state, t.vault);
    const s = sim.get(t.vault) ?? { balance: v.balance, totalShares: v.totalShares };
    const shares = sharesForDeposit({ ...v, ...s }, part);
    if (shares === 0n) {
      plan.idle += part;
      return;
    }
    check(s.balance + part <= amountMax, 'BOUND_EXCEEDED', `vault ${t.vault} balance above ${amountMax}`);
    sim.set(t.vault, { balance: s.balance + part, totalShares: s.totalShares + shares });
    plan.deposits.push({ staker: t.staker, vault: t.vault, amount: part });
  });
  return plan;
}

/**
 * Deposits `amount` of the underlying into an LRT for `account` and mints tokens at NAV:
 * minted = amount · supply / NAV (rounded down; the first mint is 1:1). The underlying is
 * trusted like `deposit` (taken from nowhere) unless it is itself an LRT token, which is then
 * debited from the account's token balance in the underlying LRT.
 */
export const depositLrt = defineCommand<DepositLrt>({
  type: 'depositLrt',
  parse: (raw) => ({ lrt: reqId(raw, 'lrt'), account: reqId(raw, 'account'), amount: reqAmount(raw, 'amount') }),
  execute(state, c) {
    const lrt = getLrt(state, c.lrt);
    check(c.amount > 0n, 'ZERO_AMOUNT');
    const inner = lrtOfToken(state, lrt.asset);
    if (inner) check(spendableTokens(state, inner, c.account) >= c.amount, 'INSUFFICIENT_LRT_TOKENS', `${c.account} holds ${spendableTokens(state, inner, c.account)} ${inner.token}`);
    const nav = lrtNav(state, lrt);
    check(lrt.supply === 0n || nav > 0n, 'LRT_NAV_ZERO', c.lrt);
    const minted = lrt.supply === 0n ? c.amount : mulDiv(c.amount, lrt.supply, nav, 'down');
    check(minted > 0n, 'LRT_MINT_ZERO', `${c.amount} at NAV ${nav} for supply ${lrt.supply}`);
    check(lrt.supply + minted <= amountMax, 'BOUND_EXCEEDED', `LRT supply above ${amountMax}`);
    const plan = planDeposits(state, lrt, c.amount);

    if (inner) spendTokens(state, inner, c.account, c.amount);
    for (const d of plan.deposits) mustExecute(deposit, state, d);
    lrt.idle += plan.idle;
    lrt.supply += minted;
    creditTokens(lrt, c.account, minted);
    return ok({ minted: minted.toString(), nav: nav.toString(), idle: plan.idle.toString() });
  },
});
