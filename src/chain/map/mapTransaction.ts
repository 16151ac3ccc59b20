import { StakemeshFailure } from '../../errors/result.js';
import type { ChainLog } from '../chainLog.js';
import { unknownEvent } from '../source/toChainLog.js';
import { allocationHandlers } from './allocationEvents.js';
import {
  delegationHandlers,
  mapUndelegated,
  mapWithdrawalCompleted,
  mapWithdrawalQueued,
  type UndelegatedInTx,
} from './delegationEvents.js';
import { advanceTo } from './ensure.js';
import { NotExpressible, reportOf, type EventOutcome, type MapContext } from './mapContext.js';
import { mapSlash } from './mapSlash.js';
import { podHandlers } from './podEvents.js';
import { strategyHandlers } from './strategyEvents.js';

type Handler = (ctx: MapContext, log: ChainLog) => EventOutcome;

/** Events with no ledger meaning: metadata, registrars, whitelisting roles, pod deployment, pauses. */
export const informationalEvents: ReadonlySet<string> = new Set([
  'AVSMetadataURIUpdated',
  'AVSRegistrarSet',
  'OperatorMetadataURIUpdated',
  'DelegationApproverUpdated',
  'StrategyWhitelisterChanged',
  'StrategyRemovedFromDepositWhitelist',
  'PodDeployed',
  'PectraForkTimestampSet',
  'ProofTimestampSetterSet',
  'AdminChanged',
  'Upgraded',
]);

/** Events a slash emits before `OperatorSlashed`; they are read by it, not applied alone. */
const slashParts: ReadonlySet<string> = new Set([
  'AllocationUpdated',
  'MaxMagnitudeUpdated',
  'EncumberedMagnitudeUpdated',
  'OperatorSharesSlashed',
  'BurnableSharesIncreased',
  'BurnableETHSharesIncreased',
]);

const handlers: Readonly<Record<string, Handler>> = { ...allocationHandlers, ...delegationHandlers, ...strategyHandlers, ...podHandlers };

function count(ctx: MapContext, log: ChainLog, outcome: EventOutcome): void {
  ctx.outcomeCounts.set(outcome, (ctx.outcomeCounts.get(outcome) ?? 0) + 1);
  ctx.eventCounts.set(log.event, (ctx.eventCounts.get(log.event) ?? 0) + 1);
}

/** Maps one event; a failure to express it is reported with its position, never dropped. */
function mapOne(ctx: MapContext, log: ChainLog, run: () => EventOutcome): void {
  ctx.current = log;
  let outcome: EventOutcome;
  try {
    outcome = run();
  } catch (e) {
    if (!(e instanceof NotExpressible)) throw e;
    ctx.unexpressible.push(reportOf(log, e.message));
    outcome = 'unexpressible';
  }
  count(ctx, log, outcome);
}

function dispatch(ctx: MapContext, log: ChainLog, undelegated: UndelegatedInTx, earlier: readonly ChainLog[] = []): EventOutcome {
  if (informationalEvents.has(log.event)) return 'informational';
  if (log.event === 'StakerUndelegated') return mapUndelegated(ctx, log, undelegated);
  if (log.event === 'SlashingWithdrawalQueued') return mapWithdrawalQueued(ctx, log, undelegated);
  if (log.event === 'SlashingWithdrawalCompleted') return mapWithdrawalCompleted(ctx, log, earlier);
  const h = handlers[log.event];
  if (h) return h(ctx, log);
  throw new NotExpressible(
    log.event === unknownEvent ? `unknown event topic ${String(log.args['topic0'])}` : `no ledger command for ${log.event}`,
  );
}

/** Buffered magnitude events: allocations first (in order), then the final checks per key. */
function flush(ctx: MapContext, buffer: ChainLog[]): void {
  const last = new Map<string, ChainLog>();
  for (const log of buffer) {
    if (log.event === 'AllocationUpdated') mapOne(ctx, log, () => dispatch(ctx, log, new Map()));
    else last.set(`${log.event}|${String(log.args['operator'])}|${String(log.args['strategy'])}`, log);
  }
  for (const log of buffer) {
    if (log.event === 'AllocationUpdated') continue;
    const key = `${log.event}|${String(log.args['operator'])}|${String(log.args['strategy'])}`;
    mapOne(ctx, log, () => (last.get(key) === log ? dispatch(ctx, log, new Map()) : 'derived'));
  }
  buffer.length = 0;
}

/**
 * Maps the logs of one transaction, in order. A slash's magnitude events come before its
 * `OperatorSlashed` (which needs them), so they are held until it or the end of the transaction;
 * any other event flushes them first, keeping the chain's order of effects.
 */
export function mapTransaction(ctx: MapContext, logs: readonly ChainLog[]): void {
  const first = logs[0];
  if (!first) return;
  if (first.block < ctx.state.block) {
    throw new StakemeshFailure('BAD_LOG', `block ${first.block} comes after block ${ctx.state.block}: logs out of order`);
  }
  advanceTo(ctx, first.block);
  let buffer: ChainLog[] = [];
  const undelegated: UndelegatedInTx = new Map();
  for (const [i, log] of logs.entries()) {
    if (slashParts.has(log.event)) {
      buffer.push(log);
      continue;
    }
    if (log.event === 'OperatorSlashed') {
      const strategies = new Set(log.args['strategies'] as string[]);
      const mine = (g: ChainLog): boolean =>
        (g.args['operator'] === undefined || g.args['operator'] === log.args['operator']) &&
        (g.args['strategy'] === undefined || strategies.has(g.args['strategy'] as string));
      const group = buffer.filter(mine);
      buffer = buffer.filter((g) => !mine(g));
      mapOne(ctx, log, () => (mapSlash(ctx, log, group), 'mapped'));
      for (const g of group) mapOne(ctx, g, () => slashPart(ctx, g, group));
      continue;
    }
    flush(ctx, buffer);
    mapOne(ctx, log, () => dispatch(ctx, log, undelegated, logs.slice(0, i)));
  }
  flush(ctx, buffer);
  for (const check of ctx.endOfTx.splice(0)) check();
}

/** After its slash: the last encumbered magnitude per strategy is checked; the rest were read by it. */
function slashPart(ctx: MapContext, g: ChainLog, group: readonly ChainLog[]): EventOutcome {
  if (g.event === 'MaxMagnitudeUpdated' || g.event === 'AllocationUpdated') return 'mapped';
  if (g.event !== 'EncumberedMagnitudeUpdated') return 'derived';
  const later = group.slice(group.indexOf(g) + 1);
  const superseded = later.some((x) => x.event === g.event && x.args['strategy'] === g.args['strategy']);
  return superseded ? 'derived' : dispatch(ctx, g, new Map());
}
