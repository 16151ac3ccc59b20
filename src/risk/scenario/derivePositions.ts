import type { LedgerState } from '../../core/state/state.js';
import { derivedPositionsMax, ledgerPositions, type DerivedPosition, type DerivedPositionsSummary } from './ledgerPositions.js';
import type { RawPosition } from './resolvePositions.js';
import { scenarioBounds } from './scenarioBounds.js';

/**
 * Positions derived from the ledger a scenario's network came from, next to its hand-written
 * ones: a hand-written position takes its id over; the bound is derivedPositionsMax, lowered so
 * that hand-written plus derived positions stay within the scenario bounds (positions,
 * positions × scenarios, holdings). Exact values become doubles here, at the simulation's input.
 */
export function derivePositions(
  state: LedgerState,
  hand: readonly RawPosition[],
  scenarios: number,
): { summary: DerivedPositionsSummary; positions: RawPosition[] } {
  const b = scenarioBounds;
  const max = Math.max(
    0,
    Math.min(derivedPositionsMax, b.positionsMax - hand.length, Math.floor(b.positionScenarioCellsMax / scenarios) - hand.length),
  );
  const handHoldings = hand.reduce((s, p) => s + p.holdings.length + p.covers.length, 0);
  const summary = ledgerPositions(state, {
    max,
    holdingsMax: Math.max(0, b.holdingsMax - handHoldings),
    reserved: new Set(hand.map((p) => p.id)),
  });
  return { summary, positions: summary.positions.map(rawPosition) };
}

function rawPosition(p: DerivedPosition): RawPosition {
  return {
    id: p.id,
    kind: p.kind,
    holdings: p.holdings.map((h) => ({ operator: h.operator, service: h.set, amount: h.amount.toNumber() })),
    covers: p.covers.map((c) => ({ position: c.position, deductible: c.deductible.toNumber(), limit: c.limit.toNumber() })),
    capital: p.capital.toNumber(),
    value: p.value.toNumber(),
    ...(p.native.sign() > 0 ? { native: p.native.toNumber() } : {}),
  };
}

/** JSON form of what was derived (exact numbers as "p/q" strings), for the Monte Carlo report. */
export interface DerivedPositionsReport {
  readonly max: number;
  readonly derived: number;
  /** Derived positions per source: staker, vault, lrt, insurance, covered. */
  readonly bySource: Readonly<Record<string, number>>;
  readonly overridden: readonly string[];
  readonly notDerived: number;
  readonly truncated: boolean;
  readonly positions: readonly {
    readonly id: string;
    readonly kind: string;
    readonly source: { readonly kind: string; readonly id: string };
    readonly value: string;
    readonly exposure: readonly { readonly operator: string; readonly set: string; readonly amount: string }[];
    readonly covers: readonly { readonly cover: string; readonly position: string; readonly deductible: string; readonly limit: string }[];
    readonly capital: string;
    /** Native (EigenPod) stake in the position; only when there is some. */
    readonly native?: string;
  }[];
}

export function derivedPositionsReport(s: DerivedPositionsSummary): DerivedPositionsReport {
  const bySource: Record<string, number> = {};
  for (const p of s.positions) bySource[p.source.kind] = (bySource[p.source.kind] ?? 0) + 1;
  return {
    max: s.max,
    derived: s.positions.length,
    bySource,
    overridden: s.overridden,
    notDerived: s.notDerived,
    truncated: s.truncated,
    positions: s.positions.map((p) => ({
      id: p.id,
      kind: p.kind,
      source: p.source,
      value: p.value.toString(),
      exposure: p.holdings.map((h) => ({ operator: h.operator, set: h.set, amount: h.amount.toString() })),
      covers: p.covers.map((c) => ({ ...c, deductible: c.deductible.toString(), limit: c.limit.toString() })),
      capital: p.capital.toString(),
      ...(p.native.sign() > 0 ? { native: p.native.toString() } : {}),
    })),
  };
}
