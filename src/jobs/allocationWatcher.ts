import type { CurrentAllocation } from '../risk/optimize/allocationDiff.js';
import type { AllocationDiff } from '../risk/optimize/allocationDiff.js';
import { allocationFigures } from '../risk/metrics/allocationMetrics.js';
import type { AllocationFigures } from '../risk/metrics/riskMetrics.js';
import type { Stamp } from '../risk/metrics/figure.js';
import { contentHash } from './jobKey.js';
import type { JobRunner } from './jobRunner.js';

export interface AllocationInputs {
  /** Scenario document (network inline) of the vault/LRT: its budget, caps and fault model. */
  readonly doc: unknown;
  /** Its current allocation, from the ledger. */
  readonly current: readonly CurrentAllocation[];
}

export type AllocationUpdate =
  | { readonly status: 'ok'; readonly ran: boolean; readonly diff: AllocationDiff; readonly figures: AllocationFigures }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

/**
 * Automated allocation (SPEC §10): on each new state, the recommended allocation of `target` and its diff against
 * the current one, as figures. The optimize job is keyed by the content of its inputs (scenario + current
 * allocation), so it runs again only when they change; otherwise the stored result answers and is restamped.
 */
export function allocationWatcher(o: { readonly runner: JobRunner; readonly target: string }) {
  return {
    async onState(at: Stamp, inputs: AllocationInputs): Promise<AllocationUpdate> {
      const params = { target: o.target, current: inputs.current.map((c) => ({ ...c })) };
      const out = await o.runner.run({ kind: 'optimize', stateHash: contentHash(inputs.doc), params }, inputs.doc);
      if (out.status === 'failed') return { status: 'failed', code: out.code, message: out.message };
      const r = out.result as { diff?: AllocationDiff; error?: { code: string; message: string } };
      if (!r.diff) return { status: 'failed', code: r.error?.code ?? 'JOB_FAILED', message: r.error?.message ?? 'no allocation diff' };
      return { status: 'ok', ran: !out.cached, diff: r.diff, figures: allocationFigures(r.diff, at) };
    },
  };
}
