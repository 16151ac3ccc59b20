import { mulDiv } from '../../math/mulDiv.js';
import { Rational } from '../../math/rational.js';
import { assetPrice } from '../lrt/assetPrice.js';
import { slashableShares } from '../allocation/slashableShares.js';
import type { LedgerState, OperatorSet } from '../state/state.js';
import { assetsForShares } from '../shares/vaultMath.js';

/** Bips denominator of operator commission. */
export const bipsDenominator = 10_000n;

export interface RewardShare {
  readonly operator: string;
  readonly vault: string;
  /** Slashable stake of the operator in the set for this vault, in numeraire (exact). */
  readonly value: Rational;
  /** floor(amount × value / Σ value). */
  readonly amount: bigint;
  /** floor(amount × commissionBips / 10 000): the operator's commission. */
  readonly commission: bigint;
  /** amount − commission: for the operator's stakers in this vault. */
  readonly stakerPart: bigint;
}

/**
 * Splits `amount` across the (registered operator, vault) pairs of a set pro rata to their
 * slashable stake in numeraire: slashableShares → assetsForShares (down) → × price / 10^decimals
 * (exact; LRT tokens at their NAV price via assetPrice). Each part rounds down; the remainder is dust. Pure: reads state only. Null when no
 * operator has slashable stake of positive value.
 */
export function apportionReward(state: LedgerState, set: OperatorSet, amount: bigint): { shares: RewardShare[]; dust: bigint } | null {
  const entries: { operator: string; vault: string; value: Rational }[] = [];
  let total = Rational.ZERO;
  for (const opId of set.operators) {
    const op = state.operators.get(opId);
    if (!op || op.registrations.get(set.id)?.registered !== true) continue;
    for (const vaultId of set.vaults) {
      const vault = state.vaults.get(vaultId);
      const asset = vault ? state.assets.get(vault.asset) : undefined;
      if (!vault || !asset) continue;
      const price = assetPrice(state, asset.id);
      const shares = slashableShares(state, op, set.id, vaultId);
      if (shares === 0n) continue;
      const assets = assetsForShares(vault, shares);
      const value = Rational.of(assets * price.num, price.den * 10n ** BigInt(asset.decimals));
      if (value.isZero()) continue;
      entries.push({ operator: opId, vault: vaultId, value });
      total = total.add(value);
    }
  }
  if (total.isZero()) return null;
  let paid = 0n;
  const shares = entries.map((e) => {
    const part = Rational.of(amount).mul(e.value).div(total).toBigInt('down');
    const bips = BigInt(state.operators.get(e.operator)?.commissionBips ?? 0);
    const commission = mulDiv(part, bips, bipsDenominator, 'down');
    paid += part;
    return { ...e, amount: part, commission, stakerPart: part - commission };
  });
  return { shares, dust: amount - paid };
}
