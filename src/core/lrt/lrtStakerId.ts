/**
 * Id of the internal ledger staker an LRT uses for one target operator (a staker delegates to one
 * operator, so each operator gets its own). Staker ids starting with `lrt:` are reserved for LRTs:
 * the log must not issue staker commands for them (createLrt refuses ids already in use).
 */
export function lrtStakerId(lrt: string, operator: string): string {
  return `lrt:${lrt}:${operator}`;
}
