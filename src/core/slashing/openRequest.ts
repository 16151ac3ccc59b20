import { need, check } from '../need.js';
import type { LedgerState, SlashRequest } from '../state/state.js';

/** A slash request that is still pending, or the precise error for why not. */
export function openRequest(state: LedgerState, id: string): SlashRequest {
  const r = need(state.slashRequests.get(id), 'UNKNOWN_REQUEST', id);
  check(r.status !== 'vetoed', 'REQUEST_VETOED', id);
  check(r.status !== 'executed', 'REQUEST_EXECUTED', id);
  return r;
}
