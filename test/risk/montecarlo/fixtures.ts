import { parseScenario } from '../../../src/risk/scenario/parseScenario.js';
import type { Scenario } from '../../../src/risk/scenario/scenario.js';

/** Parses an inline scenario value, failing the test on a validation error. */
export function scenarioOf(raw: Record<string, unknown>): Scenario {
  const r = parseScenario(raw, () => {
    throw new Error('no network files in tests');
  });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** n operators of stake 1, each fully allocated to its own service. */
export function isolatedNetwork(n: number): Record<string, unknown> {
  return {
    operators: Array.from({ length: n }, (_, i) => ({ id: `o${i}`, stake: '1' })),
    services: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, profitFromCorruption: '1', attackThreshold: '1/2' })),
    allocations: Array.from({ length: n }, (_, i) => ({ operator: `o${i}`, service: `s${i}` })),
  };
}

export function binomialCdf(n: number, p: number): number[] {
  const out: number[] = [];
  let pk = (1 - p) ** n;
  let c = 0;
  for (let k = 0; k <= n; k++) {
    c += pk;
    out.push(c);
    pk *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return out;
}
