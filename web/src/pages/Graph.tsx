import { useMemo } from 'preact/hooks';
import { api, type NetworkView } from '../api';
import { Chart } from '../components/Chart';
import { Figure } from '../components/Figure';
import { Status } from '../components/Status';
import { formatNumber, toNumber } from '../format';
import { href } from '../router';
import { useApi } from '../useApi';

/** Operators drawn at most (the largest by stake): a force layout of thousands of nodes is unreadable and slow. */
const operatorsShownMax = 150;

interface GraphData {
  nodes: { id: string; name: string; category: number; symbolSize: number; value: string; page: string }[];
  links: { source: string; target: string; value: string; lineStyle: { width: number } }[];
  operatorsShown: number;
}

/** Operators and services as a graph (SPEC §12 network view): an edge is a slashable allocation, its width the amount. */
function graphOf(net: NetworkView): GraphData {
  const ops = [...net.operators]
    .sort((a, b) => toNumber(b.stake) - toNumber(a.stake) || a.id.localeCompare(b.id))
    .slice(0, operatorsShownMax);
  const shown = new Set(ops.map((o) => o.id));
  const links = net.allocations.filter((a) => shown.has(a.operator));
  const maxStake = Math.max(1, ...ops.map((o) => toNumber(o.stake)));
  const maxPfc = Math.max(1, ...net.services.map((s) => toNumber(s.profitFromCorruption)));
  const maxAmount = Math.max(1, ...links.map((a) => toNumber(a.amount)));
  // area ∝ magnitude: the radius grows with its square root
  const size = (x: number, max: number) => 8 + 32 * Math.sqrt(Math.max(0, x) / max);
  return {
    nodes: [
      ...ops.map((o) => ({
        id: `o:${o.id}`,
        name: o.id,
        category: 0,
        symbolSize: size(toNumber(o.stake), maxStake),
        value: o.stake,
        page: 'operators',
      })),
      ...net.services.map((s) => ({
        id: `s:${s.id}`,
        name: s.id,
        category: 1,
        symbolSize: size(toNumber(s.profitFromCorruption), maxPfc),
        value: s.profitFromCorruption,
        page: 'services',
      })),
    ],
    links: links.map((a) => ({
      source: `o:${a.operator}`,
      target: `s:${a.service}`,
      value: a.amount,
      lineStyle: { width: 0.5 + 4 * (toNumber(a.amount) / maxAmount) },
    })),
    operatorsShown: ops.length,
  };
}

export function Graph({ seq }: { seq: number }) {
  const net = useApi((s) => api.network(s), [seq]);
  const g = useMemo(() => (net.state === 'ok' ? graphOf(net.data) : null), [net]);
  return (
    <section aria-labelledby="graph-title">
      <h1 id="graph-title">Network graph</h1>
      <p class="note">
        Operators (blue, area by stake) and services (orange, area by profit from corruption); an edge is stake an operator has allocated to
        a service, its width the amount. Click a node for its page; drag or zoom to look closer; the <a href={href('matrix')}>matrix</a>{' '}
        lists the same allocations as a table-like heat map.
      </p>
      <Status loaded={net} what="the network view" />
      {net.state === 'ok' && g && (
        <>
          <dl class="figures">
            <Figure
              label="Operators shown"
              name="graph.operators"
              value={g.operatorsShown}
              text={`${g.operatorsShown} of ${net.data.operators.length}`}
            />
            <Figure label="Services" name="graph.services" value={net.data.services.length} />
            <Figure label="Allocations drawn" name="graph.links" value={g.links.length} />
          </dl>
          <figure>
            <figcaption>
              {g.operatorsShown < net.data.operators.length ? `The ${g.operatorsShown} largest operators by stake` : 'Every operator'} and
              every service
            </figcaption>
            <Chart
              label={`Graph of ${g.operatorsShown} operators and ${net.data.services.length} services linked by ${g.links.length} allocations`}
              height={560}
              onItemClick={(d) => {
                const n = d as { page?: string; name?: string } | undefined;
                if (n?.page && n.name) location.hash = href(n.page, n.name);
              }}
              option={graphOption(g)}
            />
          </figure>
        </>
      )}
    </section>
  );
}

/** The ECharts option of the graph: a circular layout of the operators and services, edges by allocated amount. */
function graphOption(g: GraphData) {
  return {
    tooltip: {
      formatter: (p: { dataType: string; data: { name?: string; value: string; source?: string; target?: string } }) =>
        p.dataType === 'edge'
          ? `${(p.data.source ?? '').slice(2)} → ${(p.data.target ?? '').slice(2)}: ${formatNumber(p.data.value)}`
          : `${p.data.name ?? ''}: ${formatNumber(p.data.value)}`,
    },
    legend: { top: 0, data: ['operator', 'service'] },
    series: [
      {
        type: 'graph',
        // a circular layout: deterministic and drawn at once (a force simulation of 2,000 × 100 took seconds)
        layout: 'circular',
        circular: { rotateLabel: true },
        top: 56,
        bottom: 48,
        left: 96,
        right: 96,
        roam: true,
        categories: [
          { name: 'operator', itemStyle: { color: '#2f6fb3' } },
          { name: 'service', itemStyle: { color: '#d9822b' } },
        ],
        label: { show: g.nodes.length <= 60, position: 'right', fontSize: 10 },
        lineStyle: { color: 'source', opacity: 0.5 },
        emphasis: { focus: 'adjacency' },
        data: g.nodes,
        links: g.links,
      },
    ],
  };
}
