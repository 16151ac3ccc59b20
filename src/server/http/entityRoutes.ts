import type { FastifyInstance } from 'fastify';
import type { z } from 'zod/v4';
import { reqId } from '../../core/log/fields.js';
import type { LedgerState } from '../../core/state/state.js';
import { StakemeshFailure } from '../../errors/result.js';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { atQuerySchema, errorSchema, idParamsSchema, stakerSchema, viewSchema, withdrawalSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { entityView, operatorsView, servicesView, unknownCodes, type EntityKind } from './entityViews.js';
import { HttpError } from './httpError.js';

type At = z.output<typeof atQuerySchema>;

/** The current state, or the state as of ?seq= / ?block= (404 NOT_AT_SEQ when there is none). */
export async function stateFor(service: LedgerServiceApi, at: At): Promise<LedgerState> {
  if (at.seq !== undefined && at.block !== undefined) throw new HttpError(400, 'BAD_FIELD', 'give ?seq= or ?block=, not both');
  if (at.seq === undefined && at.block === undefined) return service.state();
  const state = await service.stateAt(at.seq !== undefined ? { seq: at.seq } : { block: at.block ?? 0 });
  if (state === null) throw new HttpError(404, 'NOT_AT_SEQ', at.seq !== undefined ? `seq ${at.seq}` : `block ${at.block}`);
  return state;
}

function checkedId(id: string): string {
  try {
    return reqId({ id }, 'id');
  } catch (e) {
    if (e instanceof StakemeshFailure) throw new HttpError(400, e.code, undefined, e.message);
    throw e;
  }
}

const entities: readonly { kind: EntityKind; path: string; summary: string; schema: z.ZodType }[] = [
  {
    kind: 'operator',
    path: 'operators',
    summary: 'An operator: vaults, allocations per set with slashable stake',
    schema: viewSchema('Operator', 'run --json state.operators[id]'),
  },
  { kind: 'service', path: 'services', summary: 'A service and its operator sets', schema: viewSchema('Service', '{ sets }') },
  {
    kind: 'set',
    path: 'sets',
    summary: 'An operator set: vaults, slasher, slashing mode, operators, slashed totals, conditions',
    schema: viewSchema('OperatorSet', 'the set'),
  },
  {
    kind: 'vault',
    path: 'vaults',
    summary: 'A vault with its look-through exposure',
    schema: viewSchema('Vault', 'asset, totalShares, balance, exposure'),
  },
  { kind: 'staker', path: 'stakers', summary: 'A staker: positions, LRT tokens and look-through exposure', schema: stakerSchema },
  {
    kind: 'lrt',
    path: 'lrts',
    summary: 'A liquid restaking token: NAV, price, targets, balances, exposure',
    schema: viewSchema('Lrt', 'run --json state.lrts.lrts[id] + exposure'),
  },
  {
    kind: 'insurance',
    path: 'insurance',
    summary: 'An insurance pool',
    schema: viewSchema('InsurancePool', 'run --json state.insurance.pools[id]'),
  },
  { kind: 'withdrawal', path: 'withdrawals', summary: 'A queued withdrawal', schema: withdrawalSchema },
];

const notFound = (code: string): { description: string; schema: z.ZodType } => ({
  description: `${code} or NOT_AT_SEQ`,
  schema: errorSchema,
});

/** GET /v1/{kind}/{id} for every entity kind, and the operator and service lists. */
export function registerEntityRoutes(app: FastifyInstance, table: RouteTable, service: LedgerServiceApi): void {
  const lists = [
    { path: 'operators', summary: 'Every operator (run --json state.operators)', view: operatorsView },
    { path: 'services', summary: 'Every service and its sets', view: servicesView },
  ];
  for (const l of lists) {
    defineRoute(
      app,
      table,
      {
        method: 'GET',
        url: `/v1/${l.path}`,
        operationId: `list_${l.path}`,
        tag: 'state',
        summary: l.summary,
        query: atQuerySchema,
        responses: { 200: { description: 'id → view', schema: viewSchema(l.path, 'id → view') }, 404: notFound('NOT_AT_SEQ') },
      },
      async ({ query }) => l.view(await stateFor(service, query)),
    );
  }
  for (const e of entities) {
    defineRoute(
      app,
      table,
      {
        method: 'GET',
        url: `/v1/${e.path}/:id`,
        operationId: `get_${e.kind}`,
        tag: 'state',
        summary: e.summary,
        params: idParamsSchema,
        query: atQuerySchema,
        responses: {
          200: { description: 'Exact decimal strings, as in run --json', schema: e.schema },
          400: { description: 'BAD_ID, BAD_FIELD', schema: errorSchema },
          404: notFound(unknownCodes[e.kind]),
        },
      },
      async ({ params, query }) => {
        const id = checkedId(params.id);
        const state = await stateFor(service, query);
        const view = entityView(state, e.kind, id);
        if (view === undefined) throw new HttpError(404, unknownCodes[e.kind], JSON.stringify(id));
        return view;
      },
    );
  }
}
