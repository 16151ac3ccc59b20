import { useEffect, useRef } from 'preact/hooks';
import { init, use, type EChartsType } from 'echarts/core';
import { BarChart, GraphChart, HeatmapChart, LineChart, SunburstChart, TreeChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart kinds the dashboard draws are bundled (keeps the first load small).
use([
  BarChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  SunburstChart,
  TreeChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export interface ChartProps {
  /** An ECharts option object. */
  option: Record<string, unknown>;
  /** Text alternative: what the chart shows, for screen readers. */
  label: string;
  height?: number;
  onRendered?: (ms: number) => void;
  /** Clicks on a data item (a node of a graph, a bar): its `data` entry. */
  onItemClick?: (data: unknown) => void;
}

export function Chart({ option, label, height = 320, onRendered, onItemClick }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => onItemClick?.((p as { data?: unknown }).data));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const t0 = performance.now();
    c.on('finished', function done() {
      c.off('finished', done);
      onRendered?.(performance.now() - t0);
    });
    c.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option }, true);
  }, [option]);
  return <div ref={ref} class="chart" role="img" aria-label={label} style={{ height: `${height}px` }} data-chart />;
}
