import type { JobRecord, ResultStore } from './resultStore.js';

/** In-process result store (offline CLI runs and tests; `stakemesh serve` keeps results in its database: src/store/sqlResultStore). */
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
