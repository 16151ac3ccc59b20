import type { LedgerState } from '../state/state.js';
import { lrtOfToken } from './lrtLookups.js';
import { recursionDepthMax } from './lrtBounds.js';
import type { Lrt } from './lrtState.js';

/**
 * LRT invariants (SPEC §3.8 extension), linear in the state size:
 * - supply, idle and balances are non-negative; depth ≤ recursionDepthMax; the token is a
 *   registered `lrt` asset mapped back to its LRT;
 * - token conservation: supply = Σ wallets + Σ ledger accounts + burned + Σ over vaults of the
 *   token (deposited − paidOut) + idle and reserved idle of LRTs built on the token. (A trusted
 *   `deposit` or `accrueYield` of an LRT token into a vault creates tokens from nowhere and is
 *   reported here: use depositLrtTokens.)
 */
export function checkLrts(state: LedgerState, report: (msg: string) => void): void {
  const held = new Map<string, bigint>();
  const add = (token: string, x: bigint): void => void held.set(token, (held.get(token) ?? 0n) + x);
  for (const lrt of state.lrts.lrts.values()) checkOne(state, lrt, report);
  for (const v of state.vaults.values()) if (state.lrts.byToken.has(v.asset)) add(v.asset, v.deposited - v.paidOut);
  for (const byAsset of state.accounts.values()) for (const [a, x] of byAsset) if (state.lrts.byToken.has(a)) add(a, x);
  for (const [a, x] of state.burned) if (state.lrts.byToken.has(a)) add(a, x);
  for (const lrt of state.lrts.lrts.values()) {
    for (const x of lrt.balances.values()) add(lrt.token, x);
    if (lrtOfToken(state, lrt.asset)) add(lrt.asset, lrt.idle);
  }
  for (const r of state.lrts.redemptions.values()) {
    const lrt = state.lrts.lrts.get(r.lrt);
    if (!r.completed && lrt && lrtOfToken(state, lrt.asset)) add(lrt.asset, r.idle);
  }
  for (const lrt of state.lrts.lrts.values()) {
    const h = held.get(lrt.token) ?? 0n;
    if (h !== lrt.supply) report(`LRT ${lrt.id}: supply ${lrt.supply} ≠ tokens held ${h}`);
  }
}

function checkOne(state: LedgerState, lrt: Lrt, report: (msg: string) => void): void {
  if (lrt.supply < 0n || lrt.idle < 0n) report(`LRT ${lrt.id}: negative supply or idle`);
  for (const [acct, x] of lrt.balances) if (x < 0n) report(`LRT ${lrt.id}: negative balance of ${acct}`);
  if (lrt.depth < 1 || lrt.depth > recursionDepthMax) report(`LRT ${lrt.id}: depth ${lrt.depth} out of range`);
  if (state.lrts.byToken.get(lrt.token) !== lrt.id || state.assets.get(lrt.token)?.kind !== 'lrt')
    report(`LRT ${lrt.id}: token ${lrt.token} not registered as its lrt asset`);
}
