import { ok } from '../../errors/result.js';
import { WAD } from '../../math/wad.js';
import { allocationOf, allocationRecord, settleAllocation } from '../allocation/allocations.js';
import { blockMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, getSet } from '../state/entities.js';
import { reqId, reqInt, reqWad } from '../log/fields.js';
import { operatorVault } from '../state/lookups.js';
import { check } from '../need.js';

interface AllocateAt {
  operator: string;
  set: string;
  vault: string;
  magnitude: bigint;
  effectBlock: number;
}

/**
 * `allocate` with the effect block given instead of derived from the operator's delay: a chain
 * fact (EigenLayer `AllocationUpdated(operator, set, strategy, magnitude, effectBlock)`) replayed
 * to the block, whatever delays the chain used. Same bookkeeping as `allocate`: an increase is
 * encumbered at once, a decrease frees its magnitude at its effect block; an effect block that
 * is already here settles at once (EigenLayer's deallocation of a non-slashable allocation).
 */
export const allocateAt = defineCommand<AllocateAt>({
  type: 'allocateAt',
  parse: (raw) => ({
    operator: reqId(raw, 'operator'),
    set: reqId(raw, 'set'),
    vault: reqId(raw, 'vault'),
    magnitude: reqWad(raw, 'magnitude'),
    effectBlock: reqInt(raw, 'effectBlock', 0, blockMax),
  }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    const set = getSet(state, c.set);
    check(set.vaults.includes(c.vault), 'VAULT_NOT_IN_SET', `${c.vault} in ${c.set}`);
    check(c.magnitude <= WAD, 'MAGNITUDE_TOO_LARGE');
    check(c.effectBlock >= state.block, 'EFFECT_BLOCK_PAST', `effect block ${c.effectBlock} < block ${state.block}`);
    const a = allocationOf(op, c.set, c.vault);
    check(a.effectBlock === null, 'MODIFICATION_PENDING', `effect block ${a.effectBlock}`);
    check(c.magnitude !== a.current, 'SAME_MAGNITUDE');
    const ov = op.vaults.get(c.vault);
    const maxMagnitude = ov?.maxMagnitude ?? WAD;
    const diff = c.magnitude - a.current;
    if (diff > 0n) {
      const room = op.mode === 'unique' ? maxMagnitude - (ov?.encumbered ?? 0n) : maxMagnitude - a.current;
      check(diff <= room, 'INSUFFICIENT_MAGNITUDE', `${room} available`);
    }
    const record = allocationRecord(op, c.set, c.vault);
    const vaultRecord = operatorVault(op, c.vault);
    if (diff > 0n) vaultRecord.encumbered += diff;
    record.pending = diff;
    record.effectBlock = c.effectBlock;
    if (c.effectBlock <= state.block) settleAllocation(state, op, c.set, c.vault);
    else state.pendingAllocations.push({ operator: c.operator, set: c.set, vault: c.vault, effectBlock: c.effectBlock });
    return ok({ effectBlock: c.effectBlock });
  },
});
