import type { Command } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { buildServer } from '../../server/http/buildServer.js';
import { requestsPerAccountPerSecond, requestsPerIpPerSecond } from '../../server/http/httpLimits.js';
import { openLedgerService } from '../../server/service/openLedgerService.js';
import type { LedgerServiceApi } from '../../server/service/serviceApi.js';
import { StakemeshFailure } from '../../errors/result.js';
import { exitWithError } from '../fail.js';
import { followRpcDefaults, followRpcSettings, startChainFollower, type FollowRpcFlags } from '../startChainFollower.js';
import { demoAdmin, loadDemo } from '../../server/demo/loadDemo.js';
import { jobRunner } from '../../jobs/jobRunner.js';
import { bullBackend } from '../../jobs/bull/bullBackend.js';
import { checkQueue } from '../../jobs/bull/checkQueue.js';
import { parseQueueUrl } from '../../jobs/bull/queueUrl.js';
import { localBackend } from '../../jobs/localBackend.js';
import { memoryResultStore } from '../../jobs/memoryResultStore.js';
import type { JobProgress } from '../../jobs/jobSpec.js';
import { openAlerts, type Alerts } from '../../server/alerts/openAlerts.js';
import type { TaskBackend } from '../../jobs/taskBackend.js';

/** The dashboard build shipped with the package (dist/web next to dist/src). */
const dashboardDir = fileURLToPath(new URL('../../../web', import.meta.url));

interface ServeFlags extends FollowRpcFlags {
  host: string;
  port: string;
  dataDir: string;
  database?: string;
  admin: string[];
  chainId: string;
  blockTime: string;
  follow?: boolean;
  snapshotEvery: string;
  rateIp: string;
  rateAccount: string;
  logLevel: string;
  demo?: boolean;
  webhookAllowPrivate?: boolean;
  webhookAllowHost: string[];
  queue?: string;
  queueWait: string;
}

/** Commands between state snapshots by default (a restart replays at most this many). */
const snapshotEveryDefault = 1000;

function int(text: string, flag: string, min: number, max: number): number {
  const n = /^[0-9]{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) exitWithError('BAD_OPTION', `${flag} must be an integer in ${min}..${max}`);
  return n;
}

/**
 * Where risk jobs run (SPEC §10): worker threads of this process, or with --queue a BullMQ queue on Redis served by
 * `stakemesh worker` processes. A bad URL or an unreachable Redis stops the start with a catalogue error.
 */
async function riskBackend(flags: ServeFlags): Promise<{ backend: TaskBackend; where: string }> {
  if (flags.queue === undefined) return { backend: localBackend(), where: 'jobs on worker threads' };
  const waitS = int(flags.queueWait, '--queue-wait', 1, 86_400);
  try {
    const queue = parseQueueUrl(flags.queue);
    await checkQueue(queue);
    // Redis lost later: jobs fail after waitS with the retryable QUEUE_UNAVAILABLE; fast figures go on
    return { backend: bullBackend({ queue, unavailableMs: waitS * 1000 }), where: `jobs on ${queue.url} (prefix ${queue.prefix})` };
  } catch (e) {
    if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
    throw e;
  }
}

/**
 * Risk jobs (exact proofs, Monte Carlo) on the chosen backend, results kept in the service's database (SPEC §10);
 * their progress goes to SSE.
 */
function riskOptions(backend: TaskBackend, service: LedgerServiceApi) {
  const jobListeners = new Set<(p: JobProgress) => void>();
  return {
    runner: jobRunner({
      backend,
      store: service.jobResults?.() ?? memoryResultStore(),
      onProgress: (p) => jobListeners.forEach((l) => l(p)),
    }),
    onJobProgress: (l: (p: JobProgress) => void) => {
      jobListeners.add(l);
      return () => jobListeners.delete(l);
    },
  };
}

/** The ledger service of the flags; a catalogue failure (bad database URL, locked data folder, …) stops the start. */
async function openService(flags: ServeFlags, chainMirror: boolean): Promise<LedgerServiceApi> {
  try {
    return await openLedgerService({
      dataDir: resolve(flags.dataDir),
      database: flags.database,
      chainId: int(flags.chainId, '--chain-id', 1, Number.MAX_SAFE_INTEGER),
      admins: flags.demo ? [...flags.admin, demoAdmin()] : flags.admin,
      blockTimeS: int(flags.blockTime, '--block-time', 0, 86_400),
      follow: flags.follow === true,
      snapshotEvery: int(flags.snapshotEvery, '--snapshot-every', 1, 10_000_000),
      chainMirror,
    });
  } catch (e) {
    if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
    throw e;
  }
}

/** SIGINT / SIGTERM: stop following, close the server, then the store; exit 0, or 1 when closing failed. */
function stopOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    void close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function start(flags: ServeFlags): Promise<void> {
  const port = int(flags.port, '--port', 0, 65535);
  const jobs = await riskBackend(flags);
  const logger = pino({ level: flags.logLevel, base: { service: 'stakemesh' } }, pino.destination(2));
  const mirror = followRpcSettings(flags, logger);
  const service = await openService(flags, mirror !== null);
  if (flags.demo && !service.readOnly) {
    const n = await loadDemo(service);
    if (n > 0) logger.info({ commands: n }, 'demo loaded');
  }
  // Alerts only on the writer: a follower delivering webhooks too would send every event twice.
  let alerts: Alerts | null = null;
  if (!service.readOnly && service.sql) {
    const urlPolicy = { allowPrivate: flags.webhookAllowPrivate === true, allowHosts: flags.webhookAllowHost };
    alerts = await openAlerts({ db: service.sql, urlPolicy });
  }
  const app = buildServer({
    service,
    logger,
    dashboardDir,
    risk: riskOptions(jobs.backend, service),
    alerts,
    limits: {
      requestsPerIpPerSecond: int(flags.rateIp, '--rate-ip', 1, 10_000_000),
      requestsPerAccountPerSecond: int(flags.rateAccount, '--rate-account', 1, 10_000_000),
    },
  });
  await app.listen({ host: flags.host, port });
  const follower =
    mirror === null
      ? null
      : await startChainFollower(service, mirror).catch(async (e: unknown) => {
          await app.close();
          await service.close();
          if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
          throw e;
        });
  const addr = app.server.address();
  const bound = addr !== null && typeof addr === 'object' ? addr.port : port;
  const host = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
  const store = flags.database ? 'postgresql' : `pglite ${flags.dataDir}`;
  const role = service.readOnly ? 'read-only' : 'writer';
  process.stdout.write(
    `stakemesh serve: listening on http://${host}:${bound} (${store}, ${role}, chain ${service.chainId}, head seq ${service.head().seq}, ${jobs.where}); dashboard at http://${host}:${bound}/\n`,
  );
  stopOnSignals(logger, async () => {
    await follower?.stop();
    await app.close();
    await service.close();
  });
}

/** `stakemesh serve`: the ledger as a durable, authenticated HTTP service (SPEC §9, docs/server.md). */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the ledger as an HTTP service over a durable, hash-chained log (docs/server.md)')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'listen port (0: any free port)', '8787')
    .option('--data-dir <dir>', 'embedded PostgreSQL (PGlite) data folder', './.stakemesh')
    .option('--database <url>', 'postgres://… : a PostgreSQL server instead of PGlite')
    .option('--admin <account>', 'an admin account (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--chain-id <n>', 'chain id signed into every envelope', '31337')
    .option('--block-time <s>', 'seconds per ledger block for the server’s own advance', '12')
    .option('--follow', 'read-only replica tailing the log of the writer (PostgreSQL)')
    .option('--snapshot-every <n>', 'a state snapshot every n commands', String(snapshotEveryDefault))
    .option('--rate-ip <n>', 'requests per second per IP address', String(requestsPerIpPerSecond))
    .option('--rate-account <n>', 'envelopes per second per signing account', String(requestsPerAccountPerSecond))
    .option('--queue <url>', 'redis://host:port[/db][?prefix=name]: risk jobs on a BullMQ queue run by `stakemesh worker` processes')
    .option('--queue-wait <s>', 'seconds a job waits for an unreachable Redis before failing with QUEUE_UNAVAILABLE (retryable)', '30')
    .option('--demo', 'load examples/shared-security.yaml (signed by demo keys) into an empty log, for the dashboard')
    .option('--webhook-allow-private', 'let alert webhooks name loopback and private addresses (the server fetches them: SSRF)')
    .option(
      '--webhook-allow-host <host>',
      'only these webhook hosts (repeatable; overrides the private-address rule)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--follow-rpc <url>', 'mirror EigenLayer from a JSON-RPC node: its events become commands signed by the server (docs/chain.md)')
    .option('--follow-network <name>', 'network of --follow-rpc: mainnet or preprod', followRpcDefaults.followNetwork)
    .option('--confirmations <n>', 'with --follow-rpc: blocks below the head treated as final', followRpcDefaults.confirmations)
    .option('--from-block <n>', 'with --follow-rpc: first block on a new mirror (default: the network start block)')
    .option('--poll-ms <ms>', 'with --follow-rpc: wait between polls once caught up', followRpcDefaults.pollMs)
    .option('--log-level <level>', 'pino log level on stderr (silent, error, warn, info, debug)', 'info')
    .action((flags: ServeFlags) => start(flags));
}
