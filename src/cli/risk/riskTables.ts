import type { LossStats } from '../../risk/montecarlo/lossStats.js';
import type { MonteCarloReport } from '../../risk/montecarlo/simulate.js';
import type { OptimizeReport } from '../../risk/optimize/optimizeScenario.js';
import type { PricingReport } from '../../risk/pricing/priceScenario.js';
import { amount, pct, table } from './format.js';

function lossRows(list: readonly LossStats[]): string[][] {
  return list.map((s) => [
    s.id,
    amount(s.exposure),
    amount(s.expectedLoss),
    pct(s.expectedLossRate),
    ...s.valueAtRisk.map((v) => amount(v.value)),
    ...s.expectedShortfall.map((v) => amount(v.value)),
    ...s.exceedance.map((e) => pct(e.probability, 2)),
  ]);
}

function lossHeaders(first: string, r: MonteCarloReport): string[] {
  return [
    first,
    'exposure',
    'E[loss]',
    'E[loss]/exp',
    ...r.levels.map((l) => `VaR${(l * 100).toFixed(1)}`),
    ...r.levels.map((l) => `ES${(l * 100).toFixed(1)}`),
    ...r.thresholds.map((t) => `P(>${pct(t, t < 0.01 ? 1 : 0)})`),
  ];
}

/** One line on the positions derived from the ledger of a command-log network (and the bound, when it cut). */
function derivedNote(d: NonNullable<MonteCarloReport['derivedPositions']>): string {
  const names: Record<string, string> = {
    staker: 'staker',
    vault: 'vault',
    lrt: 'LRT',
    insurance: 'insurance pool',
    covered: 'covered exposure',
  };
  const parts = Object.entries(d.bySource).map(([k, n]) => `${n} ${names[k] ?? k}${n === 1 ? '' : 's'}`);
  const over = d.overridden.length > 0 ? `; hand-written positions replace ${d.overridden.join(', ')}` : '';
  const cut = d.truncated ? `; TRUNCATED at ${d.max} (derivedPositionsMax): ${d.notDerived} more ledger entities not derived` : '';
  return `Derived from the ledger: ${d.derived} positions (${parts.join(', ') || 'none'})${over}${cut}`;
}

/** Terminal view of a Monte Carlo run: network, top operators and services, positions, contagion. */
export function simulationTables(r: MonteCarloReport, top = 10): string {
  const byEl = (l: readonly LossStats[]) =>
    [...l].sort((a, b) => b.expectedLoss - a.expectedLoss || a.id.localeCompare(b.id)).slice(0, top);
  const out = [
    `Monte Carlo: ${r.scenarios.toLocaleString('en-US')} scenarios, seed ${r.seed}`,
    '',
    table(lossHeaders('network', r), lossRows([r.network])),
    '',
    `Services by expected loss of the stake securing them (top ${top}; VaR/ES binned):`,
    table(lossHeaders('service', r), lossRows(byEl(r.services))),
    '',
    `Operators by expected loss (top ${top}; VaR/ES binned):`,
    table(lossHeaders('operator', r), lossRows(byEl(r.operators))),
  ];
  if (r.positions.length > 0) out.push('', 'Positions (look-through, exact):', table(lossHeaders('position', r), lossRows(r.positions)));
  if (r.derivedPositions) out.push(derivedNote(r.derivedPositions));
  const pairs: [string, string, number][] = [];
  r.contagion.matrix.forEach((row, s) =>
    row?.forEach((v, t) => s !== t && v > 0 && pairs.push([r.contagion.services[s] ?? '', r.contagion.services[t] ?? '', v])),
  );
  pairs.sort((a, b) => b[2] - a[2]);
  if (pairs.length > 0) {
    out.push('', `Contagion: expected loss on the stake securing t given a fault in s (top ${top} pairs):`);
    out.push(
      table(
        ['fault in s', 'stake of t', 'E[loss | fault s]'],
        pairs.slice(0, top).map(([s, t, v]) => [s, t, amount(v)]),
      ),
    );
  }
  return out.join('\n');
}

export function pricingTables(p: PricingReport, top = 10): string {
  const out = [
    `Pricing: target return ${pct(p.settings.targetReturn, 2)}, cost of capital ${pct(p.settings.costOfCapital, 1)}, tail ES${(p.settings.tailLevel * 100).toFixed(1)}`,
  ];
  if (p.positions.length > 0) {
    out.push(
      '',
      table(
        ['position', 'kind', 'value', 'fee yield', 'E[loss] rate', 'risk-adj yield', 'full-cover premium', 'rate on line'],
        p.positions.map((x) => [
          x.id,
          x.kind,
          amount(x.value),
          pct(x.feeYield),
          pct(x.expectedLossRate),
          pct(x.riskAdjustedYield),
          amount(x.fullCover.premium),
          pct(x.fullCover.rateOnLine),
        ]),
      ),
    );
  }
  if (p.covers.length > 0) {
    out.push(
      '',
      'Insurance covers:',
      table(
        ['pool', 'covered', 'deductible', 'limit', 'E[claim]', 'ES claim', 'capital charge', 'premium'],
        p.covers.map((c) => [
          c.pool,
          c.position,
          amount(c.deductible),
          amount(c.limit),
          amount(c.expectedClaim),
          amount(c.tailClaim),
          amount(c.capitalCharge),
          amount(c.premium),
        ]),
      ),
    );
  }
  const svcs = [...p.services].sort((a, b) => a.gap - b.gap || a.id.localeCompare(b.id)).slice(0, top);
  out.push(
    '',
    `Service fees (most underpaying first, top ${top}):`,
    table(
      ['service', 'fee', 'E[loss] rate', 'standalone fee', 'required fee', 'gap'],
      svcs.map((s) => [s.id, pct(s.feeRate), pct(s.expectedLossRate), pct(s.standaloneFee), pct(s.requiredFee), pct(s.gap)]),
    ),
  );
  return out.join('\n');
}

export function optimizeTables(o: OptimizeReport, top = 15): string {
  const m = (x: { feeYield: number; expectedLoss: number; cvar: number }) => [pct(x.feeYield), pct(x.expectedLoss), pct(x.cvar)];
  const rows = [
    ['optimised (max fee − λ·CVaR)', ...m(o.optimized.inSample), pct(o.optimized.outOfSample.cvar)],
    ['equal weights', ...m(o.equalWeights.inSample), pct(o.equalWeights.outOfSample.cvar)],
  ];
  if (o.equalYieldMinRisk)
    rows.push(['min CVaR at ≥ equal-weight yield', ...m(o.equalYieldMinRisk.inSample), pct(o.equalYieldMinRisk.outOfSample.cvar)]);
  const lvl = (o.settings.level * 100).toFixed(1);
  return [
    `Allocation optimiser: ${o.settings.mode} mode, λ = ${o.settings.lambda}, CVaR${lvl}, ${o.candidates} candidate pairs, ${o.scenarios} scenarios (+ ${o.scenarios} out of sample), budget ${amount(o.settings.budget)}`,
    '',
    table(['allocation', 'fee yield', 'E[loss]', `CVaR${lvl}`, `CVaR${lvl} out of sample`], rows),
    '',
    `Recommended allocation (top ${top} of ${o.allocation.length}):`,
    table(
      ['operator', 'service', 'weight', 'amount'],
      o.allocation.slice(0, top).map((l) => [l.operator, l.service, pct(l.weight, 2), amount(l.amount)]),
    ),
  ].join('\n');
}
