import { allocationOf } from '../../core/allocation/allocations.js';
import { WAD, divWad } from '../../math/wad.js';
import type { ChainLog } from '../chainLog.js';
import { addr, big, list, operatorSetOf, small } from './args.js';
import { ensureOperator, ensureSlashable, ensureVaultInSet } from './ensure.js';
import { exactSlashWad } from './exactSlashWad.js';
import { NotExpressible, emit, mismatch, type MapContext } from './mapContext.js';

/** The contract's own record of one strategy of a slash, from the events it emitted before it. */
interface Taken {
  newMax: bigint | null;
  current: ChainLog | null;
  pending: ChainLog | null;
}

function takenFor(group: ChainLog[], operator: string, set: string, strategy: string, block: number): Taken {
  const t: Taken = { newMax: null, current: null, pending: null };
  for (const log of group) {
    if (log.args['operator'] !== operator || log.args['strategy'] !== strategy) continue;
    if (log.event === 'MaxMagnitudeUpdated') t.newMax = big(log, 'maxMagnitude');
    if (log.event !== 'AllocationUpdated' || operatorSetOf(log).set !== set) continue;
    if (small(log, 'effectBlock') === block) t.current = log;
    else t.pending = log;
  }
  return t;
}

/** One strategy of a slash: the ledger `slash` that takes exactly the contract's magnitude. */
function slashStrategy(ctx: MapContext, log: ChainLog, set: string, operator: string, strategy: string, t: Taken): void {
  const op = ctx.state.operators.get(operator);
  const prevMax = op?.vaults.get(strategy)?.maxMagnitude ?? WAD;
  const taken = t.newMax === null ? 0n : prevMax - t.newMax;
  if (taken === 0n) return; // nothing allocated (or nothing asked): the contract took nothing either
  const a = op ? allocationOf(op, set, strategy) : { current: 0n, pending: 0n, effectBlock: null };
  const pending = a.pending < 0n ? -a.pending : 0n;
  const currentAfter = a.current - taken;
  const pendingAfter = t.pending === null ? null : currentAfter - big(t.pending, 'magnitude');
  const pendingTaken = pendingAfter === null ? null : pending - pendingAfter;
  const wad = exactSlashWad({ current: a.current, taken, pending, pendingTaken });
  if (wad === null) {
    throw new NotExpressible(
      `${strategy}: no wad takes ${taken} of allocation ${a.current} (pending ${pending}); earlier history missing?`,
    );
  }
  emit(ctx, { type: 'slash', set, operator, vault: strategy, wad: wad.toString() });
  const after = ctx.state.operators.get(operator)?.vaults.get(strategy)?.maxMagnitude ?? WAD;
  if (t.newMax !== null) mismatch(ctx, log, `max magnitude ${strategy}`, t.newMax, after);
  if (t.current !== null) {
    const now = op ? allocationOf(op, set, strategy).current : 0n;
    mismatch(ctx, log, `allocation ${strategy}`, big(t.current, 'magnitude'), now);
  }
}

/**
 * `OperatorSlashed` with the magnitude events the contract emitted for it (same transaction,
 * since the previous slash). `wadSlashed[i]` is the magnitude taken over the previous max
 * magnitude (rounded down); the ledger's own figure is checked against it.
 */
export function mapSlash(ctx: MapContext, log: ChainLog, group: ChainLog[]): void {
  const { avs, set } = operatorSetOf(log);
  const operator = addr(log, 'operator');
  const strategies = list<string>(log, 'strategies');
  const wads = list<bigint>(log, 'wadSlashed');
  ensureOperator(ctx, operator);
  for (const s of strategies) ensureVaultInSet(ctx, avs, set, s);
  ensureSlashable(ctx, operator, set);
  strategies.forEach((strategy, i) => {
    const prevMax = ctx.state.operators.get(operator)?.vaults.get(strategy)?.maxMagnitude ?? WAD;
    const t = takenFor(group, operator, set, strategy, log.block);
    const taken = t.newMax === null ? 0n : prevMax - t.newMax;
    mismatch(ctx, log, `wadSlashed ${strategy}`, wads[i] ?? 0n, prevMax === 0n ? 0n : divWad(taken, prevMax));
    slashStrategy(ctx, log, set, operator, strategy, t);
  });
}
