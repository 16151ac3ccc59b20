import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { toNumber } from '../format';

export interface Column<R> {
  key: string;
  label: string;
  /** Sort key: numbers sort numerically, strings lexically. */
  sort?: (r: R) => number | string;
  render: (r: R) => ComponentChildren;
  numeric?: boolean;
}

export interface TableProps<R> {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (r: R) => string;
  initialSort?: { key: string; desc: boolean };
  pageSize?: number;
}

/** A sortable table: headers are buttons (keyboard), rows paged so 2,000 operators stay quick. */
export function Table<R>({ caption, columns, rows, rowKey, initialSort, pageSize = 100 }: TableProps<R>) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [shown, setShown] = useState(pageSize);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort?.key);
    if (!col?.sort || !sort) return rows;
    const f = col.sort;
    const out = [...rows].sort((a, b) => {
      const x = f(a);
      const y = f(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -c : c;
    });
    return out;
  }, [rows, sort, columns]);
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={c.numeric ? 'num' : ''}
                aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
              >
                {c.sort ? (
                  <button type="button" onClick={() => setSort({ key: c.key, desc: sort?.key === c.key ? !sort.desc : true })}>
                    {c.label}
                    <span aria-hidden="true">{sort?.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, shown).map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : ''}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > shown && (
        <button type="button" class="more" onClick={() => setShown(shown + pageSize)}>
          Show {Math.min(pageSize, sorted.length - shown)} more of {sorted.length - shown}
        </button>
      )}
    </div>
  );
}

/** Numeric sort key of an exact string. */
export const num = (s: string | null | undefined) => {
  const n = toNumber(s ?? '');
  return Number.isFinite(n) ? n : -Infinity;
};
