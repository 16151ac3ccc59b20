import type { FastifyInstance } from 'fastify';
import { z } from 'zod/v4';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { exposureMetrics } from '../../risk/metrics/exposureMetrics.js';
import { networkFromLedger } from '../../risk/networkFromLedger.js';
import { networkJson } from '../../risk/networkJson.js';
import type { LiveRisk } from '../risk/liveRisk.js';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { errorSchema, idParamsSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { HttpError } from './httpError.js';

/** Scenarios of the live Monte Carlo (fixed seed: the same state gives the same bits). */
export const liveScenarios = 20_000;
/** Live Monte Carlo answers kept (the newest states). */
const jobsKeptMax = 16;

/** Illustrative fault model of the live Monte Carlo (docs/metrics.md): the CLI takes any scenario file. */
const liveFaultModel = {
  defaults: {
    service: { faultProbability: 0.01, severity: { kind: 'beta', alpha: 2, beta: 8, scale: 1 }, feeRate: 0.02 },
    operator: { faultProbability: 0.005, severity: { kind: 'uniform', min: 0.01, max: 0.1 } },
  },
  simulation: { scenarios: liveScenarios, seed: 1, levels: [0.95, 0.99], lossThresholds: [0.001, 0.01, 0.05] },
};

const figures = z.record(z.string(), z.unknown()).meta({ title: 'Figures', description: 'docs/metrics.md, docs/metrics.schema.json' });
const jobAnswer = z
  .object({
    status: z.enum(['running', 'done', 'failed']),
    stateHash: z.string(),
    result: z.unknown().optional(),
    message: z.string().optional(),
    code: z.string().optional().meta({ description: 'failed: the catalogue code (QUEUE_UNAVAILABLE, JOB_FAILED, …)' }),
    retryable: z.boolean().optional().meta({ description: 'failed: true when asking again runs the job again (queue down, worker lost)' }),
  })
  .meta({ title: 'JobAnswer' });

export interface RiskDeps {
  readonly service: LedgerServiceApi;
  readonly live: LiveRisk;
  readonly runner?: JobRunner | undefined;
}

/** GET /v1/risk, /v1/risk/{services,operators,stakers}/{id} and the live Monte Carlo (SPEC §10). */
export function registerRiskRoutes(app: FastifyInstance, table: RouteTable, deps: RiskDeps): void {
  const { service, live } = deps;
  const get = (url: string, operationId: string, summary: string, handler: (id: string) => unknown) =>
    defineRoute(
      app,
      table,
      {
        method: 'GET',
        url,
        operationId,
        tag: 'risk',
        summary,
        ...(url.includes(':id') ? { params: idParamsSchema } : {}),
        responses: { 200: { description: 'Figures with block, seq, stateHash and proven / bounds', schema: figures }, 404: { description: 'unknown id', schema: errorSchema } },
      },
      async ({ params }) => handler((params as { id?: string }).id ?? ''),
    );
  get('/v1/risk', 'getRisk', 'The standard risk metrics of the head (network, services, operators, vaults, LRTs)', () => live.metrics());
  get('/v1/risk/services/:id', 'getServiceRisk', 'Figures of one service (operator set)', (id) => {
    const m = Object.hasOwn(live.metrics().services, id) ? live.metrics().services[id] : undefined;
    if (!m) throw new HttpError(404, 'UNKNOWN_SET', `no service ${id} in the network view`);
    return m;
  });
  get('/v1/risk/operators/:id', 'getOperatorRisk', 'Figures of one operator', (id) => {
    const m = Object.hasOwn(live.metrics().operators, id) ? live.metrics().operators[id] : undefined;
    if (!m) throw new HttpError(404, 'UNKNOWN_OPERATOR', `no operator ${id} in the network view`);
    return m;
  });
  get('/v1/risk/stakers/:id', 'getStakerRisk', 'Look-through slashable exposure of a staker per operator and set', (id) => {
    const state = service.state();
    if (!state.stakers.has(id)) throw new HttpError(404, 'UNKNOWN_STAKER', `no staker ${id}`);
    return exposureMetrics(state, { kind: 'staker', id }, live.metrics().at);
  });
  registerMonteCarloRoute(app, table, deps);
}

function registerMonteCarloRoute(app: FastifyInstance, table: RouteTable, deps: RiskDeps): void {
  const { service, runner } = deps;
  // One job per state hash; the runner itself is idempotent, this keeps the answer to poll.
  const jobs = new Map<string, { status: 'running' | 'done' | 'failed'; result?: unknown; message?: string; code?: string; retryable?: boolean }>();
  const start = async (stateHash: string, seq: number): Promise<void> => {
    // the network view of that state, inline: a job runs anywhere, from its input alone
    const state = (await service.stateAt({ seq })) ?? service.state();
    const network = networkJson(networkFromLedger(state));
    const out = await runner!.run({ kind: 'montecarlo', stateHash, params: { scenarios: liveScenarios, seed: 1 } }, { network, ...liveFaultModel }, { shards: 2 });
    jobs.set(
      stateHash,
      out.status === 'done'
        ? { status: 'done', result: out.result }
        : { status: 'failed', message: `${out.code}: ${out.message}`, code: out.code, retryable: out.retryable },
    );
  };
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/risk/montecarlo',
      operationId: 'getMonteCarlo',
      tag: 'risk',
      summary: `Monte Carlo loss distribution of the head (${liveScenarios} scenarios, seed 1, illustrative fault model): started on first request, then polled`,
      responses: { 200: { description: 'running, done with the report, or failed', schema: jobAnswer }, 503: { description: 'no job runner', schema: errorSchema } },
    },
    async () => {
      if (!runner) throw new HttpError(503, 'QUEUE_UNAVAILABLE', 'this server runs no risk jobs');
      const { stateHash, seq } = service.head();
      let job = jobs.get(stateHash);
      if (!job) {
        job = { status: 'running' };
        jobs.set(stateHash, job);
        for (const old of jobs.keys()) if (jobs.size > jobsKeptMax) jobs.delete(old);
        start(stateHash, seq).catch((e: unknown) => jobs.set(stateHash, { status: 'failed', message: e instanceof Error ? e.message : String(e) }));
      }
      // a retryable failure is answered once; the next request runs the job again
      if (job.status === 'failed' && job.retryable === true) jobs.delete(stateHash);
      return { stateHash, ...job };
    },
  );
}
