// Per-entity views for the read endpoints: the numbers and shapes of `run --json` (SPEC §4), one
// entity at a time, so a read of one staker does not build the whole state view.
import { lookThroughExposure, totalExposure, type ExposureTarget } from '../../core/lrt/lookThroughExposure.js';
import { lrtsView } from '../../core/lrt/lrtsView.js';
import { insuranceView } from '../../core/insurance/insuranceView.js';
import { conditionsView } from '../../core/conditions/conditionsView.js';
import { withdrawalShares } from '../../core/shares/withdrawalShares.js';
import { operatorView, stakerView, type Json, type JsonObject } from '../../core/state/view.js';
import type { LedgerState } from '../../core/state/state.js';
import type { ErrorCode } from '../../errors/catalogue.js';

export type EntityKind = 'operator' | 'service' | 'set' | 'vault' | 'staker' | 'lrt' | 'insurance' | 'withdrawal';

/** The catalogue code answered (404) for an unknown id of each kind. */
export const unknownCodes: Readonly<Record<EntityKind, ErrorCode>> = {
  operator: 'UNKNOWN_OPERATOR',
  service: 'UNKNOWN_SERVICE',
  set: 'UNKNOWN_SET',
  vault: 'UNKNOWN_VAULT',
  staker: 'UNKNOWN_STAKER',
  lrt: 'UNKNOWN_LRT',
  insurance: 'UNKNOWN_POOL',
  withdrawal: 'UNKNOWN_WITHDRAWAL',
};

function exposureView(state: LedgerState, target: ExposureTarget): JsonObject {
  const e = lookThroughExposure(state, target);
  const rows: Json[] = [];
  for (const [operator, bySet] of e) for (const [set, x] of bySet) rows.push({ operator, set, amount: x.toString() });
  return { rows, total: totalExposure(e).toString() };
}

function pick(section: Json | undefined, key: string, id: string): Json | undefined {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return undefined;
  const inner = key === '' ? section : section[key];
  if (inner === null || inner === undefined || typeof inner !== 'object' || Array.isArray(inner)) return undefined;
  return Object.prototype.hasOwnProperty.call(inner, id) ? inner[id] : undefined;
}

function stakerEntity(state: LedgerState, id: string): Json | undefined {
  const s = state.stakers.get(id);
  const holdsLrt = [...state.lrts.lrts.values()].some((l) => l.balances.has(id));
  if (!s && !holdsLrt) return undefined;
  const base = s ? stakerView(state, s) : { delegatedTo: null, vaults: {} };
  const lrtTokens: JsonObject = {};
  for (const l of state.lrts.lrts.values()) {
    const b = l.balances.get(id);
    if (b !== undefined) lrtTokens[l.id] = b.toString();
  }
  return { ...base, lrtTokens, exposure: exposureView(state, { kind: 'staker', id }) };
}

function setEntity(state: LedgerState, id: string): Json | undefined {
  const set = state.sets.get(id);
  if (!set) return undefined;
  const slashed: JsonObject = {};
  for (const [v, x] of state.slashed.get(id) ?? []) slashed[v] = x.toString();
  return {
    service: set.service,
    vaults: [...set.vaults],
    slasher: set.slasher,
    slashingMode: set.slashingMode,
    vetoWindowBlocks: set.vetoWindowBlocks,
    executeWindowBlocks: set.executeWindowBlocks,
    resolver: set.resolver,
    pendingResolver: set.pendingResolver,
    profitFromCorruption: set.profitFromCorruption.toString(),
    attackThreshold: set.attackThreshold.toString(),
    redistributeTo: set.redistributeTo.kind === 'burn' ? 'burn' : set.redistributeTo.account,
    operators: [...set.operators],
    slashed,
    conditions: pick(conditionsView(state), 'conditions', id) ?? {},
  };
}

function withdrawalEntity(state: LedgerState, id: string): Json | undefined {
  const w = state.withdrawals.get(id);
  if (!w) return undefined;
  return {
    staker: w.staker,
    vault: w.vault,
    operator: w.operator,
    scaledShares: w.scaledShares.toString(),
    expectedShares: withdrawalShares(state, w).toString(),
    startBlock: w.startBlock,
    completed: w.completed,
  };
}

/** The view of one entity, or undefined when the state has no such id. */
export function entityView(state: LedgerState, kind: EntityKind, id: string): Json | undefined {
  switch (kind) {
    case 'staker':
      return stakerEntity(state, id);
    case 'operator': {
      const op = state.operators.get(id);
      return op ? operatorView(state, op) : undefined;
    }
    case 'service': {
      const s = state.services.get(id);
      return s ? { sets: [...s.sets] } : undefined;
    }
    case 'set':
      return setEntity(state, id);
    case 'vault': {
      const v = state.vaults.get(id);
      if (!v) return undefined;
      return {
        asset: v.asset,
        totalShares: v.totalShares.toString(),
        balance: v.balance.toString(),
        exposure: exposureView(state, { kind: 'vault', id }),
      };
    }
    case 'lrt': {
      const l = pick(lrtsView(state), 'lrts', id);
      return l === undefined ? undefined : { ...(l as JsonObject), exposure: exposureView(state, { kind: 'lrt', id }) };
    }
    case 'insurance':
      return pick(insuranceView(state), 'pools', id);
    case 'withdrawal':
      return withdrawalEntity(state, id);
  }
}

/** Every operator's view (GET /v1/operators), as in run --json. */
export function operatorsView(state: LedgerState): JsonObject {
  const o: JsonObject = {};
  for (const [id, op] of state.operators) o[id] = operatorView(state, op);
  return o;
}

/** Every service with its sets (GET /v1/services). */
export function servicesView(state: LedgerState): JsonObject {
  const o: JsonObject = {};
  for (const [id, s] of state.services) o[id] = { sets: [...s.sets] };
  return o;
}
