import { Rational } from '../../math/rational.js';
import { sumRationals } from '../../math/sumRationals.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { serviceContagion, serviceNakamoto, topOperatorShare } from './concentration.js';
import { costToCorruptBounds, type CostToCorrupt } from './costToCorrupt.js';
import { bounded, exact, proven, type Figure, type Stamp } from './figure.js';
import type { OperatorMetrics, ServiceMetrics } from './riskMetrics.js';
import { exactString } from '../exactString.js';

/** Cost to corrupt and margin cost/PfC − 1 from a (possibly bounded) cost. */
export function costFigures(at: Stamp, pfc: Rational, c: CostToCorrupt): Pick<ServiceMetrics, 'costToCorrupt' | 'margin'> {
  const margin = (x: Rational): Rational => x.div(pfc).sub(Rational.ONE);
  const pos = pfc.sign() > 0;
  if (c.exact) return { costToCorrupt: exact(at, c.cost), margin: proven(at, pos ? exactString(margin(c.cost)) : null) };
  const marginFig: Figure<string | null> = pos
    ? bounded(at, exactString(margin(c.cost)), margin(c.lower), margin(c.cost))
    : proven(at, null);
  return { costToCorrupt: bounded(at, exactString(c.cost), c.lower, c.cost), margin: marginFig };
}

/** The per-service figures of SPEC §10 (fast: the cost to corrupt is bounded unless the greedy answer is proven). */
export function serviceMetrics(ix: IndexedNetwork, s: number, at: Stamp): ServiceMetrics {
  const pfc = ix.pfc[s]!;
  const share = topOperatorShare(ix, s);
  const contagion = serviceContagion(ix, s);
  return {
    stake: exact(at, ix.weight[s]!),
    pfc: exact(at, pfc),
    ...costFigures(at, pfc, costToCorruptBounds(ix, s)),
    nakamoto: proven(at, serviceNakamoto(ix, s)),
    topOperatorShare: proven(at, share === null ? null : exactString(share)),
    contagionOut: exact(at, contagion.out),
    contagionIn: exact(at, contagion.in),
  };
}

/** Σ_{s∋v} PfC_s·w_vs/(α_s·W_s): the certificate's left-hand side for operator v (SPEC §5). */
function certificateLhs(ix: IndexedNetwork, v: number): Rational {
  return sumRationals(
    ix.edgesOfOp[v]!.map((e) => {
      const { svc, amount } = ix.edges[e]!;
      return ix.pfc[svc]!.mul(amount).div(ix.alpha[svc]!.mul(ix.weight[svc]!));
    }),
  );
}

/** The per-operator figures of SPEC §10 (all exact). Services are listed in network order. */
export function operatorMetrics(ix: IndexedNetwork, v: number, at: Stamp): OperatorMetrics {
  const es = ix.edgesOfOp[v]!;
  const allocated = sumRationals(es.map((e) => ix.edges[e]!.amount));
  const services = es.map((e) => ix.edges[e]!.svc).sort((a, b) => a - b);
  return {
    stake: exact(at, ix.stake[v]!),
    allocated: exact(at, allocated),
    degree: proven(at, services.length),
    services: proven(
      at,
      services.map((s) => ix.svcIds[s]!),
    ),
    certificateMargin: exact(at, ix.stake[v]!.sub(certificateLhs(ix, v))),
  };
}
