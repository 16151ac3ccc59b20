import { warmEntriesMax, type ComponentCache, type WarmProofs } from './componentCache.js';
import type { IndexedNetwork } from './indexNetwork.js';

/**
 * The warm-start proofs kept for this network's operators and services (created empty), or null without a
 * cache. Keyed by ids only: a command changing amounts or stakes finds the proofs of the network before it.
 */
export function warmEntry(cache: ComponentCache | undefined, ix: IndexedNetwork): WarmProofs | null {
  if (!cache?.proofs) return null;
  const key = JSON.stringify([ix.opIds, ix.svcIds]);
  let e = cache.proofs.get(key);
  if (!e) {
    if (cache.proofs.size >= warmEntriesMax) cache.proofs.clear();
    e = {};
    cache.proofs.set(key, e);
  }
  return e;
}
