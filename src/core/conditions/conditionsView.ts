import type { LedgerState } from '../state/state.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** JSON of the condition state for `stakemesh run --json`: keys, attached conditions, used evidence. */
export function conditionsView(state: LedgerState): { [k: string]: Json } {
  const c = state.conditions;
  const keys: { [k: string]: Json } = {};
  for (const [op, epochs] of c.keys) keys[op] = epochs.map((e) => ({ scheme: e.scheme, publicKey: e.publicKey, fromBlock: e.fromBlock }));
  const sets: { [k: string]: Json } = {};
  for (const [set, byId] of c.conditions) {
    const o: { [k: string]: Json } = {};
    for (const [id, a] of byId) {
      o[id] = {
        kind: a.kind,
        penaltyWad: a.penaltyWad.toString(),
        capWad: a.capWad.toString(),
        windowBlocks: a.windowBlocks,
        cooldownBlocks: a.cooldownBlocks,
        attachedBlock: a.attachedBlock,
      };
    }
    sets[set] = o;
  }
  const evidence: { [k: string]: Json } = {};
  for (const [id, u] of c.evidence)
    evidence[id] = { set: u.set, condition: u.condition, operator: u.operator, block: u.block, wad: u.wad.toString() };
  return { keyRotationDelayBlocks: c.keyRotationDelayBlocks, keys, conditions: sets, evidence };
}
