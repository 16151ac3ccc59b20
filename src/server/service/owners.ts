import type { Account } from './serviceApi.js';

/**
 * Who owns each entity: the account that signed the command creating it (SPEC §9). Derived
 * from the log alone (creation entries in seq order), so a replay rebuilds it exactly.
 */
export interface Owners {
  readonly operators: Map<string, Account>;
  readonly services: Map<string, Account>;
  readonly lrts: Map<string, Account>;
  readonly pools: Map<string, Account>;
}

/** Creation command type → the owner map it fills and the id field it binds. */
export const ownedCreations: Readonly<Record<string, { readonly kind: keyof Owners; readonly field: string }>> = {
  registerOperator: { kind: 'operators', field: 'operator' },
  createService: { kind: 'services', field: 'service' },
  createLrt: { kind: 'lrts', field: 'lrt' },
  createInsurancePool: { kind: 'pools', field: 'pool' },
};

export function createOwners(): Owners {
  return { operators: new Map(), services: new Map(), lrts: new Map(), pools: new Map() };
}

/** Records the owner when `command` (already applied successfully) creates an owned entity; returns the undo. */
export function recordOwner(owners: Owners, account: Account, command: Readonly<Record<string, unknown>>): (() => void) | null {
  const c = ownedCreations[String(command['type'])];
  const id = c ? command[c.field] : undefined;
  if (!c || typeof id !== 'string') return null;
  const map = owners[c.kind];
  map.set(id, account);
  return () => map.delete(id);
}
