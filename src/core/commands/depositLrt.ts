import { assert, ok } from '../../errors/result.js';
import { amountMax } from '../../math/decimal.js';
import { mulDiv } from '../../math/mulDiv.js';
import { defineCommand } from '../log/commandSpec.js';
import { getVault } from '../state/entities.js';
import { reqAmount, reqId } from '../log/fields.js';
import { slashingFactorOf } from '../native/slashingFactor.js';
import { apportion } from '../lrt/apportion.js';
import { creditTokens, getLrt, lrtOfToken, spendTokens, spendableTokens } from '../lrt/lrtLookups.js';
import { lrtNav } from '../lrt/lrtNav.js';
import type { Lrt, LrtTarget } from '../lrt/lrtState.js';
import { mustExecute } from '../lrt/mustExecute.js';
import { check } from '../need.js';
import type { LedgerState, StakerPosition } from '../state/state.js';
import { scalingFactorAfterDeposit } from '../shares/stakerMath.js';
import { WAD } from '../../math/wad.js';
import { sharesForDeposit } from '../shares/vaultMath.js';
import { depositAssets } from '../shares/depositAssets.js';

/** The deposit an LRT makes into its target vaults; the underlying may itself be an LRT token. */
const underlyingDeposit = defineCommand<{ staker: string; vault: string; amount: bigint }>({
  type: 'deposit',
  parse: () => {
    throw new Error('internal command: never parsed');
  },
  execute: (state, c) => depositAssets(state, c),
});

interface DepositLrt {
  lrt: string;
  account: string;
  amount: bigint;
}

interface Plan {
  deposits: { staker: string; vault: string; amount: bigint }[];
  /** The state after the deposits, for the NAV the deposit adds. */
  whatIf: { vaults: Map<string, { balance: bigint; totalShares: bigint }>; positions: Map<string, StakerPosition>; idle: bigint };
}

/**
 * Splits `amount` over the live targets (operator not fully slashed for the vault) by weight
 * (apportion: exact, Σ parts = amount) and simulates each vault deposit in order, with the
 * staker's new scaling factor; a part that would buy zero vault shares stays idle in the LRT
 * (still counted in NAV).
 */
function planDeposits(state: LedgerState, lrt: Lrt, amount: bigint): Plan {
  const m = (t: LrtTarget): bigint => slashingFactorOf(state, t.staker, state.stakers.get(t.staker)?.delegatedTo ?? null, t.vault);
  const live = lrt.targets.filter((t) => m(t) > 0n);
  check(live.length > 0, 'FULLY_SLASHED', `every target operator of ${lrt.id} is fully slashed`);
  const parts = apportion(
    amount,
    live.map((t) => t.weight),
  );
  const plan: Plan = { deposits: [], whatIf: { vaults: new Map(), positions: new Map(), idle: 0n } };
  live.forEach((t, i) => {
    const part = parts[i] ?? 0n;
    if (part === 0n) return;
    const v = getVault(state, t.vault);
    const s = plan.whatIf.vaults.get(t.vault) ?? { balance: v.balance, totalShares: v.totalShares };
    const shares = sharesForDeposit({ ...v, ...s }, part);
    if (shares === 0n) {
      plan.whatIf.idle += part;
      return;
    }
    check(s.balance + part <= amountMax, 'BOUND_EXCEEDED', `vault ${t.vault} balance above ${amountMax}`);
    plan.whatIf.vaults.set(t.vault, { balance: s.balance + part, totalShares: s.totalShares + shares });
    const key = `${t.staker}\u0000${t.vault}`;
    const pos = plan.whatIf.positions.get(key) ??
      state.stakers.get(t.staker)?.positions.get(t.vault) ?? { depositShares: 0n, scalingFactor: WAD };
    plan.whatIf.positions.set(key, {
      depositShares: pos.depositShares + shares,
      scalingFactor: scalingFactorAfterDeposit(pos, shares, m(t)),
    });
    plan.deposits.push({ staker: t.staker, vault: t.vault, amount: part });
  });
  return plan;
}

/**
 * Deposits `amount` of the underlying into an LRT for `account` and mints tokens at NAV for the
 * value the deposit adds: added = NAV after − NAV before (≤ amount: vault share rounding loses
 * a few units), minted = added · supply / NAV before, rounded down; the first mint is 1:1
 * (added). Minting for `added` rather than `amount` keeps rounding losses with the depositor,
 * so NAV per token never falls on a deposit. The underlying is
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
    if (inner)
      check(
        spendableTokens(state, inner, c.account) >= c.amount,
        'INSUFFICIENT_LRT_TOKENS',
        `${c.account} holds ${spendableTokens(state, inner, c.account)} ${inner.token}`,
      );
    const nav = lrtNav(state, lrt);
    check(lrt.supply === 0n || nav > 0n, 'LRT_NAV_ZERO', c.lrt);
    const plan = planDeposits(state, lrt, c.amount);
    const added = lrtNav(state, lrt, plan.whatIf) - nav;
    // a tiny deposit can even lower NAV (the scaling-factor update rounds the LRT staker down)
    check(added > 0n, 'LRT_MINT_ZERO', `${c.amount} adds ${added} to NAV ${nav}`);
    const minted = lrt.supply === 0n ? added : mulDiv(added, lrt.supply, nav, 'down');
    check(minted > 0n, 'LRT_MINT_ZERO', `${c.amount} adds ${added} at NAV ${nav} for supply ${lrt.supply}`);
    check(lrt.supply + minted <= amountMax, 'BOUND_EXCEEDED', `LRT supply above ${amountMax}`);

    if (inner) spendTokens(state, inner, c.account, c.amount);
    for (const d of plan.deposits) mustExecute(underlyingDeposit, state, d);
    lrt.idle += plan.whatIf.idle;
    assert(lrtNav(state, lrt) === nav + added, 'depositLrt: the what-if NAV matches the NAV after the deposits');
    lrt.supply += minted;
    creditTokens(lrt, c.account, minted);
    return ok({ minted: minted.toString(), added: added.toString(), nav: nav.toString(), idle: plan.whatIf.idle.toString() });
  },
});
