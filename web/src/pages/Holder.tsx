import { api, type Json, type JsonObject } from '../api';
import { Chart } from '../components/Chart';
import { Figure } from '../components/Figure';
import { Status } from '../components/Status';
import { num, Table } from '../components/Table';
import { formatNumber, toNumber } from '../format';
import { obj, str } from '../metric';
import { href } from '../router';
import { useApi } from '../useApi';

interface ExposureRow {
  operator: string;
  set: string;
  amount: string;
}

/** Exposure rows from a staker view (`exposure.rows`) or a metrics object (`byOperator[op][set]`). */
function exposureRows(entity: JsonObject, metrics: JsonObject): ExposureRow[] {
  const rows = obj(entity.exposure).rows;
  if (Array.isArray(rows)) return rows.map((r) => ({ operator: str(obj(r).operator), set: str(obj(r).set), amount: str(obj(r).amount) }));
  const out: ExposureRow[] = [];
  for (const [operator, bySet] of Object.entries(obj(metrics.byOperator)))
    for (const [set, f] of Object.entries(obj(bySet))) out.push({ operator, set, amount: str(obj(f).value as Json) });
  return out;
}

/** Staker, vault and LRT pages: look-through slashable exposure as a sunburst (operator → set). */
export function HolderPage({ kind, id, seq }: { kind: 'stakers' | 'vaults' | 'lrts'; id: string; seq: number }) {
  const entity = useApi((s) => api.entity(kind, id, s), [kind, id, seq]);
  const risk = useApi((s) => api.risk(s), [seq]);
  const e = entity.state === 'ok' ? obj(entity.data) : {};
  const metrics = risk.state === 'ok' && kind !== 'stakers' ? obj(obj(risk.data[kind])[id]) : {};
  const rows = exposureRows(e, metrics);
  const total = str(obj(e.exposure).total as Json) || str(obj(metrics.total).value as Json);
  const byOp = new Map<string, ExposureRow[]>();
  for (const r of rows) byOp.set(r.operator, [...(byOp.get(r.operator) ?? []), r]);
  const tree = [...byOp].map(([op, rs]) => ({ name: op, children: rs.map((r) => ({ name: r.set, value: toNumber(r.amount) })) }));
  const title = kind === 'stakers' ? 'Staker' : kind === 'vaults' ? 'Vault' : 'LRT';
  return (
    <section aria-labelledby="holder-title">
      <h1 id="holder-title">
        {title} {id}
      </h1>
      <Status loaded={entity} what={`${title.toLowerCase()} ${id}`} />
      {kind !== 'stakers' && (
        <p>
          <a href={href('allocations', id)}>Recommended allocation vs current</a>
        </p>
      )}
      <dl class="figures">
        <Figure label="Look-through slashable exposure" name="exposureTotal" value={total || null} />
        {kind === 'stakers' && (
          <Figure label="Delegated to" name="delegatedTo" value={str(e.delegatedTo)} text={str(e.delegatedTo) || 'nobody'} />
        )}
        <Figure label="Operators exposed to" name="exposureOperators" value={byOp.size} />
      </dl>
      {rows.length > 0 && (
        <figure>
          <figcaption>Exposure by operator (inner ring) and operator set (outer ring)</figcaption>
          <Chart
            label={`Sunburst of exposure over ${byOp.size} operators and ${rows.length} operator sets`}
            option={{
              tooltip: {},
              series: [{ type: 'sunburst', data: tree, radius: ['15%', '90%'], label: { fontSize: 10, minAngle: 8 } }],
            }}
          />
        </figure>
      )}
      <Table
        caption="Exposure per operator and set"
        rows={rows}
        rowKey={(r) => `${r.operator}/${r.set}`}
        initialSort={{ key: 'amount', desc: true }}
        columns={[
          {
            key: 'operator',
            label: 'Operator',
            sort: (r) => r.operator,
            render: (r) => <a href={href('operators', r.operator)}>{r.operator}</a>,
          },
          { key: 'set', label: 'Operator set', sort: (r) => r.set, render: (r) => <a href={href('services', r.set)}>{r.set}</a> },
          {
            key: 'amount',
            label: 'Exposure',
            numeric: true,
            sort: (r) => num(r.amount),
            render: (r) => (
              <span data-value={r.amount} title={r.amount}>
                {formatNumber(r.amount)}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
