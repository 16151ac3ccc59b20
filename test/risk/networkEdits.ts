import type { Rational } from '../../src/math/rational.js';
import type { Network } from '../../src/risk/network.js';

// The commands the warm-start tests apply between two analyses (issue 14, incremental), shared so that every
// property edits networks the same way.

/** Allocation `pick` (modulo their number) with its amount × `factor`, at most its operator's stake. */
export function scaleAllocation(net: Network, pick: number, factor: Rational): Network {
  if (net.allocations.length === 0) return net;
  const i = pick % net.allocations.length;
  const a = net.allocations[i]!;
  const stake = net.operators.find((o) => o.id === a.operator)!.stake;
  const allocations = [...net.allocations];
  allocations[i] = { ...a, amount: a.amount.mul(factor).min(stake) };
  return { ...net, allocations };
}

/** Operator `pick` (modulo their number) slashed: its stake and every allocation of it × `keep`. */
export function slashOperator(net: Network, pick: number, keep: Rational): Network {
  const id = net.operators[pick % net.operators.length]!.id;
  return {
    ...net,
    operators: net.operators.map((o) => (o.id === id ? { ...o, stake: o.stake.mul(keep) } : o)),
    allocations: net.allocations.map((a) => (a.operator === id ? { ...a, amount: a.amount.mul(keep) } : a)),
  };
}
