import type { VerifyReport } from '../chain/verify/verifyImport.js';
import { formatTable } from './table.js';

/** The reconciliation table: every figure where the ledger and the contracts differ. */
export function formatVerifyTable(r: VerifyReport): string {
  const head = `verify at block ${r.block}: ${r.checked} figures compared, ${r.differences.length} differ\n`;
  if (r.differences.length === 0) return head;
  return `${head}${formatTable(
    ['figure', 'key', 'chain', 'ledger'],
    r.differences.map((d) => [d.what, d.key, d.chain, d.ledger]),
  )}\n`;
}
