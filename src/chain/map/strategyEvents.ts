import { mulDiv } from '../../math/mulDiv.js';
import { sharesForDeposit } from '../../core/shares/vaultMath.js';
import { balanceOffset, sharesOffset } from '../../core/state/bounds.js';
import type { Vault } from '../../core/state/state.js';
import type { ChainLog } from '../chainLog.js';
import { addr, big } from './args.js';
import { ensureVault } from './ensure.js';
import { NotExpressible, emit, type EventOutcome, type MapContext } from './mapContext.js';

/**
 * The asset amount whose deposit mints exactly `shares` at the vault's current share price (the
 * events carry shares, the ledger's `deposit` takes assets): the smallest candidate, division up.
 */
export function amountForShares(vault: Vault, shares: bigint): bigint | null {
  const amount = mulDiv(shares, vault.balance + balanceOffset, vault.totalShares + sharesOffset, 'up');
  return sharesForDeposit(vault, amount) === shares ? amount : null;
}

/**
 * StrategyManager burnable shares: a slash's `BurnableSharesIncreased` is the ledger's own slashed
 * total (derived); `BurnableSharesDecreased` burns them, which the ledger does per operator set
 * (`clearSlashed`): expressible when the ledger's uncleared shares of that vault are exactly it.
 */
function burn(ctx: MapContext, log: ChainLog): EventOutcome {
  const vault = addr(log, 'strategy');
  const shares = big(log, 'shares');
  const sets = [...ctx.state.unclearedSlashed.entries()].filter(([, byVault]) => (byVault.get(vault) ?? 0n) > 0n);
  const total = sets.reduce((t, [, byVault]) => t + (byVault.get(vault) ?? 0n), 0n);
  if (total !== shares) throw new NotExpressible(`burns ${shares} shares of ${vault}; the ledger holds ${total} slashed shares uncleared`);
  for (const [set] of sets) emit(ctx, { type: 'clearSlashed', set, vault });
  return 'mapped';
}

export const strategyHandlers: Readonly<Record<string, (ctx: MapContext, log: ChainLog) => EventOutcome>> = {
  Deposit(ctx, log) {
    const vaultId = addr(log, 'strategy');
    ensureVault(ctx, vaultId);
    const vault = ctx.state.vaults.get(vaultId);
    const shares = big(log, 'shares');
    const amount = vault ? amountForShares(vault, shares) : null;
    if (amount === null) throw new NotExpressible(`no deposit into ${vaultId} mints exactly ${shares} shares`);
    emit(ctx, { type: 'deposit', staker: addr(log, 'staker'), vault: vaultId, amount: amount.toString() });
    return 'mapped';
  },
  StrategyAddedToDepositWhitelist(ctx, log) {
    ensureVault(ctx, addr(log, 'strategy'));
    return 'mapped';
  },
  BurnableSharesIncreased: () => 'derived',
  BurnableSharesDecreased: burn,
};
