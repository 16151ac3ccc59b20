import { defineCommand } from '../log/commandSpec.js';
import { optId, reqId, reqWad, type Raw } from '../log/fields.js';
import { issueSlash } from '../slashing/issueSlash.js';
import { StakemeshFailure } from '../../errors/result.js';
import { vaultsPerSetMax } from '../state/bounds.js';
import { reqIdList } from '../log/fields.js';

interface Slash {
  set: string;
  operator: string;
  vaults: string[] | undefined;
  wad: bigint;
  caller: string | undefined;
}

function vaultsField(raw: Raw): string[] | undefined {
  if (raw['vault'] !== undefined && raw['vaults'] !== undefined) {
    throw new StakemeshFailure('BAD_FIELD', 'give vault or vaults, not both');
  }
  if (raw['vault'] !== undefined) return [reqId(raw, 'vault')];
  return raw['vaults'] === undefined ? undefined : reqIdList(raw, 'vaults', vaultsPerSetMax);
}

/**
 * Slashes an operator's allocation to a set by `wad` (fraction of the allocation) for one vault,
 * a list, or (neither given) every vault of the set. `caller`, when given, must be the set's
 * slasher. In a veto-mode set this files a request instead (requestSlash).
 */
export const slash = defineCommand<Slash>({
  type: 'slash',
  parse: (raw) => ({
    set: reqId(raw, 'set'),
    operator: reqId(raw, 'operator'),
    vaults: vaultsField(raw),
    wad: reqWad(raw, 'wad'),
    caller: optId(raw, 'caller'),
  }),
  execute: (state, c) =>
    issueSlash(state, { set: c.set, operator: c.operator, vaults: c.vaults, wad: c.wad, source: { kind: 'slasher', caller: c.caller } }),
});
