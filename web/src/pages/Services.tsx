import { api, type JsonObject } from '../api';
import { Chart } from '../components/Chart';
import { Figure, ProofBadge } from '../components/Figure';
import { Status } from '../components/Status';
import { num, Table, type Column } from '../components/Table';
import { formatNumber, formatPercent, toNumber } from '../format';
import { metric, obj } from '../metric';
import { href } from '../router';
import { useApi } from '../useApi';

type Row = { id: string; m: JsonObject };

function cell(m: JsonObject, name: string, pct = false) {
  const f = metric(m, name);
  const v = typeof f.value === 'string' ? f.value : f.value === null ? null : String(f.value);
  return (
    <span data-value={v ?? ''} title={v ?? ''}>
      {pct ? formatPercent(v) : typeof f.value === 'number' ? f.value : formatNumber(v)}
      {f.proof && !f.proof.proven ? <ProofBadge proof={f.proof} /> : null}
    </span>
  );
}

const sortBy = (name: string) => (r: Row) => {
  const v = metric(r.m, name).value;
  return typeof v === 'number' ? v : num(typeof v === 'string' ? v : null);
};

export function ServicesPage({ seq }: { seq: number }) {
  const risk = useApi((s) => api.risk(s), [seq]);
  const rows: Row[] = risk.state === 'ok' ? Object.entries(obj(risk.data.services)).map(([id, m]) => ({ id, m: obj(m) })) : [];
  const columns: Column<Row>[] = [
    { key: 'id', label: 'Service', sort: (r) => r.id, render: (r) => <a href={href('services', r.id)}>{r.id}</a> },
    { key: 'stake', label: 'Stake securing it', numeric: true, sort: sortBy('stake'), render: (r) => cell(r.m, 'stake') },
    { key: 'pfc', label: 'Profit from corruption', numeric: true, sort: sortBy('pfc'), render: (r) => cell(r.m, 'pfc') },
    {
      key: 'cost',
      label: 'Cost to corrupt alone',
      numeric: true,
      sort: sortBy('costToCorrupt'),
      render: (r) => cell(r.m, 'costToCorrupt'),
    },
    { key: 'margin', label: 'Margin', numeric: true, sort: sortBy('margin'), render: (r) => cell(r.m, 'margin', true) },
    { key: 'nakamoto', label: 'Nakamoto', numeric: true, sort: sortBy('nakamoto'), render: (r) => cell(r.m, 'nakamoto') },
    {
      key: 'top',
      label: 'Top operator share',
      numeric: true,
      sort: sortBy('topOperatorShare'),
      render: (r) => cell(r.m, 'topOperatorShare', true),
    },
  ];
  return (
    <section aria-labelledby="services-title">
      <h1 id="services-title">Services</h1>
      <Status loaded={risk} what="service metrics" />
      <Table
        caption="Services, lowest margin first"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        initialSort={{ key: 'margin', desc: false }}
      />
    </section>
  );
}

export function ServicePage({ id, seq }: { id: string; seq: number }) {
  const m = useApi((s) => api.riskOf('services', id, s), [id, seq]);
  const net = useApi((s) => api.network(s), [seq]);
  const data = m.state === 'ok' ? obj(m.data) : {};
  const edges = net.state === 'ok' ? net.data.allocations.filter((a) => a.service === id) : [];
  const figs: [string, string, boolean?][] = [
    ['Stake securing it', 'stake'],
    ['Profit from corruption', 'pfc'],
    ['Cost to corrupt it alone', 'costToCorrupt'],
    ['Margin (cost / PfC − 1)', 'margin', true],
    ['Nakamoto coefficient', 'nakamoto'],
    ['Top operator share', 'topOperatorShare', true],
    ['Contagion out', 'contagionOut'],
    ['Contagion in', 'contagionIn'],
  ];
  return (
    <section aria-labelledby="service-title">
      <h1 id="service-title">Service {id}</h1>
      <Status loaded={m} what={`service ${id}`} />
      <dl class="figures">
        {figs.map(([label, name, pct]) => {
          const f = metric(data, name);
          return (
            <Figure
              key={name}
              label={label}
              name={name}
              value={f.value}
              proof={f.proof}
              text={pct && typeof f.value === 'string' ? formatPercent(f.value) : undefined}
            />
          );
        })}
      </dl>
      {m.state === 'ok' && <CorruptionChart data={data} />}
      <ServiceOperators id={id} edges={edges} />
    </section>
  );
}

function CorruptionChart({ data }: { data: JsonObject }) {
  const bars = ['stake', 'pfc', 'costToCorrupt'].map((n) => {
    const v = metric(data, n).value;
    return toNumber(typeof v === 'string' ? v : null);
  });
  return (
    <figure>
      <figcaption>Stake securing the service against what corrupting it would pay</figcaption>
      <Chart
        height={220}
        label={`Bars: stake ${bars[0]}, profit from corruption ${bars[1]}, cost to corrupt ${bars[2]}`}
        option={{
          grid: { left: 170, right: 24, top: 8, bottom: 24 },
          tooltip: {},
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: ['Stake securing it', 'Profit from corruption', 'Cost to corrupt alone'] },
          series: [{ type: 'bar', data: bars, itemStyle: { color: '#2f6fb3' } }],
        }}
      />
    </figure>
  );
}

function ServiceOperators({ id, edges }: { id: string; edges: { operator: string; amount: string }[] }) {
  return (
    <Table
      caption={`Operators securing ${id}`}
      rows={edges}
      rowKey={(e) => e.operator}
      initialSort={{ key: 'amount', desc: true }}
      columns={[
        {
          key: 'op',
          label: 'Operator',
          sort: (e) => e.operator,
          render: (e) => <a href={href('operators', e.operator)}>{e.operator}</a>,
        },
        {
          key: 'amount',
          label: 'Slashable stake',
          numeric: true,
          sort: (e) => num(e.amount),
          render: (e) => (
            <span data-value={e.amount} title={e.amount}>
              {formatNumber(e.amount)}
            </span>
          ),
        },
      ]}
    />
  );
}
