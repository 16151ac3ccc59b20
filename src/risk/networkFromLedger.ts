import { Rational } from '../math/rational.js';
import { shareValue } from '../core/shares/shareValue.js';
import { slashableShares } from '../core/allocation/slashableShares.js';
import type { LedgerState } from '../core/state/state.js';
import type { Network, NetworkAllocation, NetworkOperator, NetworkService } from './network.js';

/**
 * The network view of ledger state (SPEC §5): one service per operator set (PfC and α from the
 * set); an operator's stake is the numeraire value of all shares delegated to it; an edge is the
 * value of its slashable stake in the set (SPEC §3.2), summed over the set's vaults. Exact.
 */
export function networkFromLedger(state: LedgerState): Network {
  const operators: NetworkOperator[] = [];
  const allocations: NetworkAllocation[] = [];
  for (const op of state.operators.values()) {
    let stake = Rational.ZERO;
    for (const [vault, ov] of op.vaults) stake = stake.add(shareValue(state, vault, ov.shares));
    operators.push({ id: op.id, stake });
    for (const [set, byVault] of op.allocations) {
      let amount = Rational.ZERO;
      for (const vault of byVault.keys()) amount = amount.add(shareValue(state, vault, slashableShares(state, op, set, vault)));
      if (amount.num > 0n) allocations.push({ operator: op.id, service: set, amount });
    }
  }
  const services: NetworkService[] = [...state.sets.values()].map((s) => ({
    id: s.id,
    profitFromCorruption: s.profitFromCorruption,
    attackThreshold: s.attackThreshold,
  }));
  return { operators, services, allocations };
}
