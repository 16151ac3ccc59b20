import { assert } from '../errors/result.js';
import type { IndexedNetwork } from './indexNetwork.js';

/**
 * A network's amounts as integers in units of 1/lcd (IndexedNetwork's `lcd` divides every stake, edge amount and
 * PfC, so each is an exact integer there, and so is every W_s): exact sums without a gcd per addition, for the
 * evaluations that run thousands of times per search (evaluateAttack). Computed once per indexed network.
 */
export interface NetworkUnits {
  readonly edge: readonly bigint[];
  readonly stake: readonly bigint[];
  readonly weight: readonly bigint[];
  readonly pfc: readonly bigint[];
}

const byNetwork = new WeakMap<IndexedNetwork, NetworkUnits>();

export function networkUnits(ix: IndexedNetwork): NetworkUnits {
  const known = byNetwork.get(ix);
  if (known) return known;
  const lcd = ix.lcd;
  // r·lcd is an integer for every amount of the network (lcd is their common denominator): the division is exact
  const units = (r: { readonly num: bigint; readonly den: bigint }): bigint => {
    const u = (r.num * lcd) / r.den;
    assert(u * r.den === r.num * lcd, 'an amount is not on the network grid');
    return u;
  };
  const out: NetworkUnits = {
    edge: ix.edges.map((e) => units(e.amount)),
    stake: ix.stake.map(units),
    weight: ix.weight.map(units),
    pfc: ix.pfc.map(units),
  };
  byNetwork.set(ix, out);
  return out;
}
