import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { AccountNonces } from './accountNonces.js';
import { registerCommandRoutes } from './commandRoutes.js';
import type { RouteTable } from './defineRoute.js';
import { registerEntityRoutes } from './entityRoutes.js';
import { installErrorHandlers } from './errorHandlers.js';
import { EventHub } from './eventStream.js';
import { sendError } from './httpError.js';
import { defaultHttpLimits, type HttpLimits } from './httpLimits.js';
import { createHttpMetrics } from './httpMetrics.js';
import { registerLedgerRoutes } from './ledgerRoutes.js';
import { registerNetworkRoutes } from './networkRoutes.js';
import { registerDashboard } from './dashboard.js';
import { registerRiskRoutes } from './riskRoutes.js';
import { liveRisk } from '../risk/liveRisk.js';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { registerOperationalRoutes } from './operationalRoutes.js';
import { RateLimiter } from './rateLimiter.js';
import { errorCatalogue } from '../../errors/catalogue.js';
import type { JobProgress } from '../../jobs/jobSpec.js';
import type { Alerts } from '../alerts/openAlerts.js';
import { registerAlertRoutes } from './alertRoutes.js';
import { riskEvents } from './riskEvents.js';

/** Longest path parameter the router accepts (ids are ≤ 128 characters, URL-encoded up to 3× that). */
const paramCharsMax = 512;

export interface BuildServerOptions {
  readonly service: LedgerServiceApi;
  readonly limits?: Partial<HttpLimits>;
  /** A pino logger (fastify's); false or absent: silent (tests). */
  readonly logger?: FastifyBaseLogger | false;
  /** The clock of the per-second rate limits (ms); default Date.now. Tests fix it so that a burst
   *  cannot straddle two windows. */
  readonly now?: () => number;
  /** The dashboard build (dist/web) served at `/`; absent: no dashboard. */
  readonly dashboardDir?: string | undefined;
  /** Keep the standard risk metrics live (GET /v1/risk…); with a runner, exact figures and the Monte Carlo run as jobs. */
  readonly risk?:
    | {
        readonly runner?: JobRunner | undefined;
        /** Subscribes to the runner's progress (its onProgress), for `job` events on SSE; returns the unsubscribe. */
        readonly onJobProgress?: ((listener: (p: JobProgress) => void) => () => void) | undefined;
      }
    | undefined;
  /**
   * The alerts of SPEC §10 (openAlerts: durable rule book and webhook delivery), evaluated by live risk after each
   * commit and served at /v1/alerts; the server closes it. Absent or null: the alert routes answer 503
   * ALERTS_UNAVAILABLE (a read-only server must not deliver webhooks twice).
   */
  readonly alerts?: Alerts | null | undefined;
}

/** The HTTP adapter of the ledger service (SPEC §9): routes, limits, metrics, events. Call listen() on it. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const limits: HttpLimits = { ...defaultHttpLimits, ...options.limits };
  const { service } = options;
  const app = createFastify(limits, options.logger);
  const metrics = createHttpMetrics(service);
  const ipLimiter = new RateLimiter(limits.requestsPerIpPerSecond, options.now);
  const accountLimiter = new RateLimiter(limits.requestsPerAccountPerSecond, options.now);
  const nonces = new AccountNonces(service);
  const events = new EventHub(service, limits, metrics);
  const stopCommits = service.onCommit((e) => {
    metrics.commits.inc();
    metrics.commands.inc(e.entries.length);
  });
  app.removeContentTypeParser('text/plain'); // JSON only: anything else is 415 BAD_CONTENT_TYPE
  installErrorHandlers(app);
  app.addHook('onRequest', async (request, reply) => {
    const wait = ipLimiter.take(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendError(reply, 429, 'RATE_LIMITED', `${errorCatalogue.RATE_LIMITED}: IP ${request.ip}`);
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.addHook('preClose', async () => {
    events.close();
  });
  app.addHook('onClose', async () => {
    stopCommits();
    nonces.close();
  });
  const table: RouteTable = [];
  registerCommandRoutes(app, table, { service, limits, accountLimiter });
  registerLedgerRoutes(app, table, { service, limits, nonces });
  registerEntityRoutes(app, table, service);
  registerNetworkRoutes(app, table, service);
  const alerts = options.alerts ?? null;
  if (alerts) app.addHook('onClose', async () => alerts.close());
  registerAlertRoutes(app, table, { alerts, chainId: service.chainId, accountLimiter });
  if (options.risk || alerts) registerLiveRisk(app, table, { service, events, risk: options.risk, alerts });
  if (options.dashboardDir !== undefined) registerDashboard(app, options.dashboardDir);
  registerOperationalRoutes(app, table, { service, events, metrics });
  return app;
}

/** Fastify with the body and path limits, 503 while closing, and router errors as catalogue codes. */
function createFastify(limits: HttpLimits, logger: BuildServerOptions['logger']): FastifyInstance {
  const common = {
    bodyLimit: limits.bodyBytesMax,
    routerOptions: { maxParamLength: paramCharsMax },
    return503OnClosing: true,
    forceCloseConnections: true,
    // Router errors (bad URL encoding, an over-long path parameter) answer catalogue codes too.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? sendError(reply, 400, 'BAD_ID', `${errorCatalogue.BAD_ID}: path parameter longer than ${paramCharsMax} characters`)
        : sendError(reply, 400, 'PARSE_ERROR', `${errorCatalogue.PARSE_ERROR}: malformed URL`),
  };
  return logger
    ? Fastify({ ...common, loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }) })
    : Fastify({ ...common, logger: false });
}

interface LiveRiskDeps {
  readonly service: BuildServerOptions['service'];
  readonly events: EventHub;
  readonly risk: BuildServerOptions['risk'];
  readonly alerts: Alerts | null;
}

/** Live risk after every commit (SSE, alerts) and the risk routes; both stop when the server closes. */
function registerLiveRisk(app: FastifyInstance, table: RouteTable, { service, events, risk, alerts }: LiveRiskDeps): void {
  const runner = risk?.runner;
  const toSse = riskEvents(events);
  const live = liveRisk({
    service,
    publish: toSse.publish,
    ...(runner ? { runner } : {}),
    ...(alerts ? { alerts: { book: alerts.book, delivery: alerts.delivery } } : {}),
  });
  const stopJobs = risk?.onJobProgress?.(toSse.jobProgress);
  app.addHook('onClose', async () => {
    stopJobs?.();
    live.close();
  });
  registerRiskRoutes(app, table, { service, live, runner });
}
