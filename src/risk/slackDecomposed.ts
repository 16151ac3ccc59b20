import { Rational } from '../math/rational.js';
import { indexNetwork, type IndexedNetwork } from './indexNetwork.js';
import { slack, type SlackOptions, type SlackResult } from './slack.js';
import { splitComponents } from './splitComponents.js';
import { cachedSolve, componentKey, rememberSlackAttack, type ComponentCache } from './componentCache.js';
import { warmEntry } from './warmEntry.js';
import { warmSlack } from './warmSlack.js';

/**
 * Slack γ* per connected component of the operator–service graph: a coalition spanning components
 * has cost/PfC = Σ cost_c / Σ PfC_c ≥ min_c cost_c/PfC_c, so γ* is the least component slack
 * (components where nothing can be attacked have none). Exact when the least component's slack is
 * exact and every other component is proven no lower; the proven lower bound is the least of the
 * components' proven lower bounds. One component: exactly `slack`. A cache reuses the exact slack
 * of components unchanged since an earlier analysis, and its recent weakest coalitions start the search
 * on changed ones.
 */
export async function slackDecomposed(ix: IndexedNetwork, options: SlackOptions = {}, cache?: ComponentCache): Promise<SlackResult> {
  // hints are re-valued on each component (those with edges elsewhere are dropped there)
  const hinted = { ...options, hints: [...(options.hints ?? []), ...(cache?.slackAttacks ?? [])] };
  const solve = async (net: IndexedNetwork, timeLimitS?: number): Promise<SlackResult> => {
    const o = timeLimitS === undefined ? hinted : { ...hinted, timeLimitS };
    // a single component: a warm start from the proof kept by the analysis before the command
    const warm = timeLimitS === undefined ? warmEntry(cache, net) : null;
    const r = warm ? await warmSlack(net, o, warm, { coldHints: options.hints ?? [] }) : await slack(net, o);
    rememberSlackAttack(cache, r.attack);
    return r;
  };
  const parts = splitComponents(ix).filter((n) => n.services.some((s) => s.profitFromCorruption.sign() > 0));
  if (parts.length <= 1)
    return cachedSolve(
      cache,
      (c) => c.slack,
      () => componentKey(ix.network),
      () => solve(ix),
    );
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const results: SlackResult[] = [];
  for (const [i, net] of parts.entries()) {
    const timeLimitS = Math.max((deadline - Date.now()) / 1000 / (parts.length - i), 0.05);
    const r = await cachedSolve(
      cache,
      (c) => c.slack,
      () => componentKey(net),
      () => solve(indexNetwork(net), timeLimitS),
    );
    if (r.gamma !== null) results.push(r);
  }
  let best: SlackResult | null = null;
  for (const r of results) if (best === null || r.gamma!.lt(best.gamma!)) best = r;
  if (best === null) return { gamma: null, attack: null, exact: true, lowerBound: null };
  let lower: Rational | null = best.gamma;
  for (const r of results) {
    const lb = r.exact ? r.gamma : r.lowerBound;
    lower = lower === null || lb === null ? null : lower.min(lb);
  }
  if (lower !== null && lower.gte(best.gamma!)) return { gamma: best.gamma, attack: best.attack, exact: true, lowerBound: null };
  return { gamma: best.gamma, attack: best.attack, exact: false, lowerBound: lower ?? Rational.of(-1n) };
}
