import type { Rational } from '../math/rational.js';
import type { Attack } from '../risk/attack.js';
import type { AnalyzeReport } from '../risk/analyzeNetwork.js';
import { approx, exactString } from '../risk/exactString.js';
import { formatTable } from './table.js';

/** Operators listed in the human report's condition table (the failing ones with the worst margins). */
const failingRowsMax = 15;

function percent(r: Rational): string {
  return `${(r.toNumber() * 100).toPrecision(6)} %`;
}

function names(xs: readonly string[], max = 8): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} … (+${xs.length - max})`;
}

function attackLines(a: Attack, indent = '  '): string[] {
  return [
    `${indent}services  (${a.services.length}): ${names(a.services)}`,
    `${indent}operators (${a.operators.length}): ${names(a.operators)}`,
    `${indent}PfC ${approx(a.revenue)}  cost ${approx(a.cost)}  profit ${approx(a.profit)}  (exact profit ${exactString(a.profit)})`,
  ];
}

/** Readable `analyze` report: verdict, best attack, slack, failing operators, worst loss, shocks. */
export function analyzeText(r: AnalyzeReport): string {
  const out: string[] = [];
  const s = r.size;
  out.push(
    `network: ${s.operators} operators, ${s.services} services, ${s.allocations} allocations, stake ${approx(s.totalStake)}, Σ PfC ${approx(s.totalPfc)}`,
  );
  if (r.source)
    out.push(
      `source: command log of ${r.source.commands} commands${r.source.failed > 0 ? `, ${r.source.failed} failed (skipped; the network is the state the rest reached)` : ''}`,
    );
  if (r.byzantine)
    out.push(
      `Byzantine shock: ${names(r.byzantine.services)} slashed ${approx(r.byzantine.slashed)} (figures below are for the residual network)`,
    );
  if (r.heuristic)
    out.push(
      'mode: heuristic (--heuristic): greedy search and closed-form bounds, no solver; only figures marked exact or proven are proven',
    );
  out.push('', `verdict: ${verdictText(r)}`);
  const bestKind = r.bestAttackExact
    ? 'exact maximum'
    : r.heuristic
      ? 'greedy search: a lower bound on the best profit'
      : 'best found: lower bound';
  out.push(`best attack (${bestKind}):`);
  if (r.bestAttack) out.push(...attackLines(r.bestAttack));
  else if (r.bestAttackExact) out.push('  none with profit > 0 (see the weakest coalition under the slack)');
  else out.push(r.heuristic ? '  none with profit > 0 found by the greedy search' : '  none found');
  if (!r.bestAttackExact && r.profitUpperBound) out.push(`  proven upper bound on the profit: ${approx(r.profitUpperBound)}`);
  const g = r.slack.gamma;
  const slackKind = r.slack.exact ? '' : r.heuristic ? ' — upper bound (greedy search)' : ' — upper bound (solver budget spent)';
  out.push(
    '',
    `slack γ*: ${g ? `${g.toNumber().toPrecision(8)} (exact ${exactString(g)})` : 'none (no coalition can earn anything)'}${slackKind}`,
  );
  if (!r.slack.exact && r.slack.lowerBound) out.push(`  proven lower bound: ${r.slack.lowerBound.toNumber().toPrecision(8)}`);
  if (r.slack.attack) out.push('  weakest coalition (min cost/PfC):', ...attackLines(r.slack.attack, '    '));
  out.push('', ...conditionLines(r));
  if (r.worstLoss) {
    const w = r.worstLoss;
    out.push(
      '',
      `worst-case loss R_ψ at ψ = ${percent(w.psi)}: ${percent(w.loss)} of stake${w.exact ? ' (exact)' : ` (${r.heuristic ? 'heuristic lower bound: largest operators shocked, then a local-search attack' : 'lower bound'}; upper bound ${w.upperBound ? percent(w.upperBound) : 'unknown'})`}`,
    );
    out.push(`  shock (${w.shock.length} operators): ${names(w.shock)}`);
    if (w.attack) out.push('  then, as one profitable attack:', ...attackLines(w.attack, '    '));
    else out.push('  no profitable attack follows the shock');
    const gl = r.slack.exact ? g : r.slack.lowerBound;
    if (gl && gl.sign() > 0)
      out.push(
        `  known bound (1 + 1/γ*)·ψ${r.slack.exact ? '' : ' with the proven lower bound on γ*'} = ${percent(w.psi.add(w.psi.div(gl)))}`,
      );
  }
  if (r.cascade) {
    out.push(
      '',
      `cascade${r.heuristic ? ' (greedy steps, heuristic)' : ''}: ${r.cascade.steps.length} steps, ${approx(r.cascade.stakeLost)} stake lost (${percent(r.cascade.lossFraction)})`,
    );
    r.cascade.steps.forEach((st, i) =>
      out.push(
        `  step ${i + 1}: ${names(st.attack.services, 5)} by ${st.attack.operators.length} operators, lost ${approx(st.stakeLost)}, profit ${approx(st.attack.profit)}`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function verdictText(r: AnalyzeReport): string {
  if (r.secure === false) return `INSECURE (a profitable attack exists; exact${r.heuristic ? ': the greedy search found one' : ''})`;
  if (r.secure === true) return `SECURE (no attack with profit > 0; exact${r.heuristic ? ': proven by the closed-form cost bound' : ''})`;
  return r.heuristic
    ? 'not decided in heuristic mode (the greedy search found no profitable attack, which proves nothing; run without --heuristic for the exact verdict)'
    : 'UNDECIDED within the solver budget';
}

function conditionLines(r: AnalyzeReport): string[] {
  const c = r.operatorCondition;
  const failing = [...c.operators.entries()].filter(([, e]) => !e.holds).sort((a, b) => a[1].margin.cmp(b[1].margin));
  const out = [
    `per-operator condition (EigenLayer): ${c.holds ? 'holds for every operator' : `fails for ${failing.length} of ${c.operators.size} operators`}`,
  ];
  if (c.holds && !c.impliesSecurity)
    out.push(
      `  it does not prove security here: ${c.overpricedServices.length} services have PfC > α·W (partial allocations): ${names(c.overpricedServices)}`,
    );
  if (c.impliesSecurity) out.push('  with PfC ≤ α·W on every service, this proves the network secure');
  if (c.unbackedServices.length > 0) out.push(`  services with PfC > 0 and no stake (fall for free): ${names(c.unbackedServices)}`);
  if (failing.length > 0) {
    const rows = failing.slice(0, failingRowsMax).map(([id, e]) => [id, approx(e.stake), approx(e.lhs), approx(e.margin)]);
    out.push(formatTable(['operator', 'stake', 'Σ PfC·w/(αW)', 'margin'], rows).replace(/^/gm, '  '));
    if (failing.length > failingRowsMax) out.push(`  … ${failing.length - failingRowsMax} more`);
  }
  return out;
}
