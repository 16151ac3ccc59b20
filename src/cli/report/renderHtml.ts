import type { LossStats } from '../../risk/montecarlo/lossStats.js';
import type { MonteCarloReport } from '../../risk/montecarlo/simulate.js';
import type { OptimizeReport } from '../../risk/optimize/optimizeScenario.js';
import type { PricingReport } from '../../risk/pricing/priceScenario.js';
import { amount, pct, shortDecimal } from '../risk/format.js';
import type { RiskReport, SecuritySection } from '../risk/riskJob.js';
import { barChart, esc, heatmap, histogramChart } from './svgCharts.js';

/** A cell given as HTML (already escaped), e.g. a figure with its exact value on hover. */
interface HtmlCell {
  readonly html: string;
}
type Cell = string | HtmlCell;

function cellHtml(v: Cell): string {
  return typeof v === 'string' ? esc(v) : v.html;
}

/** An exact figure shown as a short decimal, the exact value on hover (title). */
function exactFigure(exact: string): HtmlCell {
  const shown = shortDecimal(exact);
  return { html: shown === exact ? esc(exact) : `<span class="exact" title="exact: ${esc(exact)}">${esc(shown)}</span>` };
}

/** Tables scroll inside their own box, so a wide one never widens the page (1280 px screens). */
function htmlTable(headers: readonly string[], rows: readonly (readonly Cell[])[], o: { numeric?: boolean } = {}): string {
  const th = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  // numeric columns are right-aligned and never wrap; a table of prose (figure, value) wraps
  const td = o.numeric === false ? '<td>' : '<td class="n">';
  const tr = rows
    .map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<td>${cellHtml(v)}</td>` : `${td}${cellHtml(v)}</td>`)).join('')}</tr>`)
    .join('');
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`;
}

function lossTable(list: readonly LossStats[], r: MonteCarloReport): string {
  return htmlTable(
    [
      'id',
      'exposure',
      'E[loss]',
      'E[loss] rate',
      'P(loss>0)',
      ...r.levels.map((l) => `VaR ${pct(l, 1)}`),
      ...r.levels.map((l) => `ES ${pct(l, 1)}`),
      ...r.thresholds.map((t) => `P(loss > ${pct(t, t < 0.01 ? 1 : 0)})`),
    ],
    list.map((s) => [
      s.id,
      amount(s.exposure),
      amount(s.expectedLoss),
      pct(s.expectedLossRate),
      pct(s.probabilityOfLoss, 2),
      ...s.valueAtRisk.map((v) => amount(v.value)),
      ...s.expectedShortfall.map((v) => amount(v.value)),
      ...s.exceedance.map((e) => pct(e.probability, 2)),
    ]),
  );
}

function securityHtml(s: SecuritySection): string {
  if (s.status !== 'ok') return `<p class="warn">${esc(s.note)}</p>`;
  const a = s.analysis as {
    secure: boolean | null;
    slack: string | null;
    bestAttack: { services: string[]; operators: string[]; profit: string; cost: string } | null;
    operatorCondition: { holds: boolean; operators: Record<string, { holds: boolean }> };
    exact?: { bestAttack?: boolean; slack?: boolean };
    bounds?: { slackLowerBound?: string | null };
    network?: { totalStake?: string; totalProfitFromCorruption?: string };
  };
  const failing = Object.entries(a.operatorCondition.operators)
    .filter(([, v]) => !v.holds)
    .map(([k]) => k);
  const verdict =
    a.secure === null
      ? 'undecided within the solver budget'
      : a.secure
        ? 'SECURE: no profitable attack exists'
        : 'NOT SECURE: a profitable attack exists';
  const rows: Cell[][] = [
    ['verdict (exact)', verdict],
    [
      'best attack',
      a.bestAttack
        ? `${a.bestAttack.services.length} services, ${a.bestAttack.operators.length} operators, profit ${a.bestAttack.profit}, cost ${a.bestAttack.cost}`
        : 'none',
    ],
    ['best attack exact', String(a.exact?.bestAttack ?? '')],
    ['slack γ*', a.slack === null ? 'null (no coalition can attack)' : exactFigure(a.slack)],
    [
      'slack γ* exact',
      a.exact?.slack === false
        ? { html: `false (proven ≥ ${cellHtml(a.bounds?.slackLowerBound ? exactFigure(a.bounds.slackLowerBound) : 'n/a')})` }
        : String(a.exact?.slack ?? ''),
    ],
    [
      'per-operator condition',
      a.operatorCondition.holds
        ? 'holds for every operator'
        : `fails for ${failing.length} operators (e.g. ${failing.slice(0, 5).join(', ')})`,
    ],
    ['total stake', a.network?.totalStake ?? ''],
    ['total profit from corruption', a.network?.totalProfitFromCorruption ?? ''],
    [
      'solver budget',
      `${s.budget.nodesPerSolve} branch-and-bound nodes per solve${s.budget.timeLimitS !== null ? `, ${s.budget.timeLimitS} s` : ''}`,
    ],
  ];
  const cls = a.secure === false ? 'bad' : a.secure ? 'good' : 'warn';
  return `<p class="${cls}"><b>${esc(verdict)}</b></p>${htmlTable(['figure', 'value'], rows, { numeric: false })}`;
}

function contagionHtml(r: MonteCarloReport): string {
  const c = r.contagion;
  const order = c.services
    .map((_, i) => i)
    .sort((a, b) => (r.services[b]?.expectedLoss ?? 0) - (r.services[a]?.expectedLoss ?? 0) || a - b)
    .slice(0, 15);
  const labels = order.map((i) => c.services[i] ?? '');
  const share = (s: number, t: number) => {
    const v = c.matrix[s]?.[t];
    const w = r.services[t]?.exposure ?? 0;
    return v === null || v === undefined ? null : w > 0 ? v / w : 0;
  };
  const m = order.map((s) => order.map((t) => share(s, t)));
  return `<p>Cell (s, t): expected share of the stake securing <i>t</i> that is lost in the scenarios where service <i>s</i> faulted (15 services with the largest expected loss; darker = larger, hover for values). Grey: no fault of s observed. Off-diagonal cells are contagion through shared operators.</p>${heatmap(labels, m, (v) => pct(v, 2))}`;
}

function pricingHtml(p: PricingReport): string {
  const parts = [
    `<p>Target return ${pct(p.settings.targetReturn, 2)}, cost of capital ${pct(p.settings.costOfCapital, 1)}, tail level ${pct(p.settings.tailLevel, 1)}, loading ${pct(p.settings.loading, 1)} (docs/pricing.md).</p>`,
  ];
  if (p.positions.length > 0) {
    parts.push(
      htmlTable(
        [
          'position',
          'kind',
          'value',
          'fee yield',
          'E[loss] rate',
          'risk-adjusted yield',
          'return on risk capital',
          'full-cover premium',
          'rate on line',
        ],
        p.positions.map((x) => [
          x.id,
          x.kind,
          amount(x.value),
          pct(x.feeYield),
          pct(x.expectedLossRate),
          pct(x.riskAdjustedYield),
          x.returnOnRiskCapital === null ? '—' : pct(x.returnOnRiskCapital, 1),
          amount(x.fullCover.premium),
          pct(x.fullCover.rateOnLine),
        ]),
      ),
    );
  }
  if (p.covers.length > 0) {
    parts.push(
      '<h3>Insurance covers</h3>',
      htmlTable(
        ['pool', 'covered position', 'deductible', 'limit', 'E[claim]', 'ES claim', 'capital charge', 'premium', 'rate on line'],
        p.covers.map((c) => [
          c.pool,
          c.position,
          amount(c.deductible),
          amount(c.limit),
          amount(c.expectedClaim),
          amount(c.tailClaim),
          amount(c.capitalCharge),
          amount(c.premium),
          pct(c.rateOnLine),
        ]),
      ),
    );
  }
  const svcs = [...p.services].sort((a, b) => a.gap - b.gap || a.id.localeCompare(b.id));
  parts.push(
    '<h3>Service fees needed for the target return</h3>',
    barChart(
      svcs.slice(0, 15).map((s) => s.id),
      svcs.slice(0, 15).map((s) => s.requiredFee),
      (v) => pct(v, 2),
    ),
    htmlTable(
      ['service', 'fee paid', 'E[loss] rate of its stake', 'standalone fee', 'required fee', 'gap'],
      svcs.map((s) => [s.id, pct(s.feeRate), pct(s.expectedLossRate), pct(s.standaloneFee), pct(s.requiredFee), pct(s.gap)]),
    ),
  );
  return parts.join('');
}

function optimizeHtml(o: OptimizeReport | { error: string }): string {
  if ('error' in o) return `<p class="warn">${esc(o.error)}</p>`;
  const lvl = pct(o.settings.level, 1);
  const rows: [string, OptimizeReport['optimized']][] = [
    ['optimised (max fee − λ·CVaR)', o.optimized],
    ['equal weights', o.equalWeights],
  ];
  if (o.equalYieldMinRisk) rows.push(['min CVaR at ≥ equal-weight yield', o.equalYieldMinRisk]);
  return [
    `<p>${esc(`${o.settings.mode} mode, λ = ${o.settings.lambda}, CVaR ${lvl}, ${o.candidates} candidate (operator, service) pairs, ${o.scenarios} scenarios (plus ${o.scenarios} out of sample), budget ${amount(o.settings.budget)}; caps: pair ${pct(o.settings.maxPerPair, 0)}, operator ${pct(o.settings.maxPerOperator, 0)}, service ${pct(o.settings.maxPerService, 0)}.`)}</p>`,
    htmlTable(
      ['allocation', 'fee yield', 'E[loss]', `CVaR ${lvl}`, `CVaR ${lvl} out of sample`, 'fee − CVaR'],
      rows.map(([n, m]) => [
        n,
        pct(m.inSample.feeYield),
        pct(m.inSample.expectedLoss),
        pct(m.inSample.cvar),
        pct(m.outOfSample.cvar),
        pct(m.inSample.feeYield - m.inSample.cvar),
      ]),
    ),
    `<h3>CVaR ${lvl} (in sample)</h3>`,
    barChart(
      rows.map(([n]) => n),
      rows.map(([, m]) => m.inSample.cvar),
      (v) => pct(v, 2),
    ),
    `<h3>Recommended allocation (${o.allocation.length} pairs)</h3>`,
    htmlTable(
      ['operator', 'service', 'weight', 'amount'],
      o.allocation.slice(0, 40).map((l) => [l.operator, l.service, pct(l.weight, 2), amount(l.amount)]),
    ),
  ].join('');
}

function positionCharts(sim: MonteCarloReport): string {
  const last = sim.levels.length - 1;
  return sim.positions
    .slice(0, 8)
    .map((p) => {
      const v = p.valueAtRisk[last];
      const marks = v ? [{ label: `VaR ${pct(v.level, 1)}`, x: v.value, color: '#dc2626' }] : [];
      return `<h4>${esc(p.id)} (${esc(p.kind)})</h4>${histogramChart(p.histogram.edges, p.histogram.counts, marks, 520, 170)}`;
    })
    .join('');
}

const css = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#0f172a}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}th,td{border-bottom:1px solid #e2e8f0;padding:3px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.scroll{max-width:100%;overflow-x:auto}.exact{border-bottom:1px dotted #64748b;cursor:help}h2{border-bottom:2px solid #0f172a;padding-top:1rem}.good{color:#15803d}.bad{color:#b91c1c}.warn{color:#b45309}.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #cbd5e1;border-radius:6px;padding:.6rem 1rem}.card b{display:block;font-size:1.3rem}`;

/** The self-contained HTML risk report (inline CSS and SVG, no scripts, no network). */
export function renderHtml(r: RiskReport, source: string): string {
  const sim = r.simulation;
  const net = sim.network;
  const top = (l: readonly LossStats[]) => [...l].sort((a, b) => b.expectedLoss - a.expectedLoss || a.id.localeCompare(b.id)).slice(0, 15);
  const last = sim.levels.length - 1;
  const varL = net.valueAtRisk[last];
  const esL = net.expectedShortfall[last];
  const cards = [
    ['scenarios', sim.scenarios.toLocaleString('en-US')],
    ['slashable stake', amount(net.exposure)],
    ['expected loss / period', `${amount(net.expectedLoss)} (${pct(net.expectedLossRate, 2)})`],
    [`VaR ${pct(varL?.level ?? 0, 1)}`, amount(varL?.value ?? 0)],
    [`ES ${pct(esL?.level ?? 0, 1)}`, amount(esL?.value ?? 0)],
  ];
  const secLine = r.security.status === 'ok' ? '' : `<p class="warn">Security section left out: ${esc(r.security.note)}</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stakemesh risk report</title><style>${css}</style></head><body>
<h1>stakemesh risk report</h1><p>Scenario: <code>${esc(source)}</code>; seed ${sim.seed}.</p>${secLine}
<div class="cards">${cards.map(([k, v]) => `<div class="card">${esc(k ?? '')}<b>${esc(v ?? '')}</b></div>`).join('')}</div>
<h2>1. Security: cost of corruption and the most profitable attack</h2>${securityHtml(r.security)}
<h2>2. Correlated slashing losses per period (Monte Carlo)</h2>
<h3>Network loss distribution</h3>${histogramChart(sim.networkHistogram.edges, sim.networkHistogram.counts, net.valueAtRisk.map((v, i) => ({ label: `VaR ${pct(v.level, 1)}`, x: v.value, color: i === last ? '#dc2626' : '#f59e0b' })).concat(esL ? [{ label: `ES ${pct(esL.level, 1)}`, x: esL.value, color: '#7c3aed' }] : []))}
${lossTable([net], sim)}
<h3>Services: expected loss of the stake securing them</h3>${barChart(
    top(sim.services).map((s) => s.id),
    top(sim.services).map((s) => s.expectedLoss),
  )}${lossTable(top(sim.services), sim)}
<h3>Operators: expected loss</h3>${barChart(
    top(sim.operators).map((s) => s.id),
    top(sim.operators).map((s) => s.expectedLoss),
  )}${lossTable(top(sim.operators), sim)}
${sim.positions.length > 0 ? `<h3>Positions (look-through: stakers, vaults, LRTs, insurance pools)</h3>${lossTable(sim.positions, sim)}${positionCharts(sim)}` : ''}
<h3>Contagion between services</h3>${contagionHtml(sim)}
<h2>3. Pricing</h2>${pricingHtml(r.pricing)}
<h2>4. Recommended allocation</h2>${optimizeHtml(r.optimize)}
<p style="color:#64748b;font-size:12px">Operator and service VaR/ES come from a log-binned histogram (8 bins per octave, width ≤ 12.5 %); network and position figures are exact order statistics. Generated by stakemesh.</p>
</body></html>
`;
}
