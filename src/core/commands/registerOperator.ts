import { ok } from '../../errors/result.js';
import { commissionBipsMax, delayBlocksMax, operatorsMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { optEnum, optInt, reqId } from '../log/fields.js';
import { check } from '../need.js';
import type { AllocationMode } from '../state/state.js';

interface RegisterOperator {
  operator: string;
  allocationMode: AllocationMode;
  allocationDelay: number;
  commissionBips: number;
}

/**
 * Registers an operator. The allocation delay given here is in effect at once (as when
 * EigenLayer's DelegationManager sets it on registration); later changes wait (setAllocationDelay).
 */
export const registerOperator = defineCommand<RegisterOperator>({
  type: 'registerOperator',
  parse: (raw) => ({
    operator: reqId(raw, 'operator'),
    allocationMode: optEnum<AllocationMode>(raw, 'allocationMode', ['unique', 'elastic'], 'unique'),
    allocationDelay: optInt(raw, 'allocationDelay', 0, delayBlocksMax, 0),
    commissionBips: optInt(raw, 'commissionBips', 0, commissionBipsMax, 1000),
  }),
  execute(state, c) {
    check(!state.operators.has(c.operator), 'OPERATOR_EXISTS', c.operator);
    check(state.operators.size < operatorsMax, 'BOUND_EXCEEDED', `operatorsMax ${operatorsMax}`);
    state.operators.set(c.operator, {
      id: c.operator,
      mode: c.allocationMode,
      commissionBips: c.commissionBips,
      allocationDelay: c.allocationDelay,
      pendingAllocationDelay: null,
      vaults: new Map(),
      allocations: new Map(),
      registrations: new Map(),
    });
    return ok({ operator: c.operator });
  },
});
