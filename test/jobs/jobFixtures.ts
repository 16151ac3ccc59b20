import { contentHash } from '../../src/jobs/jobKey.js';
import { simulate } from '../../src/risk/montecarlo/simulate.js';
import { generateScenario } from '../../src/risk/scenario/generateScenario.js';
import { parseScenario } from '../../src/risk/scenario/parseScenario.js';

/** A generated scenario document (network inline) for job tests. */
export function scenarioDoc(operators = 60, services = 8, seed = 5): Record<string, unknown> {
  return generateScenario({ operators, services, seed });
}

export const stateOf = (doc: unknown): string => contentHash(doc);

/** The single-process reference: the report of `simulate` on one thread, as JSON text. */
export async function referenceReport(doc: unknown, scenarios: number, seed: number): Promise<string> {
  const sc = parseScenario(doc, () => {
    throw new Error('inline');
  });
  if (!sc.ok) throw new Error(sc.error.message);
  const r = await simulate(sc.value, { scenarios, seed, threads: 1 });
  return JSON.stringify(r.report);
}
