import type { Json, JsonObject } from '../api';
import { Chart } from '../components/Chart';
import { Figure } from '../components/Figure';
import { JobState } from '../components/JobState';
import { Status } from '../components/Status';
import { formatNumber, formatPercent } from '../format';
import { obj, str } from '../metric';
import { href } from '../router';
import { useJob } from '../useJob';

/** The Monte Carlo job on the current state (SPEC §10): loss distribution with VaR / ES marked. */
export function Risk({ seq }: { seq: number }) {
  const mc = useJob('/v1/risk/montecarlo', seq);
  return (
    <section aria-labelledby="risk-title">
      <h1 id="risk-title">Monte Carlo loss distribution</h1>
      <p class="note">
        Correlated slashing losses of the network at the head, from a seeded Monte Carlo job (illustrative fault model; see
        docs/metrics.md). The <a href={href('prices')}>prices</a> and the <a href={href('allocations')}>recommended allocations</a> run on
        the same model.
      </p>
      {mc.state === 'error' && <Status loaded={mc} what="the Monte Carlo result" />}
      {mc.state === 'ok' && <JobState answer={mc.data} what="Monte Carlo" />}
      {mc.state === 'ok' && mc.data.status === 'done' && mc.data.result && <LossDistribution report={mc.data.result} />}
    </section>
  );
}

const numbers = (v: Json | undefined): number[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : Number(x))) : []);

/** Monte Carlo figures are statistics of a seeded sample. */
const estimate = { estimate: true };

function LossDistribution({ report }: { report: JsonObject }) {
  const net = obj(report.network);
  const hist = obj(report.networkHistogram);
  const edges = numbers(hist.edges);
  const counts = numbers(hist.counts);
  const bars = counts.map((c, i) => [edges[i] ?? 0, c] as [number, number]);
  const vars = Array.isArray(net.valueAtRisk) ? net.valueAtRisk.map(obj) : [];
  const ess = Array.isArray(net.expectedShortfall) ? net.expectedShortfall.map(obj) : [];
  const marks = [
    ...vars.map((v) => ({ name: `VaR ${str(v.level)}`, xAxis: Number(v.value) })),
    ...ess.map((v) => ({ name: `ES ${str(v.level)}`, xAxis: Number(v.value), lineStyle: { type: 'dashed' } })),
  ];
  return (
    <>
      <dl class="figures">
        <Figure label="Scenarios" name="mc.scenarios" value={str(report.scenarios)} text={str(report.scenarios)} proof={{ proven: true }} />
        <Figure label="Expected loss" name="mc.expectedLoss" value={str(net.expectedLoss)} proof={estimate} />
        <Figure
          label="P(loss > 0)"
          name="mc.probabilityOfLoss"
          value={str(net.probabilityOfLoss)}
          text={formatPercent(str(net.probabilityOfLoss))}
          proof={estimate}
        />
        {vars.map((v) => (
          <Figure
            key={`var${str(v.level)}`}
            label={`VaR ${formatPercent(str(v.level))}`}
            name={`mc.var ${str(v.level)}`}
            value={str(v.value)}
            proof={estimate}
          />
        ))}
        {ess.map((v) => (
          <Figure
            key={`es${str(v.level)}`}
            label={`ES ${formatPercent(str(v.level))}`}
            name={`mc.es ${str(v.level)}`}
            value={str(v.value)}
            proof={estimate}
          />
        ))}
      </dl>
      <p class="note">
        Monte Carlo figures are statistics of a seeded sample (standard error {formatNumber(str(net.stdError))}), not proofs.
      </p>
      <figure>
        <figcaption>Network loss per period (count of scenarios per loss bin; VaR solid, ES dashed)</figcaption>
        <Chart
          label={`Histogram of network loss over ${str(report.scenarios)} scenarios with VaR and expected shortfall marked`}
          option={{
            grid: { left: 60, right: 24, top: 24, bottom: 40 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'value', name: 'loss', scale: true },
            yAxis: { type: 'log', name: 'scenarios', min: 1 },
            series: [
              {
                type: 'bar',
                data: bars,
                barMaxWidth: 12,
                itemStyle: { color: '#2f6fb3' },
                markLine: { symbol: 'none', label: { formatter: '{b}', fontSize: 10 }, data: marks },
              },
            ],
          }}
        />
      </figure>
    </>
  );
}
