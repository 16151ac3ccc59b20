import type { OperatorSet } from '../state/state.js';

/** The set's resolver in effect at `block` (a change waits for its effect block). */
export function resolverAt(set: OperatorSet, block: number): string | null {
  const p = set.pendingResolver;
  return p !== null && block >= p.effectBlock ? p.resolver : set.resolver;
}
