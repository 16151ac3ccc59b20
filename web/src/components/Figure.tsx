import type { ComponentChildren } from 'preact';
import { formatNumber } from '../format';

export interface Proof {
  proven?: boolean | null;
  /** A statistic of a seeded Monte Carlo sample (prices, allocations): neither proven nor a proven bound. */
  estimate?: boolean;
  lower?: string | null;
  upper?: string | null;
}

/** Whether a figure is proven exactly or only bounded — shown on every figure (SPEC §10). */
export function ProofBadge({ proof }: { proof: Proof | undefined }) {
  if (!proof) return null;
  if (proof.estimate)
    return (
      <span class="badge estimate" title="Monte Carlo estimate from a seeded sample: not a proof">
        estimate
      </span>
    );
  if (proof.proven)
    return (
      <span class="badge proven" title="proven exactly">
        proven
      </span>
    );
  const lo = proof.lower ?? '?';
  const hi = proof.upper ?? '?';
  return (
    <span class="badge bound" title={`proven bounds: ${lo} … ${hi}`}>
      bound [{formatNumber(proof.lower)}, {formatNumber(proof.upper)}]
    </span>
  );
}

export interface FigureProps {
  label: string;
  /** The API's exact value (kept on the element as data-value and title). */
  value: string | number | boolean | null | undefined;
  name?: string;
  text?: string;
  proof?: Proof | undefined;
  children?: ComponentChildren;
}

export function Figure({ label, value, name, text, proof, children }: FigureProps) {
  const exact = value === null || value === undefined ? '' : String(value);
  const shown = text ?? (typeof value === 'string' ? formatNumber(value) : exact || '—');
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd data-figure={name ?? label} data-value={exact} title={exact}>
        <span class="value">{shown}</span> <ProofBadge proof={proof} />
        {children}
      </dd>
    </div>
  );
}
