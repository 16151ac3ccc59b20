import type { Command } from 'commander';
import { startBullWorker } from '../../jobs/bull/bullWorker.js';
import { checkQueue } from '../../jobs/bull/checkQueue.js';
import { parseQueueUrl } from '../../jobs/bull/queueUrl.js';
import { StakemeshFailure } from '../../errors/result.js';
import { exitWithError } from '../fail.js';

/** Bounds of --lock-duration (ms). */
const lockMsMin = 500;
const lockMsMax = 600_000;

/** `stakemesh worker --queue redis://host:port[?prefix=p]`: runs job tasks from the queue until SIGINT/SIGTERM (docs/jobs.md). */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run risk job tasks (Monte Carlo shards, analyze, price, optimize, report) from a BullMQ queue on Redis')
    .requiredOption('--queue <url>', 'redis://host:port[/db][?prefix=name]')
    .option('--lock-duration <ms>', 'task lock: a dead worker is detected and its task retried after about this long', '30000')
    .action(async (flags: { queue: string; lockDuration: string }) => {
      const lock = Number(flags.lockDuration);
      if (!/^[0-9]+$/.test(flags.lockDuration) || lock < lockMsMin || lock > lockMsMax)
        exitWithError('BAD_OPTION', `--lock-duration must be an integer in [${lockMsMin}, ${lockMsMax}] ms`);
      let queue;
      try {
        queue = parseQueueUrl(flags.queue);
        await checkQueue(queue);
      } catch (e) {
        if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
        throw e;
      }
      const w = await startBullWorker({ queue, lockDurationMs: lock });
      process.stderr.write(`stakemesh worker: ready on ${queue.url} (prefix ${queue.prefix}), pid ${process.pid}\n`);
      const stop = (): void => {
        void w.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
