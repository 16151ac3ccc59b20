import type { ChainLog } from '../chainLog.js';
import type { MapContext } from './mapContext.js';
import { mapTransaction } from './mapTransaction.js';

/** Maps logs sorted in chain order, one transaction at a time (a slash reads its whole transaction). */
export function mapLogs(ctx: MapContext, logs: readonly ChainLog[]): void {
  let start = 0;
  for (let i = 1; i <= logs.length; i++) {
    const a = logs[start];
    const b = logs[i];
    if (a && (!b || b.block !== a.block || b.transactionIndex !== a.transactionIndex)) {
      mapTransaction(ctx, logs.slice(start, i));
      start = i;
    }
  }
}
