import { api, type Json, type JsonObject } from '../api';
import { Chart } from '../components/Chart';
import { Figure, ProofBadge } from '../components/Figure';
import { JobState } from '../components/JobState';
import { Num, numKey } from '../components/Num';
import { Status } from '../components/Status';
import { Table } from '../components/Table';
import { formatNumber } from '../format';
import { obj, str } from '../metric';
import { href } from '../router';
import { useApi } from '../useApi';
import { useJob, type JobAnswer } from '../useJob';

const estimate = { estimate: true };
const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.map((x) => obj(x)) : []);

/** The vaults and LRTs whose allocation the optimiser can recommend (those of the live metrics). */
export function AllocationsPage({ seq }: { seq: number }) {
  const risk = useApi((s) => api.risk(s), [seq]);
  const targets =
    risk.state === 'ok'
      ? [...Object.keys(obj(risk.data.vaults)).map((id) => ['vault', id]), ...Object.keys(obj(risk.data.lrts)).map((id) => ['lrt', id])]
      : [];
  return (
    <section aria-labelledby="alloc-title">
      <h1 id="alloc-title">Recommended allocations</h1>
      <p class="note">
        For a vault or an LRT: the allocation across (operator, set) pairs that maximises fee yield − λ·CVaR on sampled correlated slashing
        scenarios (linear program, illustrative fault model), next to its current look-through allocation.
      </p>
      <Status loaded={risk} what="the vaults and LRTs" />
      {risk.state === 'ok' && (
        <ul data-targets={targets.length}>
          {targets.map(([kind, id]) => (
            <li key={`${kind}/${id}`}>
              <a href={href('allocations', id)}>{id}</a> ({kind === 'lrt' ? 'LRT' : 'vault'})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface PairRow {
  operator: string;
  service: string;
  current: Json | undefined;
  recommended: Json | undefined;
  delta: Json | undefined;
}

/** Current vs recommended allocation of one vault or LRT: what to move, risk and yield before and after. */
export function AllocationPage({ id, seq }: { id: string; seq: number }) {
  const job = useJob(`/v1/risk/allocations/${encodeURIComponent(id)}`, seq);
  const target = job.state === 'ok' ? obj(job.data.target as Json) : {};
  const kind = str(target.kind);
  return (
    <section aria-labelledby="alloc-title">
      <h1 id="alloc-title">
        Allocation of {kind === 'lrt' ? 'LRT' : 'vault'} {id}
      </h1>
      <p class="note">
        Current: the look-through slashable exposure per (operator, set) at the head (
        <a href={href(kind === 'lrt' ? 'lrts' : 'vaults', id)}>its page</a>). Recommended: maximise fee yield − λ·CVaR with the same budget;
        both are valued on the optimiser's sampled scenarios, so before and after are <ProofBadge proof={estimate} /> figures.
      </p>
      {job.state === 'error' && <Status loaded={job} what={`the allocation of ${id}`} />}
      {job.state === 'ok' && <JobState answer={job.data} what="Allocation" />}
      {job.state === 'ok' && job.data.status === 'done' && job.data.result && <Comparison answer={job.data} report={job.data.result} />}
    </section>
  );
}

function pairRows(answer: JobAnswer, report: JsonObject): PairRow[] {
  const rows = new Map<string, PairRow>();
  const at = (operator: string, service: string): PairRow => {
    const k = `${operator}\u0000${service}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { operator, service, current: undefined, recommended: undefined, delta: undefined }));
    return r;
  };
  for (const c of list(answer.current)) at(str(c.operator), str(c.service)).current = c.amount;
  for (const a of list(report.allocation)) at(str(a.operator), str(a.service)).recommended = a.amount;
  for (const m of list(obj(report.diff).moves)) at(str(m.operator), str(m.service)).delta = m.delta;
  return [...rows.values()];
}

const metricRows = [
  ['feeYield', 'Fee yield'],
  ['expectedLoss', 'Expected loss'],
  ['valueAtRisk', 'VaR'],
  ['cvar', 'CVaR (ES)'],
  ['riskAdjustedYield', 'Risk-adjusted yield'],
] as const;

function Comparison({ answer, report }: { answer: JobAnswer; report: JsonObject }) {
  const diff = obj(report.diff);
  const settings = obj(report.settings);
  const rows = pairRows(answer, report);
  return (
    <>
      <dl class="figures">
        <Figure label="Budget (current exposure)" name="alloc.budget" value={str(diff.budget)} />
        <Figure
          label="Share of the budget moved"
          name="alloc.movedShare"
          value={str(diff.movedShare)}
          text={pct(diff.movedShare)}
          proof={estimate}
        />
        <Figure label="Pairs that change" name="alloc.moves" value={str(list(diff.moves).length)} />
        <Figure label="Risk aversion λ" name="alloc.lambda" value={str(settings.lambda)} />
        <Figure label="CVaR level" name="alloc.level" value={str(settings.level)} />
        <Figure label="Scenarios" name="alloc.scenarios" value={str(report.scenarios)} />
      </dl>
      <MetricsTable before={obj(diff.before)} after={obj(diff.after)} />
      <p class="note">
        Caps: at most {pct(settings.maxPerPair)} of the budget per pair, {pct(settings.maxPerOperator)} per operator,{' '}
        {pct(settings.maxPerService)} per service ({str(settings.mode)} mode).
      </p>
      <PairChart rows={rows} />
      <MoveTable rows={rows} />
    </>
  );
}

function MetricsTable({ before, after }: { before: JsonObject; after: JsonObject }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>Risk and yield per unit of budget, before and after (estimates)</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" class="num">
              Current
            </th>
            <th scope="col" class="num">
              Recommended
            </th>
          </tr>
        </thead>
        <tbody>
          {metricRows.map(([k, l]) => (
            <tr key={k}>
              <th scope="row">{l}</th>
              <td class="num">
                <Num name={`before.${k}`} value={before[k]} percent />
              </td>
              <td class="num">
                <Num name={`after.${k}`} value={after[k]} percent />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PairChart({ rows }: { rows: PairRow[] }) {
  const label = (r: PairRow) => `${r.operator} · ${r.service}`;
  return (
    <figure>
      <figcaption>Current and recommended amount per (operator, set)</figcaption>
      <Chart
        label={`Bar chart of the current and the recommended amount on each of ${rows.length} operator and set pairs`}
        height={Math.max(200, 40 + rows.length * 30)}
        option={{
          grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(String(v)), hideOverlap: true } },
          yAxis: { type: 'category', data: rows.map(label), axisLabel: { width: 150, overflow: 'truncate' } },
          series: [
            { name: 'current', type: 'bar', data: rows.map((r) => r.current ?? 0), itemStyle: { color: '#8a93a0' } },
            { name: 'recommended', type: 'bar', data: rows.map((r) => r.recommended ?? 0), itemStyle: { color: '#2f6fb3' } },
          ],
        }}
      />
    </figure>
  );
}

function MoveTable({ rows }: { rows: PairRow[] }) {
  return (
    <Table
      caption="What to move, per operator and set"
      rows={rows}
      rowKey={(r) => `${r.operator}/${r.service}`}
      initialSort={{ key: 'delta', desc: true }}
      columns={[
        {
          key: 'operator',
          label: 'Operator',
          sort: (r) => r.operator,
          render: (r) => <a href={href('operators', r.operator)}>{r.operator}</a>,
        },
        {
          key: 'service',
          label: 'Operator set',
          sort: (r) => r.service,
          render: (r) => <a href={href('services', r.service)}>{r.service}</a>,
        },
        pairColumn('current', 'Current'),
        pairColumn('recommended', 'Recommended'),
        {
          key: 'delta',
          label: 'Move',
          numeric: true,
          sort: (r) => numKey(r.delta),
          render: (r) => (r.delta === undefined ? 'none' : <Num name={`pair:${r.operator}:${r.service}:delta`} value={r.delta} />),
        },
      ]}
    />
  );
}

function pairColumn(key: 'current' | 'recommended', label: string) {
  return {
    key,
    label,
    numeric: true,
    sort: (r: PairRow) => numKey(r[key]),
    render: (r: PairRow) => <Num name={`pair:${r.operator}:${r.service}:${key}`} value={r[key] ?? 0} />,
  };
}

function pct(v: Json | undefined): string {
  return typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—';
}
