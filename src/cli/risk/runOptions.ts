import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { exitWithError } from '../fail.js';
import { scenarioBounds } from '../../risk/scenario/scenarioBounds.js';

export interface RunFlags {
  scenarios?: string;
  seed?: string;
  threads?: string;
  dense?: boolean;
  json?: boolean;
}

/** Adds the shared Monte Carlo flags to a command. */
export function withRunFlags(c: Command): Command {
  return c
    .option('--scenarios <n>', 'number of Monte Carlo scenarios (default: the scenario file, else 100000)')
    .option('--seed <s>', 'random seed (non-negative integer)')
    .option('--threads <t>', 'worker threads (default: all cores)')
    .option('--dense', 'dense sampling (benchmark baseline)')
    .option('--json', 'machine-readable JSON on stdout');
}

function int(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v)) exitWithError('BAD_NUMBER', `--${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (n < min || n > max) exitWithError('NUMBER_OUT_OF_RANGE', `--${name} must be in [${min}, ${max}]`);
  return n;
}

/** Parses the shared flags (exits with a one-line reason on bad values). */
export function runOptions(f: RunFlags) {
  return {
    scenarios: int(f.scenarios, 'scenarios', 1, scenarioBounds.scenariosMax),
    seed: int(f.seed, 'seed', 0, Number.MAX_SAFE_INTEGER),
    threads: int(f.threads, 'threads', 1, scenarioBounds.threadsMax),
    dense: f.dense ?? false,
  };
}

/** A progress bar on stderr (drawn only when stderr is a terminal). Returns the tick and stop functions. */
export function progressBar(total: number, label: string): { tick: (n: number) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta}s`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    tick: (n: number) => {
      done += n;
      bar.update(Math.min(done, total));
    },
    stop: () => bar.stop(),
  };
}
