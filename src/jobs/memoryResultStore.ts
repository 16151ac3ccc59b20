import type { JobRecord, ResultStore } from './resultStore.js';

/** In-process result store (the embedded default; the SQL table shape is `jobResultsTableSql`). */
export function memoryResultStore(): ResultStore & { readonly size: () => number } {
  const records = new Map<string, JobRecord>();
  return {
    get: (key) => Promise.resolve(records.get(key) ?? null),
    put: (record) => {
      records.set(record.key, record);
      return Promise.resolve();
    },
    size: () => records.size,
  };
}
