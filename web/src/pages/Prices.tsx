import type { JsonObject } from '../api';
import { Chart } from '../components/Chart';
import { Figure, ProofBadge } from '../components/Figure';
import { JobState } from '../components/JobState';
import { Num, numKey } from '../components/Num';
import { Status } from '../components/Status';
import { Table } from '../components/Table';
import { obj, str } from '../metric';
import { href } from '../router';
import { useJob } from '../useJob';

const estimate = { estimate: true };
const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.map((x) => obj(x)) : []);

/** Risk prices at the head (SPEC §6 pricing, §10 jobs): fees and premiums with what they rest on. */
export function Prices({ seq }: { seq: number }) {
  const job = useJob('/v1/risk/prices', seq);
  return (
    <section aria-labelledby="prices-title">
      <h1 id="prices-title">Prices</h1>
      <p class="note">
        Risk-priced service fees and insurance premiums at the head, from the price job: a seeded Monte Carlo of correlated slashing
        (illustrative fault model, docs/metrics.md) priced as docs/pricing.md says. Every price rests on the expected loss (EL) and the
        expected shortfall (ES) of the same sample: they are <ProofBadge proof={estimate} /> figures, not proofs.
      </p>
      {job.state === 'error' && <Status loaded={job} what="the prices" />}
      {job.state === 'ok' && <JobState answer={job.data} what="Prices" />}
      {job.state === 'ok' && job.data.status === 'done' && job.data.result && <PriceTables report={job.data.result} />}
    </section>
  );
}

function PriceTables({ report }: { report: JsonObject }) {
  return (
    <>
      <PricingSettings p={obj(report.settings)} />
      <ServiceFees services={list(report.services)} />
      <PositionTable positions={list(report.positions)} />
      <CoverTable covers={list(report.covers)} />
      <OperatorYields operators={list(report.operators)} />
    </>
  );
}

function PricingSettings({ p }: { p: JsonObject }) {
  return (
    <>
      <h2>Pricing parameters</h2>
      <dl class="figures">
        <Figure label="Target return r*" name="settings.targetReturn" value={str(p.targetReturn)} />
        <Figure label="Cost of capital" name="settings.costOfCapital" value={str(p.costOfCapital)} />
        <Figure label="Tail level of ES" name="settings.tailLevel" value={str(p.tailLevel)} />
        <Figure label="Loading on expected claims" name="settings.loading" value={str(p.loading)} />
      </dl>
    </>
  );
}

function ServiceFees({ services }: { services: JsonObject[] }) {
  return (
    <>
      <h2>Service fees</h2>
      <p class="note">
        Required fee: the fee at which restakers securing the service earn r* net of expected loss, counting their other fees; standalone
        fee: r* + EL rate. A negative gap means the service pays less than its risk needs.
      </p>
      {services.length > 0 && (
        <figure>
          <figcaption>Fee paid and fee required per service (per period, fraction of the stake securing it)</figcaption>
          <Chart
            label={`Bar chart of the fee paid and the fee required by each of ${services.length} services`}
            height={Math.max(200, 40 + services.length * 36)}
            option={{
              grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${+(v * 100).toFixed(2)} %`, hideOverlap: true } },
              yAxis: { type: 'category', data: services.map((s) => str(s.id)), axisLabel: { width: 140, overflow: 'truncate' } },
              series: [
                { name: 'fee paid', type: 'bar', data: services.map((s) => s.feeRate), itemStyle: { color: '#2f6fb3' } },
                { name: 'fee required', type: 'bar', data: services.map((s) => s.requiredFee), itemStyle: { color: '#b35c00' } },
              ],
            }}
          />
        </figure>
      )}
      <Table
        caption="Fees per service (estimates)"
        rows={services}
        rowKey={(r) => str(r.id)}
        initialSort={{ key: 'gap', desc: false }}
        columns={[
          {
            key: 'id',
            label: 'Service (set)',
            sort: (r) => str(r.id),
            render: (r) => <a href={href('services', str(r.id))}>{str(r.id)}</a>,
          },
          ...(['feeRate', 'expectedLossRate', 'standaloneFee', 'requiredFee', 'gap'] as const).map((k) => ({
            key: k,
            label: {
              feeRate: 'Fee paid',
              expectedLossRate: 'EL rate',
              standaloneFee: 'Standalone fee',
              requiredFee: 'Required fee',
              gap: 'Gap',
            }[k],
            numeric: true,
            sort: (r: JsonObject) => numKey(r[k]),
            render: (r: JsonObject) => <Num name={`service:${str(r.id)}:${k}`} value={r[k]} percent />,
          })),
        ]}
      />
    </>
  );
}

function PositionTable({ positions }: { positions: JsonObject[] }) {
  return (
    <>
      <h2>Positions: yield and full cover</h2>
      <p class="note">
        Stakers, vaults, LRTs and insurance pools derived from the ledger, valued at their slashable exposure. Premium = expected claim × (1
        + loading) + cost of capital × (ES of the claim − expected claim); rate on line = premium / limit.
      </p>
      <Table
        caption="Positions (estimates)"
        rows={positions}
        rowKey={(r) => str(r.id)}
        initialSort={{ key: 'value', desc: true }}
        columns={[
          { key: 'id', label: 'Position', sort: (r) => str(r.id), render: (r) => <PositionLink kind={str(r.kind)} id={str(r.id)} /> },
          { key: 'kind', label: 'Kind', sort: (r) => str(r.kind), render: (r) => str(r.kind) },
          positionColumn('value', 'Value', (r) => r.value, false),
          positionColumn('feeYield', 'Fee yield', (r) => r.feeYield, true),
          positionColumn('expectedLossRate', 'EL rate', (r) => r.expectedLossRate, true),
          positionColumn('riskAdjustedYield', 'Risk-adjusted yield', (r) => r.riskAdjustedYield, true),
          positionColumn('returnOnRiskCapital', 'Return on risk capital', (r) => r.returnOnRiskCapital, true),
          positionColumn('expectedClaim', 'Expected claim (EL)', (r) => obj(r.fullCover).expectedClaim, false),
          positionColumn('tailClaim', 'ES of claim', (r) => obj(r.fullCover).tailClaim, false),
          positionColumn('premium', 'Premium', (r) => obj(r.fullCover).premium, false),
          positionColumn('rateOnLine', 'Rate on line', (r) => obj(r.fullCover).rateOnLine, true),
        ]}
      />
    </>
  );
}

function CoverTable({ covers }: { covers: JsonObject[] }) {
  return (
    <>
      <h2>Covers written by insurance pools</h2>
      {covers.length === 0 ? (
        <p data-covers="0">No cover is in force at the head: the pools' premiums above price a full cover of each position.</p>
      ) : (
        <Table
          caption="Covers (estimates)"
          rows={covers}
          rowKey={(r) => `${str(r.pool)}/${str(r.position)}/${str(r.deductible)}/${str(r.limit)}`}
          columns={[
            { key: 'pool', label: 'Pool', sort: (r) => str(r.pool), render: (r) => str(r.pool) },
            { key: 'position', label: 'Covered position', sort: (r) => str(r.position), render: (r) => str(r.position) },
            ...(['deductible', 'limit', 'expectedClaim', 'tailClaim', 'capitalCharge', 'premium', 'rateOnLine'] as const).map((k) => ({
              key: k,
              label: {
                deductible: 'Deductible',
                limit: 'Limit',
                expectedClaim: 'Expected claim (EL)',
                tailClaim: 'ES of claim',
                capitalCharge: 'Capital charge',
                premium: 'Premium',
                rateOnLine: 'Rate on line',
              }[k],
              numeric: true,
              sort: (r: JsonObject) => numKey(r[k]),
              render: (r: JsonObject) => (
                <Num name={`cover:${str(r.pool)}:${str(r.position)}:${k}`} value={r[k]} percent={k === 'rateOnLine'} />
              ),
            })),
          ]}
        />
      )}
    </>
  );
}

function OperatorYields({ operators }: { operators: JsonObject[] }) {
  return (
    <>
      <h2>Operators</h2>
      <Table
        caption="Fee yield and expected loss per operator (estimates)"
        rows={operators}
        rowKey={(r) => str(r.id)}
        initialSort={{ key: 'riskAdjustedYield', desc: true }}
        columns={[
          { key: 'id', label: 'Operator', sort: (r) => str(r.id), render: (r) => <a href={href('operators', str(r.id))}>{str(r.id)}</a> },
          ...(['feeYield', 'expectedLossRate', 'riskAdjustedYield'] as const).map((k) => ({
            key: k,
            label: { feeYield: 'Fee yield', expectedLossRate: 'EL rate', riskAdjustedYield: 'Risk-adjusted yield' }[k],
            numeric: true,
            sort: (r: JsonObject) => numKey(r[k]),
            render: (r: JsonObject) => <Num name={`operator:${str(r.id)}:${k}`} value={r[k]} percent />,
          })),
        ]}
      />
    </>
  );
}

function positionColumn(key: string, label: string, get: (r: JsonObject) => JsonObject[string] | undefined, percent: boolean) {
  return {
    key,
    label,
    numeric: true,
    sort: (r: JsonObject) => numKey(get(r)),
    render: (r: JsonObject) => <Num name={`position:${str(r.id)}:${key}`} value={get(r)} percent={percent} />,
  };
}

function PositionLink({ kind, id }: { kind: string; id: string }) {
  const page = kind === 'staker' ? 'stakers' : kind === 'vault' ? 'vaults' : kind === 'lrt' ? 'lrts' : null;
  const short = id.length > 24 ? `${id.slice(0, 16)}…${id.slice(-6)}` : id;
  return page ? (
    <a href={href(page, id)} title={id}>
      {short}
    </a>
  ) : (
    <span title={id}>{short}</span>
  );
}
