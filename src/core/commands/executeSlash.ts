import { ok } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { WAD, mulWad } from '../../math/wad.js';
import { defineCommand } from '../commandSpec.js';
import { getOperator, getSet } from '../entities.js';
import { reqId } from '../fields.js';
import { check } from '../need.js';
import { openRequest } from '../openRequest.js';
import { reachableShares } from '../reachableShares.js';
import { slashVault } from '../slashVault.js';
import { magnitudesBefore, onSlashExecuted } from '../insurance/onSlashExecuted.js';

/**
 * Executes a request after its veto window, within its execute window: per vault it slashes
 * min(requested, still slashable) shares, where requested = wad × stake captured at the request.
 * Stake that arrived later pays nothing: the wad applied now is scaled down (rounding down).
 */
export const executeSlash = defineCommand<{ request: string }>({
  type: 'executeSlash',
  parse: (raw) => ({ request: reqId(raw, 'request') }),
  execute(state, c) {
    const r = openRequest(state, c.request);
    const set = getSet(state, r.set);
    const opens = r.requestBlock + set.vetoWindowBlocks;
    check(state.block > opens, 'VETO_WINDOW_OPEN', `executable after block ${opens}`);
    const closes = opens + set.executeWindowBlocks;
    check(state.block <= closes, 'EXECUTE_WINDOW_CLOSED', `closed after block ${closes}`);
    const op = getOperator(state, r.operator);
    let total = 0n;
    const perVault: string[] = [];
    const before = magnitudesBefore(state, r.operator, r.captured.keys());
    for (const [vault, captured] of r.captured) {
      const now = reachableShares(state, op, r.set, vault);
      const target = [mulWad(captured, r.wad), now].reduce((x, y) => (x < y ? x : y));
      const wadNow = now === 0n ? 0n : mulDiv(target, WAD, now, 'down');
      const slashed = wadNow === 0n ? 0n : slashVault(state, op, r.set, vault, wadNow).slashedShares;
      total += slashed;
      perVault.push(`${vault}:${slashed}`);
    }
    onSlashExecuted(state, r.set, r.operator, before);
    r.status = 'executed';
    return ok({ slashedShares: total.toString(), vaults: perVault });
  },
});
