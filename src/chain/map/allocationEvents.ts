import { WAD } from '../../math/wad.js';
import type { ChainLog } from '../chainLog.js';
import { addr, big, operatorSetOf, small } from './args.js';
import { ensureOperator, ensureService, ensureSet, ensureVault, ensureVaultInSet } from './ensure.js';
import { emit, mismatch, type EventOutcome, type MapContext } from './mapContext.js';

/** AllocationManager events outside a slash, each to the ledger command that has its effect. */
export const allocationHandlers: Readonly<Record<string, (ctx: MapContext, log: ChainLog) => EventOutcome>> = {
  OperatorSetCreated(ctx, log) {
    const { avs, set } = operatorSetOf(log);
    ensureService(ctx, avs);
    if (ctx.state.sets.has(set)) return 'mapped';
    emit(ctx, { type: 'createOperatorSet', service: avs, set, vaults: [] });
    return 'mapped';
  },
  StrategyAddedToOperatorSet(ctx, log) {
    const { avs, set } = operatorSetOf(log);
    ensureSet(ctx, avs, set);
    const strategy = addr(log, 'strategy');
    ensureVault(ctx, strategy);
    emit(ctx, { type: 'addVaultToSet', set, vault: strategy });
    return 'mapped';
  },
  OperatorAddedToOperatorSet(ctx, log) {
    const { avs, set } = operatorSetOf(log);
    const operator = addr(log, 'operator');
    ensureSet(ctx, avs, set);
    ensureOperator(ctx, operator);
    emit(ctx, { type: 'registerForOperatorSet', operator, set });
    return 'mapped';
  },
  OperatorRemovedFromOperatorSet(ctx, log) {
    const { set } = operatorSetOf(log);
    emit(ctx, { type: 'deregisterFromOperatorSet', operator: addr(log, 'operator'), set });
    return 'mapped';
  },
  AllocationDelaySet(ctx, log) {
    const operator = addr(log, 'operator');
    ensureOperator(ctx, operator);
    emit(ctx, { type: 'setAllocationDelayAt', operator, delay: small(log, 'delay'), effectBlock: small(log, 'effectBlock') });
    return 'mapped';
  },
  AllocationUpdated(ctx, log) {
    const { avs, set } = operatorSetOf(log);
    const operator = addr(log, 'operator');
    const strategy = addr(log, 'strategy');
    ensureOperator(ctx, operator);
    ensureVaultInSet(ctx, avs, set, strategy);
    const magnitude = big(log, 'magnitude').toString();
    // modifyAllocations clears the strategy's completed deallocations before it allocates.
    ctx.lazilyFreed.delete(`${operator}|${strategy}`);
    emit(ctx, { type: 'allocateAt', operator, set, vault: strategy, magnitude, effectBlock: small(log, 'effectBlock') });
    return 'mapped';
  },
  /**
   * Checked, not applied: the ledger encumbers on allocation and frees on settlement itself. The
   * contract's stored figure may still hold deallocations it clears lazily (see lazilyFreed): a
   * value equal to the ledger's means the queue was cleared, one equal to ledger + uncleared
   * means it was not; anything else is a mismatch.
   */
  EncumberedMagnitudeUpdated(ctx, log) {
    const key = `${addr(log, 'operator')}|${addr(log, 'strategy')}`;
    const ledger = ctx.state.operators.get(addr(log, 'operator'))?.vaults.get(addr(log, 'strategy'))?.encumbered ?? 0n;
    const chain = big(log, 'encumberedMagnitude');
    const lazy = ctx.lazilyFreed.get(key) ?? 0n;
    if (chain === ledger) ctx.lazilyFreed.delete(key);
    else if (lazy > 0n && chain === ledger + lazy) ctx.lazyMatches += 1;
    else mismatch(ctx, log, 'encumbered magnitude', chain, ledger);
    return 'derived';
  },
  /** Outside a slash the max magnitude cannot move: checked against the ledger. */
  MaxMagnitudeUpdated(ctx, log) {
    const ov = ctx.state.operators.get(addr(log, 'operator'))?.vaults.get(addr(log, 'strategy'));
    mismatch(ctx, log, 'max magnitude', big(log, 'maxMagnitude'), ov?.maxMagnitude ?? WAD);
    return 'derived';
  },
};
