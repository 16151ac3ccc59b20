import type { FastifyInstance } from 'fastify';
import { z } from 'zod/v4';
import type { LedgerState } from '../../core/state/state.js';
import type { JobRunner } from '../../jobs/jobRunner.js';
import type { JobOutcome, JobSpec } from '../../jobs/jobSpec.js';
import { currentAllocation, liveAllocationDoc, liveMonteCarloDoc, livePricingDoc, liveScenarios } from '../risk/liveScenario.js';
import type { LiveRisk } from '../risk/liveRisk.js';
import type { Head, LedgerServiceApi } from '../service/serviceApi.js';
import { errorSchema, idParamsSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { HttpError } from './httpError.js';
import { polledJobs } from './polledJobs.js';

/** Live job answers kept per endpoint (the newest states and targets). */
const jobsKeptMax = 16;

const jobAnswer = z
  .object({
    status: z.enum(['running', 'done', 'failed']),
    stateHash: z.string(),
    seq: z.number().int(),
    block: z.number().int(),
    result: z.unknown().optional().meta({ description: 'The job result once done (docs/server.md)' }),
    message: z.string().optional(),
    code: z.string().optional().meta({ description: 'failed: the catalogue code (QUEUE_UNAVAILABLE, JOB_FAILED, …)' }),
    retryable: z.boolean().optional().meta({ description: 'failed: true when asking again runs the job again (queue down, worker lost)' }),
  })
  .meta({ title: 'JobAnswer' });

const allocationAnswer = jobAnswer
  .extend({
    target: z.object({ kind: z.enum(['vault', 'lrt']), id: z.string() }),
    current: z
      .array(
        z.object({
          operator: z.string(),
          service: z.string(),
          amount: z.number().meta({ description: 'as the optimiser reads it (float)' }),
          exact: z.string().meta({
            description: 'the same amount exactly, as the ledger holds it ("p/q" or an integer, as in /v1/vaults/{id} exposure rows)',
          }),
        }),
      )
      .meta({ description: 'The current allocation the job compared against: look-through slashable exposure per (operator, set)' }),
  })
  .meta({ title: 'AllocationAnswer' });

export interface RiskJobDeps {
  readonly service: LedgerServiceApi;
  readonly live: LiveRisk;
  readonly runner?: JobRunner | undefined;
}

type Start = (state: LedgerState, head: Head) => { spec: JobSpec; input: unknown; shards?: number };

/** What each live job route needs: the runner (503 without one) and one answer per state hash and key. */
interface JobRouteContext {
  readonly app: FastifyInstance;
  readonly table: RouteTable;
  readonly deps: RiskJobDeps;
  readonly runner: () => JobRunner;
  readonly answer: (jobs: ReturnType<typeof polledJobs>, key: string, start: Start) => ReturnType<typeof jobAnswerOf>;
}

const common = { method: 'GET', tag: 'risk' } as const;
const responses = (schema: z.ZodType) => ({
  200: { description: 'running, done with the result, or failed', schema },
  503: { description: 'this server runs no risk jobs', schema: errorSchema },
});

/** The live risk jobs (SPEC §10): Monte Carlo, prices and the recommended allocation, started on first request and then polled. */
export function registerRiskJobRoutes(app: FastifyInstance, table: RouteTable, deps: RiskJobDeps): void {
  const runner = (): JobRunner => {
    if (!deps.runner) throw new HttpError(503, 'QUEUE_UNAVAILABLE', 'this server runs no risk jobs');
    return deps.runner;
  };
  const ctx: JobRouteContext = {
    app,
    table,
    deps,
    runner,
    answer: (jobs, key, start) => jobAnswerOf(deps.service, runner(), jobs, key, start),
  };
  registerMonteCarloRoute(ctx);
  registerPricesRoute(ctx);
  registerAllocationRoute(ctx);
}

/** One job per state hash and parameters (the runner keys them by content too); the job reads the state it was asked on. */
function jobAnswerOf(service: LedgerServiceApi, r: JobRunner, jobs: ReturnType<typeof polledJobs>, key: string, start: Start) {
  const head = service.head();
  const job = jobs.get(`${head.stateHash}\u0000${key}`, async (): Promise<JobOutcome> => {
    const state = (await service.stateAt({ seq: head.seq })) ?? service.state();
    const { spec, input, shards } = start(state, head);
    return r.run(spec, input, shards === undefined ? {} : { shards });
  });
  return { stateHash: head.stateHash, seq: head.seq, block: head.block, ...failedInside(job) };
}

function registerMonteCarloRoute({ app, table, answer }: JobRouteContext): void {
  const monteCarlo = polledJobs(jobsKeptMax);
  defineRoute(
    app,
    table,
    {
      ...common,
      url: '/v1/risk/montecarlo',
      operationId: 'getMonteCarlo',
      summary: `Monte Carlo loss distribution of the head (${liveScenarios} scenarios, seed 1, illustrative fault model): started on first request, then polled`,
      responses: responses(jobAnswer),
    },
    async () =>
      answer(monteCarlo, 'montecarlo', (state, head) => ({
        spec: { kind: 'montecarlo', stateHash: head.stateHash, params: { scenarios: liveScenarios, seed: 1 } },
        input: liveMonteCarloDoc(state),
        shards: 2,
      })),
  );
}

function registerPricesRoute({ app, table, answer }: JobRouteContext): void {
  const prices = polledJobs(jobsKeptMax);
  defineRoute(
    app,
    table,
    {
      ...common,
      url: '/v1/risk/prices',
      operationId: 'getPrices',
      summary: `Risk prices of the head (price job: ${liveScenarios} scenarios, seed 1, illustrative fault model): fee yields, expected loss rates, required service fees and insurance premiums; started on first request, then polled`,
      responses: responses(jobAnswer),
    },
    async () =>
      answer(prices, 'price', (state, head) => ({
        spec: { kind: 'price', stateHash: head.stateHash, params: { scenarios: liveScenarios, seed: 1 } },
        input: livePricingDoc(state),
      })),
  );
}

function registerAllocationRoute({ app, table, deps, runner, answer }: JobRouteContext): void {
  const allocations = polledJobs(jobsKeptMax);
  defineRoute(
    app,
    table,
    {
      ...common,
      url: '/v1/risk/allocations/:id',
      operationId: 'getAllocation',
      summary:
        'Recommended allocation of a vault or LRT vs its current one (optimize job: fee yield − λ·CVaR, illustrative fault model); started on first request, then polled',
      params: idParamsSchema,
      responses: {
        ...responses(allocationAnswer),
        404: { description: 'unknown vault or LRT', schema: errorSchema },
        409: { description: 'the vault or LRT has no slashable exposure', schema: errorSchema },
      },
    },
    async ({ params }) => {
      const id = (params as { id: string }).id;
      const m = deps.live.metrics();
      const kind = Object.hasOwn(m.vaults, id) ? 'vault' : Object.hasOwn(m.lrts, id) ? 'lrt' : null;
      if (!kind) throw new HttpError(404, 'UNKNOWN_VAULT', `no vault or LRT ${id}`);
      runner();
      const now = currentAllocation(deps.service.state(), { kind, id });
      if (!(now.total > 0)) throw new HttpError(409, 'NO_EXPOSURE', `${kind} ${id} has no slashable exposure to reallocate`);
      const out = answer(allocations, `${kind}\u0000${id}`, (state, head) => {
        const { lines, total } = currentAllocation(state, { kind, id });
        return {
          spec: {
            kind: 'optimize',
            stateHash: head.stateHash,
            params: { target: id, current: lines.map((l) => ({ operator: l.operator, service: l.service, amount: l.amount })) },
          },
          input: liveAllocationDoc(state, total),
        };
      });
      return { ...out, target: { kind, id }, current: now.lines };
    },
  );
}

/** An optimize job that ran but found no allocation reports `{ error }` as its result: that is a failure to the client. */
function failedInside(job: { status: 'running' | 'done' | 'failed'; result?: unknown; message?: string }) {
  const r = job.result as { error?: { code?: unknown; message?: unknown } } | undefined;
  if (job.status === 'done' && r?.error)
    return { status: 'failed' as const, message: `${String(r.error.code)}: ${String(r.error.message)}` };
  return job;
}
