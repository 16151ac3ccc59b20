import { getJson, type Json, type JsonObject } from '../api';
import { Chart } from '../components/Chart';
import { Figure } from '../components/Figure';
import { Status } from '../components/Status';
import { num, Table } from '../components/Table';
import { formatNumber, formatPercent } from '../format';
import { obj, str } from '../metric';
import { href } from '../router';
import { useApi } from '../useApi';

/**
 * The results of the exact risk jobs on the current state (SPEC §10): Monte Carlo loss
 * distribution with VaR / ES, prices, and the recommended allocation against the current one.
 * Each answer is `{ status, stateHash, result }`; status says whether a job has run on this state.
 */
type JobAnswer = { status: string; stateHash?: string; result?: JsonObject | null; progress?: number };

const numbers = (v: Json | undefined): number[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : Number(x))) : []);

export function Risk({ seq }: { seq: number }) {
  const mc = useApi((s) => getJson<JobAnswer>('/v1/risk/montecarlo', s), [seq]);
  const prices = useApi((s) => getJson<JobAnswer>('/v1/risk/prices', s), [seq]);
  const alloc = useApi((s) => getJson<JobAnswer>('/v1/risk/allocation', s), [seq]);
  return (
    <section aria-labelledby="risk-title">
      <h1 id="risk-title">Loss distribution, prices and allocation</h1>
      <h2>Monte Carlo loss distribution</h2>
      <Status loaded={mc} what="the Monte Carlo result" />
      {mc.state === 'ok' && <JobState answer={mc.data} />}
      {mc.state === 'ok' && mc.data.result && <LossDistribution report={mc.data.result} />}
      <h2>Prices</h2>
      <Status loaded={prices} what="prices" />
      {prices.state === 'ok' && <JobState answer={prices.data} />}
      {prices.state === 'ok' && prices.data.result && <Prices report={prices.data.result} />}
      <h2>Recommended allocation</h2>
      <Status loaded={alloc} what="the recommended allocation" />
      {alloc.state === 'ok' && <JobState answer={alloc.data} />}
      {alloc.state === 'ok' && alloc.data.result && <Allocation report={alloc.data.result} />}
    </section>
  );
}

function JobState({ answer }: { answer: JobAnswer }) {
  if (answer.status === 'done') return <p class="note">Computed on state {str(answer.stateHash).slice(0, 12)}… (exact job result).</p>;
  const pct = answer.progress === undefined ? '' : ` (${(answer.progress * 100).toFixed(0)} %)`;
  return (
    <p class="note" role="status">
      Job {answer.status}
      {pct}; figures appear when it has run on the current state.
    </p>
  );
}

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
        <Figure label="Expected loss" name="mc.expectedLoss" value={str(net.expectedLoss)} />
        <Figure label="P(loss > 0)" name="mc.probabilityOfLoss" value={str(net.probabilityOfLoss)} text={formatPercent(str(net.probabilityOfLoss))} />
        {vars.map((v) => (
          <Figure key={`var${str(v.level)}`} label={`VaR ${formatPercent(str(v.level))}`} name={`mc.var ${str(v.level)}`} value={str(v.value)} />
        ))}
        {ess.map((v) => (
          <Figure key={`es${str(v.level)}`} label={`ES ${formatPercent(str(v.level))}`} name={`mc.es ${str(v.level)}`} value={str(v.value)} />
        ))}
      </dl>
      <p class="note">Monte Carlo figures are statistics of a seeded sample (standard error {formatNumber(str(net.stdError))}), not proofs.</p>
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

function Prices({ report }: { report: JsonObject }) {
  const services = Array.isArray(report.services) ? report.services.map(obj) : [];
  const positions = Array.isArray(report.positions) ? report.positions.map(obj) : [];
  const n = (o: JsonObject, k: string) => str(o[k]);
  return (
    <>
      <Table
        caption="Service fees needed for the target risk-adjusted return"
        rows={services}
        rowKey={(r) => str(r.id ?? r.service)}
        columns={[
          { key: 'id', label: 'Service', sort: (r: JsonObject) => str(r.id ?? r.service), render: (r: JsonObject) => <a href={href('services', str(r.id ?? r.service))}>{str(r.id ?? r.service)}</a> },
          ...Object.keys(services[0] ?? {})
            .filter((k) => k !== 'id' && k !== 'service' && typeof services[0]?.[k] !== 'object')
            .map((k) => ({ key: k, label: k, numeric: true, sort: (r: JsonObject) => num(n(r, k)), render: (r: JsonObject) => <span data-value={n(r, k)}>{formatNumber(n(r, k))}</span> })),
        ]}
      />
      <Table
        caption="Positions: risk-adjusted yield and full-cover premium"
        rows={positions}
        rowKey={(r) => str(r.id)}
        initialSort={{ key: 'ray', desc: false }}
        columns={[
          { key: 'id', label: 'Position', sort: (r) => str(r.id), render: (r) => str(r.id) },
          { key: 'kind', label: 'Kind', render: (r) => str(r.kind) },
          { key: 'fee', label: 'Fee yield', numeric: true, sort: (r) => num(n(r, 'feeYield')), render: (r) => formatPercent(n(r, 'feeYield')) },
          { key: 'el', label: 'Expected loss rate', numeric: true, sort: (r) => num(n(r, 'expectedLossRate')), render: (r) => formatPercent(n(r, 'expectedLossRate')) },
          { key: 'ray', label: 'Risk-adjusted yield', numeric: true, sort: (r) => num(n(r, 'riskAdjustedYield')), render: (r) => formatPercent(n(r, 'riskAdjustedYield')) },
          { key: 'premium', label: 'Full-cover premium', numeric: true, render: (r) => formatNumber(str(obj(r.fullCover).premium)) },
        ]}
      />
    </>
  );
}

function Allocation({ report }: { report: JsonObject }) {
  const rec = Array.isArray(report.allocation) ? report.allocation.map(obj) : [];
  const current = Array.isArray(report.current) ? report.current.map(obj) : [];
  const cur = new Map(current.map((c) => [`${str(c.operator)}/${str(c.service)}`, Number(c.weight)]));
  const rows = rec.map((r) => ({ operator: str(r.operator), service: str(r.service), weight: Number(r.weight), current: cur.get(`${str(r.operator)}/${str(r.service)}`) ?? 0 }));
  const opt = obj(obj(report.optimized).outOfSample);
  const eq = obj(obj(report.equalWeights).outOfSample);
  return (
    <>
      <dl class="figures">
        {Object.keys(opt).map((k) => (
          <Figure key={k} label={`${k} (recommended / equal weights)`} name={`alloc.${k}`} value={str(opt[k])} text={`${formatNumber(str(opt[k]))} / ${formatNumber(str(eq[k]))}`} />
        ))}
      </dl>
      <Table
        caption="Recommended weight per (operator, service) against the current allocation"
        rows={rows}
        rowKey={(r) => `${str(r.operator)}/${str(r.service)}`}
        initialSort={{ key: 'weight', desc: true }}
        columns={[
          { key: 'op', label: 'Operator', sort: (r) => str(r.operator), render: (r) => <a href={href('operators', str(r.operator))}>{str(r.operator)}</a> },
          { key: 'svc', label: 'Service', sort: (r) => str(r.service), render: (r) => <a href={href('services', str(r.service))}>{str(r.service)}</a> },
          { key: 'weight', label: 'Recommended', numeric: true, sort: (r) => Number(r.weight), render: (r) => formatPercent(str(r.weight)) },
          { key: 'current', label: 'Current', numeric: true, sort: (r) => r.current, render: (r) => formatPercent(String(r.current)) },
          { key: 'move', label: 'Move', numeric: true, sort: (r) => Number(r.weight) - r.current, render: (r) => formatPercent(String(Number(r.weight) - r.current)) },
        ]}
      />
    </>
  );
}
