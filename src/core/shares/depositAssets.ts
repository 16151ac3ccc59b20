import { noteLateStake } from '../slashing/lateStake.js';
import { ok } from '../../errors/result.js';
import { amountMax } from '../../math/decimal.js';
import { WAD } from '../../math/wad.js';
import { stakersMax } from '../state/bounds.js';
import { getVault, stakerRecord } from '../state/entities.js';
import { addTo, operatorVault } from '../state/lookups.js';
import { slashingFactorOf } from '../native/slashingFactor.js';
import { check } from '../need.js';
import { scalingFactorAfterDeposit } from './stakerMath.js';
import { sharesForDeposit } from './vaultMath.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';

import type { LedgerState } from '../state/state.js';
import type { Result } from '../../errors/result.js';
import type { ResultFields } from '../log/commandSpec.js';

/**
 * Deposits assets into a vault for vault shares (StrategyBase, virtual offsets, rounding down).
 * A delegated deposit adds the new deposit shares to the operator and re-weights the scaling
 * factor so the new stake is not charged for earlier slashes.
 */
export function depositAssets(state: LedgerState, c: { staker: string; vault: string; amount: bigint }): Result<ResultFields> {
  const vault = getVault(state, c.vault);
  check(c.amount > 0n, 'ZERO_AMOUNT');
  check(vault.balance + c.amount <= amountMax, 'BOUND_EXCEEDED', `vault balance above ${amountMax}`);
  const shares = sharesForDeposit(vault, c.amount);
  check(shares > 0n, 'ZERO_SHARES', `${c.amount} buys no shares at the current share price`);
  const known = state.stakers.get(c.staker);
  check(known !== undefined || state.stakers.size < stakersMax, 'BOUND_EXCEEDED', `stakersMax ${stakersMax}`);
  const operator = known?.delegatedTo ?? null;
  // m, or m·l for the native vault (EigenLayer _increaseDelegation: slashingFactor != 0)
  const m = slashingFactorOf(state, c.staker, operator, c.vault);
  check(m > 0n, 'FULLY_SLASHED', `${operator ?? c.staker} for ${c.vault}`);

  settleStakerRewards(state, c.staker);
  const staker = known ?? stakerRecord(state, c.staker);
  vault.balance += c.amount;
  vault.deposited += c.amount;
  vault.totalShares += shares;
  const pos = staker.positions.get(c.vault) ?? { depositShares: 0n, scalingFactor: WAD };
  pos.scalingFactor = scalingFactorAfterDeposit(pos, shares, m);
  pos.depositShares += shares;
  staker.positions.set(c.vault, pos);
  addTo(staker.deposited, vault.asset, c.amount);
  if (operator !== null) {
    const op = state.operators.get(operator);
    if (op) {
      operatorVault(op, c.vault).shares += shares;
      noteLateStake(state, operator, c.vault, c.staker, shares);
    }
  }
  return ok({ shares: shares.toString() });
}
