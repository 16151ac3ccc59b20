import { exactString } from './exactString.js';
import type { Network } from './network.js';

/** A network in the file format of SPEC §5 (amount omitted when it equals the full stake). */
export function networkJson(n: Network): Record<string, unknown> {
  const stake = new Map(n.operators.map((o) => [o.id, o.stake] as const));
  return {
    operators: n.operators.map((o) => ({ id: o.id, stake: exactString(o.stake) })),
    services: n.services.map((s) => ({
      id: s.id,
      profitFromCorruption: exactString(s.profitFromCorruption),
      attackThreshold: exactString(s.attackThreshold),
    })),
    allocations: n.allocations.map((a) =>
      a.amount.eq(stake.get(a.operator)!)
        ? { operator: a.operator, service: a.service }
        : { operator: a.operator, service: a.service, amount: exactString(a.amount) },
    ),
  };
}
