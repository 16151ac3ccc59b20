import type { Json } from '../api';
import { formatNumber, formatPercent } from '../format';

/**
 * A number in a table cell: the API's value on the element (`data-figure` names it, `data-value` and the
 * title hold it exactly, as the browser test reads them), a rounded reading as text.
 */
export function Num({ name, value, percent }: { name: string; value: Json | undefined; percent?: boolean }) {
  const exact = value === null || value === undefined ? '' : String(value);
  const shown = exact === '' ? '—' : percent ? formatPercent(exact) : formatNumber(exact);
  return (
    <span data-figure={name} data-value={exact} title={exact}>
      {shown}
    </span>
  );
}

/** Numeric sort key of a JSON number (missing values last). */
export const numKey = (v: Json | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : -Infinity);
