import { api, type Head, type NetworkView } from '../api';
import { Chart } from '../components/Chart';
import { Figure } from '../components/Figure';
import { Status } from '../components/Status';
import { formatPercent, toNumber } from '../format';
import { metric, obj } from '../metric';
import { href } from '../router';
import { useApi } from '../useApi';

/** Operators drawn in the stake chart (the rest are summed into one bar). */
const topOperatorsShown = 20;

/** `riskTick` counts live `metrics`/`exact` events: proven figures and the deferred network search land after the block. */
export function Overview({ seq, head, riskTick }: { seq: number; head: Head | null; riskTick: number }) {
  const risk = useApi((s) => api.risk(s), [seq, riskTick]);
  const net = useApi((s) => api.network(s), [seq]);
  const network = risk.state === 'ok' ? obj(risk.data.network) : null;
  const secure = metric(network, 'secure');
  const figures: [string, string][] = [
    ['Slack γ*', 'slack'],
    ['Best attack profit', 'bestAttackProfit'],
    ['Total stake', 'totalStake'],
    ['Σ profit from corruption', 'totalPfc'],
    ['Stake HHI', 'stakeHhi'],
    ['Nakamoto coefficient', 'nakamoto'],
    ['Mean restaking degree', 'meanRestakingDegree'],
    ['Certificate failures', 'certificateFailures'],
    ['LRT depth', 'lrtDepth'],
  ];
  const worstLoss = obj(network?.worstLoss);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Network overview</h1>
      <Status loaded={risk} what="risk metrics" />
      <dl class="figures">
        <Figure
          label="Verdict"
          name="secure"
          value={secure.value}
          text={secure.value === true ? 'secure' : secure.value === false ? 'attackable' : '—'}
          proof={secure.proof}
        />
        {figures.map(([label, name]) => {
          const m = metric(network, name);
          return <Figure key={name} label={label} name={name} value={m.value} proof={m.proof} />;
        })}
        {(['1/100', '5/100', '10/100'] as const).map((psi) => {
          const m = metric(worstLoss, psi);
          const pct = psi.replace('/100', ' %');
          const text = typeof m.value === 'string' ? formatPercent(m.value) : undefined;
          return <Figure key={psi} label={`R_ψ at ψ = ${pct}`} name={`worstLoss ${psi}`} value={m.value} text={text} proof={m.proof} />;
        })}
        <Figure label="Operators" name="operators" value={net.state === 'ok' ? net.data.operators.length : null} />
        <Figure label="Services" name="services" value={net.state === 'ok' ? net.data.services.length : null} />
        <Figure label="Last block" name="block" value={head?.block ?? null} text={String(head?.block ?? '—')} />
        <Figure label="State hash" name="stateHash" value={head?.stateHash ?? null} text={head ? `${head.stateHash.slice(0, 16)}…` : '—'} />
      </dl>
      {net.state === 'ok' && <StakeChart net={net.data} />}
      <p>
        See the <a href={href('matrix')}>operator × service matrix</a> or the <a href={href('services')}>services</a> ranked by margin.
      </p>
    </section>
  );
}

function StakeChart({ net }: { net: NetworkView }) {
  const ops = [...net.operators].sort((a, b) => toNumber(b.stake) - toNumber(a.stake));
  const top = ops.slice(0, topOperatorsShown);
  const rest = ops.slice(topOperatorsShown).reduce((s, o) => s + toNumber(o.stake), 0);
  const names = top.map((o) => o.id);
  const values = top.map((o) => toNumber(o.stake));
  if (rest > 0) {
    names.push(`${ops.length - topOperatorsShown} others`);
    values.push(rest);
  }
  const option = {
    grid: { left: 60, right: 16, top: 16, bottom: 90 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 60, fontSize: 10 } },
    yAxis: { type: 'value', name: 'stake' },
    series: [{ type: 'bar', data: values, itemStyle: { color: '#2f6fb3' } }],
  };
  return (
    <figure>
      <figcaption>Stake by operator (largest {Math.min(topOperatorsShown, ops.length)}, numeraire)</figcaption>
      <Chart option={option} label={`Bar chart of stake for the ${top.length} largest operators`} />
    </figure>
  );
}
