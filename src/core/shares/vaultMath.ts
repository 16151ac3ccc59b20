import { mulDiv } from '../../math/mulDiv.js';
import { balanceOffset, sharesOffset } from '../state/bounds.js';
import type { Vault } from '../state/state.js';

/** Shares minted for `amount` (EigenLayer StrategyBase, virtual offsets; rounds down). */
export function sharesForDeposit(vault: Vault, amount: bigint): bigint {
  return mulDiv(amount, vault.totalShares + sharesOffset, vault.balance + balanceOffset, 'down');
}

/** Assets paid for `shares` leaving the vault (rounds down: the vault keeps the dust). */
export function assetsForShares(vault: Vault, shares: bigint): bigint {
  return mulDiv(shares, vault.balance + balanceOffset, vault.totalShares + sharesOffset, 'down');
}
