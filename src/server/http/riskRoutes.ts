import type { FastifyInstance } from 'fastify';
import { z } from 'zod/v4';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { exposureMetrics } from '../../risk/metrics/exposureMetrics.js';
import type { LiveRisk } from '../risk/liveRisk.js';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { errorSchema, idParamsSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { HttpError } from './httpError.js';
import { registerRiskJobRoutes } from './riskJobRoutes.js';

const figures = z.record(z.string(), z.unknown()).meta({ title: 'Figures', description: 'docs/metrics.md, docs/metrics.schema.json' });

export interface RiskDeps {
  readonly service: LedgerServiceApi;
  readonly live: LiveRisk;
  readonly runner?: JobRunner | undefined;
}

/** GET /v1/risk, /v1/risk/{services,operators,stakers}/{id} and the live risk jobs (SPEC §10). */
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
        responses: {
          200: { description: 'Figures with block, seq, stateHash and proven / bounds', schema: figures },
          404: { description: 'unknown id', schema: errorSchema },
        },
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
  registerRiskJobRoutes(app, table, deps);
}
