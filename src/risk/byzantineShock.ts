import { fail, ok, type Result } from '../errors/result.js';
import { Rational } from '../math/rational.js';
import type { Network } from './network.js';

export interface ByzantineShockResult {
  readonly services: readonly string[];
  /** Stake slashed from each operator (only operators that lost something). */
  readonly slashed: ReadonlyMap<string, Rational>;
  readonly totalSlashed: Rational;
  /** The network after the shock: Byzantine services removed, stakes reduced, allocations clamped. */
  readonly residual: Network;
}

/**
 * Byzantine-service shock (SPEC §5): each given service slashes all stake allocated to it. An operator
 * loses min(stake, Σ its allocations to those services); its other allocations are clamped to the
 * reduced stake (elastic stretching; in unique mode they already fit and are unchanged). A service
 * named twice is listed once.
 */
export function byzantineShock(network: Network, serviceIds: readonly string[]): Result<ByzantineShockResult> {
  const known = new Set(network.services.map((s) => s.id));
  for (const id of serviceIds) if (!known.has(id)) return fail('UNKNOWN_SERVICE_ID', `"${id}"`);
  const byz = new Set(serviceIds);
  const raw = new Map<string, Rational>();
  for (const a of network.allocations) {
    if (byz.has(a.service)) raw.set(a.operator, (raw.get(a.operator) ?? Rational.ZERO).add(a.amount));
  }
  const slashed = new Map<string, Rational>();
  let totalSlashed = Rational.ZERO;
  const operators = network.operators.map((o) => {
    const loss = (raw.get(o.id) ?? Rational.ZERO).min(o.stake);
    if (loss.sign() > 0) slashed.set(o.id, loss);
    totalSlashed = totalSlashed.add(loss);
    return { id: o.id, stake: o.stake.sub(loss) };
  });
  const stake = new Map(operators.map((o) => [o.id, o.stake] as const));
  const allocations = network.allocations
    .filter((a) => !byz.has(a.service))
    .map((a) => ({ ...a, amount: a.amount.min(stake.get(a.operator)!) }));
  const residual = { operators, services: network.services.filter((s) => !byz.has(s.id)), allocations };
  return ok({ services: [...byz], slashed, totalSlashed, residual });
}
