import { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';

export interface OperatorConditionEntry {
  /** Σ_{s∋v} PfC_s·w_vs / (α_s·W_s). */
  readonly lhs: Rational;
  readonly stake: Rational;
  /** stake − lhs (≥ 0 iff the condition holds for v). */
  readonly margin: Rational;
  readonly holds: boolean;
}

export interface OperatorConditionResult {
  /** Every operator passes and no service with PfC > 0 is left without stake. */
  readonly holds: boolean;
  /** Services with PfC > 0 and no allocated stake: they fall for free, so the condition fails. */
  readonly unbackedServices: readonly string[];
  /** Services with PfC_s > α_s·W_s: worth more than the stake needed to corrupt them. */
  readonly overpricedServices: readonly string[];
  /** `holds` and no overpriced service: then the network is secure (proof below). */
  readonly impliesSecurity: boolean;
  readonly operators: ReadonlyMap<string, OperatorConditionEntry>;
}

/**
 * EigenLayer's per-operator condition (SPEC §5), exact: for every operator v,
 * Σ_{s∋v} PfC_s·w_vs/(α_s·W_s) ≤ stake_v. Under full restaking (w_vs = stake_v) it implies
 * security. With allocations an operator that corrupts edges c_vs pays only min(stake_v, Σ c_vs),
 * so it also needs PfC_s ≤ α_s·W_s for every service (then for each attacker
 * Σ_s PfC_s·c_vs/(α_s·W_s) ≤ min(stake_v, Σ_s c_vs), and summing over attackers bounds the
 * revenue of any attack by its cost): `impliesSecurity`. Without it the condition can hold on an
 * insecure network (stake 10, 1 allocated to a service with PfC 5 and α = 1), as SPEC §5 allows.
 * Failing it proves nothing.
 */
export function operatorCondition(ix: IndexedNetwork, memo?: OperatorConditionMemo): OperatorConditionResult {
  const operators = new Map<string, OperatorConditionEntry>();
  let holds = true;
  // PfC_s/(α_s·W_s) once per service, and each operator's sum kept unreduced until its end (conditionOf): one gcd per
  // operator instead of three per allocation (it was ~15 % of a warm analysis at 200 × 30, where the rest is incremental)
  const factors = new Map<number, Rational>();
  const factor = (s: number): Rational => {
    let f = factors.get(s);
    if (!f) factors.set(s, (f = ix.pfc[s]!.div(ix.alpha[s]!.mul(ix.weight[s]!))));
    return f;
  };
  const services = memo ? serviceStates(ix, memo) : null;
  const next = new Map<string, MemoEntry>();
  for (const [v, id] of ix.opIds.entries()) {
    // with a memo: an operator whose stake and allocations are as in the last analysis, on services whose PfC,
    // threshold and allocated stake are too, keeps its entry (a command changes a few services' W_s; the big-number
    // gcds of the others were most of the condition's cost, about a tenth of a warm analysis at 200 × 30 once the proofs
    // close at their roots)
    const key = services ? operatorKey(ix, v, services.quoted) : '';
    const kept = services ? memo!.entries.get(id) : undefined;
    const same = kept !== undefined && kept.key === key && ix.edgesOfOp[v]!.every((e) => !services!.changed[ix.edges[e]!.svc]);
    const entry = same ? kept.entry : conditionOf(ix, v, factor);
    if (services) next.set(id, { key, entry });
    holds &&= entry.holds;
    operators.set(id, entry);
  }
  if (memo && services) [memo.entries, memo.services] = [next, services.values];
  const unbackedServices = ix.svcIds.filter((_, s) => ix.pfc[s]!.sign() > 0 && ix.weight[s]!.isZero());
  const overpricedServices = ix.svcIds.filter((_, s) => ix.pfc[s]!.gt(ix.alpha[s]!.mul(ix.weight[s]!)));
  const all = holds && unbackedServices.length === 0;
  return { holds: all, unbackedServices, overpricedServices, impliesSecurity: all && overpricedServices.length === 0, operators };
}

/** The entries of the last analysis, by operator id, with what each was computed from (operatorKey), and the values
 *  its services had (serviceStates). */
export interface OperatorConditionMemo {
  entries: ReadonlyMap<string, MemoEntry>;
  services: ReadonlyMap<string, string>;
}

interface MemoEntry {
  readonly key: string;
  readonly entry: OperatorConditionEntry;
}

export function newOperatorConditionMemo(): OperatorConditionMemo {
  return { entries: new Map(), services: new Map() };
}

/** Each service's id quoted (JSON: every other part of a key is a number, so no two inputs share a key), its values
 *  (PfC, threshold, allocated stake) and whether they differ from the last analysis' (or it had no such service). */
function serviceStates(
  ix: IndexedNetwork,
  memo: OperatorConditionMemo,
): { quoted: string[]; values: Map<string, string>; changed: boolean[] } {
  const values = new Map<string, string>();
  const changed = ix.svcIds.map((id, s) => {
    const value = `${ix.pfc[s]!}@${ix.alpha[s]!}/${ix.weight[s]!}`;
    values.set(id, value);
    return memo.services.get(id) !== value;
  });
  return { quoted: ix.svcIds.map((id) => JSON.stringify(id)), values, changed };
}

/** Operator v's own part of its entry's inputs: its stake and each allocation's service and amount. */
function operatorKey(ix: IndexedNetwork, v: number, quoted: readonly string[]): string {
  let key = `${ix.stake[v]!}`;
  for (const e of ix.edgesOfOp[v]!) key += `|${quoted[ix.edges[e]!.svc]!}:${ix.edges[e]!.amount}`;
  return key;
}

/** Operator v's entry: Σ_s factor_s·w_vs against its stake, exactly. */
function conditionOf(ix: IndexedNetwork, v: number, factor: (s: number) => Rational): OperatorConditionEntry {
  let [num, den] = [0n, 1n];
  for (const e of ix.edgesOfOp[v]!) {
    const { svc, amount } = ix.edges[e]!;
    const f = factor(svc);
    const [n, d] = [f.num * amount.num, f.den * amount.den];
    if (d === den) num += n;
    else [num, den] = [num * d + n * den, den * d];
  }
  const lhs = Rational.of(num, den);
  const stake = ix.stake[v]!;
  const ok = lhs.lte(stake);
  return { lhs, stake, margin: stake.sub(lhs), holds: ok };
}
