import type { InvariantCheck } from '../invariants/invariantCheck.js';

/**
 * SPEC §3.8 "insurance claims paid ≤ pool assets" and pool conservation: per pool
 * assets = underwritten + premiums − claimsPaid − withdrawn ≥ 0; Σ underwriter shares +
 * queued shares = totalShares; queued shares = Σ open withdrawals; claims paid = Σ claim
 * records; per cover 0 ≤ remaining ≤ amount and paid ≤ amount − remaining.
 */
export const insuranceInvariants: InvariantCheck = (state, report) => {
  const ins = state.insurance;
  const pending = new Map<string, bigint>();
  for (const w of ins.withdrawals.values()) if (!w.completed) pending.set(w.pool, (pending.get(w.pool) ?? 0n) + w.shares);
  const paidByPool = new Map<string, bigint>();
  for (const c of ins.claims.values()) {
    const pool = ins.covers.get(c.cover)?.pool ?? '';
    paidByPool.set(pool, (paidByPool.get(pool) ?? 0n) + c.paid);
    if (c.paid > c.claimed) report(`insurance claim ${c.id}: paid ${c.paid} > claimed ${c.claimed}`);
  }
  for (const p of ins.pools.values()) {
    if (p.assets !== p.underwritten + p.premiums - p.claimsPaid - p.withdrawn) report(`insurance pool ${p.id}: assets ${p.assets} ≠ flows`);
    if (p.assets < 0n) report(`insurance pool ${p.id}: negative assets (claims paid beyond pool assets)`);
    let held = 0n;
    for (const x of p.shares.values()) {
      if (x <= 0n) report(`insurance pool ${p.id}: non-positive share balance`);
      held += x;
    }
    if (held + p.pendingShares !== p.totalShares)
      report(`insurance pool ${p.id}: shares ${held} + queued ${p.pendingShares} ≠ total ${p.totalShares}`);
    if (p.pendingShares !== (pending.get(p.id) ?? 0n)) report(`insurance pool ${p.id}: queued shares ≠ Σ open withdrawals`);
    if (p.claimsPaid !== (paidByPool.get(p.id) ?? 0n)) report(`insurance pool ${p.id}: claimsPaid ≠ Σ claims`);
  }
  for (const c of ins.covers.values()) {
    if (c.remaining < 0n || c.remaining > c.amount) report(`insurance cover ${c.id}: remaining out of [0, amount]`);
    if (c.paid > c.amount - c.remaining) report(`insurance cover ${c.id}: paid more than claimed`);
  }
};
