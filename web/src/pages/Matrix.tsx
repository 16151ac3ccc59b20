import { useMemo, useState } from 'preact/hooks';
import { api, type NetworkView } from '../api';
import { Chart } from '../components/Chart';
import { Status } from '../components/Status';
import { toNumber } from '../format';
import { useApi } from '../useApi';

type OperatorOrder = 'stake' | 'id' | 'services';
type ServiceOrder = 'stake' | 'id' | 'pfc';

/** Rows visible at once before the y axis scrolls (dataZoom), so 2,000 operators stay legible. */
const rowsVisible = 60;

export function Matrix({ seq }: { seq: number }) {
  const net = useApi((s) => api.network(s), [seq]);
  const [opOrder, setOpOrder] = useState<OperatorOrder>('stake');
  const [svcOrder, setSvcOrder] = useState<ServiceOrder>('stake');
  const [filter, setFilter] = useState('');
  const [renderMs, setRenderMs] = useState<number | null>(null);
  return (
    <section aria-labelledby="matrix-title">
      <h1 id="matrix-title">Operator × service matrix</h1>
      <p>Slashable stake each operator has allocated to each service, in the numeraire.</p>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Operators by{' '}
          <select value={opOrder} onChange={(e) => setOpOrder((e.currentTarget as HTMLSelectElement).value as OperatorOrder)}>
            <option value="stake">stake</option>
            <option value="services">number of services</option>
            <option value="id">id</option>
          </select>
        </label>
        <label>
          Services by{' '}
          <select value={svcOrder} onChange={(e) => setSvcOrder((e.currentTarget as HTMLSelectElement).value as ServiceOrder)}>
            <option value="stake">stake securing it</option>
            <option value="pfc">profit from corruption</option>
            <option value="id">id</option>
          </select>
        </label>
        <label>
          Filter operators or services{' '}
          <input type="search" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </form>
      <Status loaded={net} what="the network" />
      {net.state === 'ok' && <MatrixChart net={net.data} opOrder={opOrder} svcOrder={svcOrder} filter={filter} onRendered={setRenderMs} />}
      <p class="note" data-matrix-render-ms={renderMs ?? ''}>
        {renderMs === null ? '' : `Drawn in ${renderMs.toFixed(0)} ms.`}
      </p>
    </section>
  );
}

interface Cells {
  operators: string[];
  services: string[];
  data: [number, number, number][];
  max: number;
  count: number;
}

function cells(net: NetworkView, opOrder: OperatorOrder, svcOrder: ServiceOrder, filter: string): Cells {
  const q = filter.trim().toLowerCase();
  const stakeOf = new Map(net.operators.map((o) => [o.id, toNumber(o.stake)]));
  const svcStake = new Map<string, number>();
  const opServices = new Map<string, number>();
  for (const a of net.allocations) {
    svcStake.set(a.service, (svcStake.get(a.service) ?? 0) + toNumber(a.amount));
    opServices.set(a.operator, (opServices.get(a.operator) ?? 0) + 1);
  }
  const keep = (a: { operator: string; service: string }) =>
    q === '' || a.operator.toLowerCase().includes(q) || a.service.toLowerCase().includes(q);
  const allocs = net.allocations.filter(keep);
  const opSet = new Set(allocs.map((a) => a.operator));
  const svcSet = new Set(allocs.map((a) => a.service));
  const pfc = new Map(net.services.map((s) => [s.id, toNumber(s.profitFromCorruption)]));
  const ops = [...opSet].sort((a, b) =>
    opOrder === 'id'
      ? a.localeCompare(b)
      : opOrder === 'services'
        ? (opServices.get(b) ?? 0) - (opServices.get(a) ?? 0)
        : (stakeOf.get(b) ?? 0) - (stakeOf.get(a) ?? 0),
  );
  const svcs = [...svcSet].sort((a, b) =>
    svcOrder === 'id'
      ? a.localeCompare(b)
      : svcOrder === 'pfc'
        ? (pfc.get(b) ?? 0) - (pfc.get(a) ?? 0)
        : (svcStake.get(b) ?? 0) - (svcStake.get(a) ?? 0),
  );
  // ECharts draws category 0 at the bottom: reverse so the first operator is the top row.
  ops.reverse();
  const row = new Map(ops.map((o, i) => [o, i]));
  const col = new Map(svcs.map((s, i) => [s, i]));
  let max = 0;
  const data: [number, number, number][] = [];
  for (const a of allocs) {
    const v = toNumber(a.amount);
    if (v > max) max = v;
    data.push([col.get(a.service) ?? 0, row.get(a.operator) ?? 0, v]);
  }
  return { operators: ops, services: svcs, data, max, count: allocs.length };
}

function MatrixChart(props: {
  net: NetworkView;
  opOrder: OperatorOrder;
  svcOrder: ServiceOrder;
  filter: string;
  onRendered: (ms: number) => void;
}) {
  const c = useMemo(
    () => cells(props.net, props.opOrder, props.svcOrder, props.filter),
    [props.net, props.opOrder, props.svcOrder, props.filter],
  );
  const many = c.operators.length > rowsVisible;
  // Memoised: a new option object would redraw the chart, report a render time, re-render, redraw…
  const option = useMemo(
    () => ({
      tooltip: { position: 'top' },
      grid: { left: 120, right: many ? 48 : 16, top: 16, bottom: 110 },
      xAxis: { type: 'category', data: c.services, axisLabel: { rotate: 60, fontSize: 10 }, splitArea: { show: false } },
      yAxis: { type: 'category', data: c.operators, axisLabel: { fontSize: 10 } },
      visualMap: {
        min: 0,
        max: c.max || 1,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: ['#f1f5fb', '#2f6fb3', '#0b2a4a'] },
      },
      dataZoom: many
        ? [
            {
              type: 'slider',
              yAxisIndex: 0,
              right: 8,
              width: 24,
              startValue: c.operators.length - rowsVisible,
              endValue: c.operators.length - 1,
            },
            { type: 'inside', yAxisIndex: 0 },
          ]
        : [],
      series: [{ type: 'heatmap', data: c.data, progressive: 5000, emphasis: { itemStyle: { borderColor: '#000' } } }],
    }),
    [c, many],
  );
  return (
    <figure data-matrix-cells={c.count} data-matrix-operators={c.operators.length} data-matrix-services={c.services.length}>
      <figcaption>
        {c.operators.length} operators × {c.services.length} services, {c.count} allocations
      </figcaption>
      <Chart
        option={option}
        height={Math.min(900, 160 + Math.min(c.operators.length, rowsVisible) * 12)}
        label={`Heat map of slashable stake for ${c.operators.length} operators and ${c.services.length} services`}
        onRendered={props.onRendered}
      />
    </figure>
  );
}
