import { withdrawableShares } from '../../core/shares/stakerMath.js';
import { slashingFactorOf } from '../../core/native/slashingFactor.js';
import type { LedgerState } from '../../core/state/state.js';

/** One figure the contracts expose and the ledger holds, keyed for the difference table. */
export interface ViewCheck {
  readonly what: 'maxMagnitude' | 'encumberedMagnitude' | 'allocation' | 'operatorShares' | 'withdrawableShares' | 'depositShares';
  readonly key: string;
  readonly contract: 'AllocationManager' | 'DelegationManager';
  readonly functionName: string;
  readonly args: readonly unknown[];
  /** The ledger's value, as the contract view would render it. */
  readonly ledger: string;
  /** Picks the compared value out of the view's return. */
  readonly pick: (result: unknown) => string;
}

const first = (r: unknown): string => String(Array.isArray(r) ? r[0] : r);
const setTuple = (set: string): { avs: string; id: number } => {
  const [avs, id] = set.split(':');
  return { avs: avs ?? '', id: Number(id) };
};

function operatorChecks(state: LedgerState, out: ViewCheck[]): void {
  for (const [op, o] of state.operators) {
    for (const [v, ov] of o.vaults) {
      const key = `${op} ${v}`;
      out.push({
        what: 'maxMagnitude',
        key,
        contract: 'AllocationManager',
        functionName: 'getMaxMagnitude',
        args: [op, v],
        ledger: String(ov.maxMagnitude),
        pick: String,
      });
      out.push({
        what: 'encumberedMagnitude',
        key,
        contract: 'AllocationManager',
        functionName: 'getEncumberedMagnitude',
        args: [op, v],
        ledger: String(ov.encumbered),
        pick: String,
      });
      out.push({
        what: 'operatorShares',
        key,
        contract: 'DelegationManager',
        functionName: 'operatorShares',
        args: [op, v],
        ledger: String(ov.shares),
        pick: String,
      });
    }
    for (const [set, byVault] of o.allocations) {
      for (const [v, a] of byVault) {
        const ledger = `${a.current}/${a.pending}/${a.effectBlock ?? 0}`;
        const pick = (r: unknown): string => {
          const x = r as { currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number };
          return `${x.currentMagnitude}/${x.pendingDiff}/${x.effectBlock}`;
        };
        out.push({
          what: 'allocation',
          key: `${op} ${set} ${v}`,
          contract: 'AllocationManager',
          functionName: 'getAllocation',
          args: [op, setTuple(set), v],
          ledger,
          pick,
        });
      }
    }
  }
}

/**
 * Every figure `--verify` reconciles (SPEC §11): per operator and strategy the max and encumbered
 * magnitudes and the operator shares, per allocation (current / pending / effect block), per
 * staker and strategy the withdrawable and deposit shares.
 */
export function ledgerViews(state: LedgerState): ViewCheck[] {
  const out: ViewCheck[] = [];
  operatorChecks(state, out);
  for (const [id, st] of state.stakers) {
    for (const [v, pos] of st.positions) {
      // EigenLayer reads native positions with m·l (DelegationManager._getSlashingFactor).
      const a = withdrawableShares(pos, slashingFactorOf(state, id, st.delegatedTo, v));
      const args = [id, [v]];
      out.push({
        what: 'withdrawableShares',
        key: `${id} ${v}`,
        contract: 'DelegationManager',
        functionName: 'getWithdrawableShares',
        args,
        ledger: String(a),
        pick: (r) => first((r as unknown[])[0]),
      });
      out.push({
        what: 'depositShares',
        key: `${id} ${v}`,
        contract: 'DelegationManager',
        functionName: 'getWithdrawableShares',
        args,
        ledger: String(pos.depositShares),
        pick: (r) => first((r as unknown[])[1]),
      });
    }
  }
  return out;
}
