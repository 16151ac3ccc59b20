import { StakemeshFailure } from '../errors/result.js';
import { commandLogNetwork } from '../risk/commandLogNetwork.js';
import type { Network } from '../risk/network.js';
import { parseNetwork } from '../risk/parseNetwork.js';
import { isCommandLog } from '../risk/readNetworkFile.js';
import { parseScenario } from '../risk/scenario/parseScenario.js';
import type { Scenario } from '../risk/scenario/scenario.js';

/** A scenario document with its network inline (jobs run on any machine: no file paths). */
export function scenarioInput(doc: unknown): Scenario {
  const r = parseScenario(doc, (path) => {
    throw new StakemeshFailure('BAD_JOB', `a job's scenario carries its network inline, not a path (${path.slice(0, 80)})`);
  });
  if (!r.ok) throw new StakemeshFailure('BAD_JOB', `${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A network document (SPEC §5) or a command log (SPEC §4). */
export function networkInput(doc: unknown): Network {
  const r = isCommandLog(doc) ? commandLogNetwork(doc) : parseNetwork(doc);
  if (!r.ok) throw new StakemeshFailure('BAD_JOB', `${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A non-negative safe integer parameter, or its default. */
export function intParam(params: Readonly<Record<string, unknown>>, name: string, fallback: number, max: number): number {
  const v = params[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
    throw new StakemeshFailure('BAD_JOB', `params.${name} must be an integer in [0, ${max}]`);
  }
  return v;
}
