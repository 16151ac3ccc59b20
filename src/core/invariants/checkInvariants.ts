import { WAD } from '../../math/wad.js';
import { lastExecutableBlock } from '../slashing/lateStake.js';
import { slashingFactorOf } from '../native/slashingFactor.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import type { LedgerState, Operator } from '../state/state.js';
import { withdrawalShares } from '../shares/withdrawalShares.js';
import { extensionInvariants } from './extensionInvariants.js';
import type { InvariantCheck } from './invariantCheck.js';

/**
 * SPEC §3.8 invariants. Returns every violation found (empty when the state is sound); tests
 * assert it after every command. Cost is linear in the state size.
 */
export function checkInvariants(state: LedgerState, extra: readonly InvariantCheck[] = []): string[] {
  const bad: string[] = [];
  const report = (m: string): void => void bad.push(m);
  checkVaultConservation(state, report);
  for (const op of state.operators.values()) checkMagnitudes(op, report);
  checkOperatorShares(state, report);
  checkOpenRequests(state, report);
  for (const c of [...extensionInvariants, ...extra]) c(state, report);
  return bad;
}

/** The open-request index lists exactly the pending requests that can still execute (and maybe expired ones). */
function checkOpenRequests(state: LedgerState, report: (m: string) => void): void {
  for (const [operator, ids] of state.openSlashRequests) {
    for (const id of ids) {
      const r = state.slashRequests.get(id);
      if (!r || r.operator !== operator || r.status !== 'pending') report(`open request index: ${id} under ${operator} is not pending`);
    }
  }
  for (const r of state.slashRequests.values()) {
    const live = r.status === 'pending' && state.block <= lastExecutableBlock(state, r);
    if (live && !state.openSlashRequests.get(r.operator)?.includes(r.id)) report(`request ${r.id} is pending but not indexed`);
  }
}

function checkVaultConservation(state: LedgerState, report: (m: string) => void): void {
  const claims = new Map<string, bigint>();
  const add = (v: string, x: bigint): void => void claims.set(v, (claims.get(v) ?? 0n) + x);
  for (const s of state.stakers.values()) {
    for (const [v, p] of s.positions) add(v, withdrawableShares(p, slashingFactorOf(state, s.id, s.delegatedTo, v)));
  }
  for (const w of state.withdrawals.values()) if (!w.completed) add(w.vault, withdrawalShares(state, w));
  for (const byVault of state.unclearedSlashed.values()) for (const [v, x] of byVault) add(v, x);
  for (const v of state.vaults.values()) {
    if (v.balance !== v.deposited + v.yielded - v.paidOut) report(`vault ${v.id}: balance ${v.balance} ≠ flows`);
    if (v.balance < 0n || v.totalShares < 0n) report(`vault ${v.id}: negative balance or shares`);
    const claimed = claims.get(v.id) ?? 0n;
    if (claimed > v.totalShares) report(`vault ${v.id}: claims ${claimed} exceed shares ${v.totalShares}`);
  }
}

function checkMagnitudes(op: Operator, report: (m: string) => void): void {
  for (const [vault, ov] of op.vaults) {
    if (ov.maxMagnitude < 0n || ov.maxMagnitude > WAD) report(`${op.id}/${vault}: maxMagnitude out of range`);
    let prev = WAD;
    for (const snap of ov.maxMagnitudeHistory) {
      if (snap.value > prev) report(`${op.id}/${vault}: maxMagnitude rose`);
      prev = snap.value;
    }
    let encumbered = 0n;
    for (const bySet of op.allocations.values()) {
      const a = bySet.get(vault);
      if (!a) continue;
      if (a.current < 0n || a.current > ov.maxMagnitude) report(`${op.id}/${vault}: current ${a.current} outside [0, max]`);
      if (a.current + a.pending < 0n) report(`${op.id}/${vault}: pending below zero`);
      encumbered += a.current + (a.pending > 0n ? a.pending : 0n);
    }
    if (encumbered !== ov.encumbered) report(`${op.id}/${vault}: encumbered ${ov.encumbered} ≠ Σ ${encumbered}`);
    if (op.mode === 'unique' && ov.encumbered > ov.maxMagnitude) report(`${op.id}/${vault}: unique stake over-allocated`);
    if (ov.shares < 0n) report(`${op.id}/${vault}: negative shares`);
  }
}

function checkOperatorShares(state: LedgerState, report: (m: string) => void): void {
  const owed = new Map<string, bigint>();
  for (const s of state.stakers.values()) {
    if (s.delegatedTo === null) continue;
    for (const [v, p] of s.positions) {
      const key = `${s.delegatedTo}\u0000${v}`;
      owed.set(key, (owed.get(key) ?? 0n) + withdrawableShares(p, slashingFactorOf(state, s.id, s.delegatedTo, v)));
    }
  }
  for (const [key, sum] of owed) {
    const [op = '', v = ''] = key.split('\u0000');
    const shares = state.operators.get(op)?.vaults.get(v)?.shares ?? 0n;
    if (shares < sum) report(`${op}/${v}: operator shares ${shares} < Σ withdrawable ${sum}`);
  }
}
