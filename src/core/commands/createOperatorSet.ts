import { ok } from '../../errors/result.js';
import { Rational } from '../../math/rational.js';
import { delayBlocksMax, setsMax, vaultsPerSetMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getVault } from '../state/entities.js';
import { optDecimal, optEnum, optFraction, optId, optInt, reqId, reqIdList } from '../log/fields.js';
import { check, need } from '../need.js';
import type { Redistribution, SlashingMode } from '../state/state.js';
import type { Raw } from '../log/fields.js';

interface CreateOperatorSet {
  service: string;
  set: string;
  vaults: string[];
  slasher: string;
  slashingMode: SlashingMode;
  vetoWindowBlocks: number;
  executeWindowBlocks: number;
  resolver: string | null;
  profitFromCorruption: Rational;
  attackThreshold: Rational;
  redistributeTo: Redistribution;
}

/** Default α: a majority of the allocated stake must be corrupted to break the service. */
export const attackThresholdDefault = Rational.of(1n, 2n);
const windowDefault = 50_400;

function redistribution(raw: Raw): Redistribution {
  const target = optId(raw, 'redistributeTo') ?? 'burn';
  return target === 'burn' ? { kind: 'burn' } : { kind: 'account', account: target };
}

export const createOperatorSet = defineCommand<CreateOperatorSet>({
  type: 'createOperatorSet',
  parse(raw) {
    const service = reqId(raw, 'service');
    return {
      service,
      set: reqId(raw, 'set'),
      vaults: reqIdList(raw, 'vaults', vaultsPerSetMax),
      slasher: optId(raw, 'slasher') ?? service,
      slashingMode: optEnum<SlashingMode>(raw, 'slashingMode', ['instant', 'veto'], 'instant'),
      vetoWindowBlocks: optInt(raw, 'vetoWindowBlocks', 1, delayBlocksMax, windowDefault),
      executeWindowBlocks: optInt(raw, 'executeWindowBlocks', 1, delayBlocksMax, windowDefault),
      resolver: optId(raw, 'resolver') ?? null,
      profitFromCorruption: optDecimal(raw, 'profitFromCorruption', Rational.ZERO),
      attackThreshold: optFraction(raw, 'attackThreshold', attackThresholdDefault, Rational.of(1n, 10n ** 18n)),
      redistributeTo: redistribution(raw),
    };
  },
  execute(state, c) {
    const service = need(state.services.get(c.service), 'UNKNOWN_SERVICE', c.service);
    check(!state.sets.has(c.set), 'SET_EXISTS', c.set);
    check(state.sets.size < setsMax, 'BOUND_EXCEEDED', `setsMax ${setsMax}`);
    for (const v of c.vaults) getVault(state, v);
    check(c.slashingMode === 'instant' || c.resolver !== null, 'BAD_FIELD', 'a veto-mode set needs a resolver');
    // late-stake refunds of veto executions (slashing/lateStake.ts) value positions with m alone
    const native = state.native?.vault;
    check(c.slashingMode === 'instant' || native === undefined || !c.vaults.includes(native), 'NATIVE_VETO_UNSUPPORTED', native);
    state.sets.set(c.set, { id: c.set, ...c, pendingResolver: null, operators: new Set() });
    service.sets.push(c.set);
    return ok({ set: c.set });
  },
});
