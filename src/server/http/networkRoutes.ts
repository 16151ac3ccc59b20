import type { FastifyInstance } from 'fastify';
import { z } from 'zod/v4';
import { networkFromLedger } from '../../risk/networkFromLedger.js';
import { networkJson } from '../../risk/networkJson.js';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { atQuerySchema, errorSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { stateFor } from './entityRoutes.js';

const exact = z.string().meta({ description: 'Exact decimal or "p/q" string, numeraire' });

export const networkSchema = z
  .object({
    operators: z.array(z.object({ id: z.string(), stake: exact })),
    services: z.array(z.object({ id: z.string(), profitFromCorruption: exact, attackThreshold: exact })),
    allocations: z.array(z.object({ operator: z.string(), service: z.string(), amount: exact })),
  })
  .meta({ title: 'Network', description: 'The network view of SPEC §5 derived from the ledger: one service per operator set' });

/** GET /v1/network: what the risk engine sees (operators, services, slashable allocations). */
export function registerNetworkRoutes(app: FastifyInstance, table: RouteTable, service: LedgerServiceApi): void {
  // The view of the head is asked for on every page of the dashboard: derive it once per state.
  let cached: { hash: string; view: Record<string, unknown> } | null = null;
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/network',
      operationId: 'getNetwork',
      tag: 'risk',
      summary: 'The network view (SPEC §5) of the state: operator stake, services with PfC and threshold, slashable allocations',
      query: atQuerySchema,
      responses: {
        200: { description: 'Exact strings in the numeraire', schema: networkSchema },
        404: { description: 'NOT_AT_SEQ', schema: errorSchema },
      },
    },
    async ({ query }) => {
      const atHead = query.seq === undefined && query.block === undefined;
      const state = await stateFor(service, query);
      if (!atHead) return networkJson(networkFromLedger(state));
      const hash = service.head().stateHash;
      if (cached?.hash !== hash) cached = { hash, view: networkJson(networkFromLedger(state)) };
      return cached.view;
    },
  );
}
