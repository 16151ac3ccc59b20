import { ok } from '../../errors/result.js';
import { WAD } from '../../math/wad.js';
import { allocationDelayAt } from '../allocation/allocationDelay.js';
import { allocationOf, allocationRecord, settleAllocation } from '../allocation/allocations.js';
import { blockMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, getSet } from '../state/entities.js';
import { reqId, reqWad } from '../log/fields.js';
import { isSlashable, operatorVault } from '../state/lookups.js';
import { check } from '../need.js';

interface Allocate {
  operator: string;
  set: string;
  vault: string;
  magnitude: bigint;
}

/**
 * Sets the operator's target magnitude for (set, vault) (EigenLayer `modifyAllocations`).
 * Increases wait for the allocation delay and are encumbered at once; decreases of a slashable
 * allocation stay slashable for deallocationDelayBlocks and take effect one block after.
 */
export const allocate = defineCommand<Allocate>({
  type: 'allocate',
  parse: (raw) => ({
    operator: reqId(raw, 'operator'),
    set: reqId(raw, 'set'),
    vault: reqId(raw, 'vault'),
    magnitude: reqWad(raw, 'magnitude'),
  }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    const set = getSet(state, c.set);
    check(set.vaults.includes(c.vault), 'VAULT_NOT_IN_SET', `${c.vault} in ${c.set}`);
    check(c.magnitude <= WAD, 'MAGNITUDE_TOO_LARGE');
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
    const slashable = isSlashable(op.registrations.get(c.set), state.block);
    const delay = diff > 0n ? allocationDelayAt(op, state.block) : slashable ? state.config.deallocationDelayBlocks + 1 : 0;
    const effectBlock = state.block + delay;
    check(effectBlock <= blockMax, 'BLOCK_OVERFLOW');

    const record = allocationRecord(op, c.set, c.vault);
    const vaultRecord = operatorVault(op, c.vault);
    if (diff > 0n) vaultRecord.encumbered += diff;
    record.pending = diff;
    record.effectBlock = effectBlock;
    if (effectBlock <= state.block) settleAllocation(state, op, c.set, c.vault);
    else state.pendingAllocations.push({ operator: c.operator, set: c.set, vault: c.vault, effectBlock });
    return ok({ effectBlock });
  },
});
