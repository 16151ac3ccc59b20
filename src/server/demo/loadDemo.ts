import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLog } from '../../core/log/parseLog.js';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { demoEnvelopes, demoKey } from './demoEnvelopes.js';

/** The example the demo loads: shared security end to end (LRT, insurance, rewards, veto slashes). */
export const demoLogPath = fileURLToPath(new URL('../../../../examples/shared-security.yaml', import.meta.url));

/** The demo's admin account (add it to the server's admins before opening the service). */
export function demoAdmin(): string {
  return demoKey('admin').account;
}

/**
 * Loads the demo into an empty service (a service with a log keeps it: restarting a demo does not
 * append twice). Returns the number of commands appended.
 */
export async function loadDemo(service: LedgerServiceApi): Promise<number> {
  if (service.head().seq > 0) return 0;
  const parsed = parseLog(readFileSync(demoLogPath, 'utf8'));
  if (!parsed.ok) throw new Error(`demo log ${demoLogPath}: ${parsed.error.message}`);
  const { envelopes } = demoEnvelopes(parsed.value.commands as Parameters<typeof demoEnvelopes>[0], service.chainId);
  let appended = 0;
  for (const e of envelopes) {
    const r = await service.submit([e]);
    if (r.ok) appended += 1;
  }
  return appended;
}
