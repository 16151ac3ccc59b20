import { WAD } from '../../math/wad.js';
import { mulDiv } from '../../math/mulDiv.js';
import { mulWad } from '../../math/wad.js';
import type { ChainLog } from '../chainLog.js';
import { addr, big, tuple } from './args.js';
import { ensureOperator, ensureVault } from './ensure.js';
import { NotExpressible, emit, mismatch, type EventOutcome, type MapContext } from './mapContext.js';

/** Withdrawals the ledger's `undelegate` queued in the current transaction: staker → vault → id. */
export type UndelegatedInTx = Map<string, Map<string, string>>;

/**
 * Deposit shares `x` that queue exactly `q` scaled shares: EigenLayer emits `q = mulWad(x, k)`
 * only. The smallest such x (division up); null when none exists (the ledger's k differs).
 */
export function depositSharesFor(q: bigint, k: bigint): bigint | null {
  const x = mulDiv(q, WAD, k, 'up');
  return mulWad(x, k) === q ? x : null;
}

function queueOne(ctx: MapContext, staker: string, strategy: string, q: bigint): string {
  ensureVault(ctx, strategy);
  const k = ctx.state.stakers.get(staker)?.positions.get(strategy)?.scalingFactor ?? WAD;
  const x = depositSharesFor(q, k);
  if (x === null) throw new NotExpressible(`no deposit shares queue exactly ${q} scaled shares at scaling factor ${k}`);
  const fields = emit(ctx, { type: 'queueWithdrawal', staker, vault: strategy, shares: x.toString() });
  return String(fields['withdrawal']);
}

/** `SlashingWithdrawalQueued`: a queueWithdrawal per strategy, or the ones `undelegate` queued. */
export function mapWithdrawalQueued(ctx: MapContext, log: ChainLog, undelegated: UndelegatedInTx): EventOutcome {
  const w = tuple(log, 'withdrawal');
  const staker = w['staker'] as string;
  const strategies = w['strategies'] as string[];
  const scaled = w['scaledShares'] as bigint[];
  const root = String(log.args['withdrawalRoot']);
  const byUndelegate = undelegated.get(staker);
  const ids = strategies.map((s, i) => {
    const q = scaled[i] ?? 0n;
    const id = byUndelegate?.get(s);
    if (id === undefined) return queueOne(ctx, staker, s, q);
    mismatch(ctx, log, `scaled shares ${s}`, q, ctx.state.withdrawals.get(id)?.scaledShares ?? 0n);
    return id;
  });
  ctx.withdrawalRoots.set(root, ids);
  return byUndelegate ? 'derived' : 'mapped';
}

/**
 * `SlashingWithdrawalCompleted`: the ledger's `completeWithdrawal` (paid in assets). Completed *as
 * shares*, EigenLayer re-credits them first in the same transaction (StrategyManager `Deposit`,
 * EigenPodManager `PodSharesUpdated` > 0 for the staker); those were mapped as new deposits, so the
 * pair only approximates the chain: reported as not expressible (with the re-deposit's log index).
 */
export function mapWithdrawalCompleted(ctx: MapContext, log: ChainLog, earlier: readonly ChainLog[] = []): EventOutcome {
  const root = String(log.args['withdrawalRoot']);
  const ids = ctx.withdrawalRoots.get(root);
  if (!ids) throw new NotExpressible(`withdrawal ${root} was queued before the imported range`);
  const stakers = new Set<string>();
  for (const id of ids) {
    const w = ctx.state.withdrawals.get(id);
    if (w) stakers.add(w.staker);
    if (w && !w.completed) emit(ctx, { type: 'completeWithdrawal', staker: w.staker, withdrawal: id });
  }
  const credited = (l: ChainLog): boolean =>
    (l.event === 'Deposit' && stakers.has(addr(l, 'staker'))) ||
    (l.event === 'PodSharesUpdated' && big(l, 'sharesDelta') > 0n && stakers.has(addr(l, 'podOwner')));
  const redeposit = earlier.find(credited);
  if (redeposit)
    throw new NotExpressible(
      `completed as shares (re-credited by log ${redeposit.logIndex} of this transaction): the ledger paid the withdrawal in assets and took the re-credit as a new deposit`,
    );
  return 'mapped';
}

export function mapUndelegated(ctx: MapContext, log: ChainLog, undelegated: UndelegatedInTx): EventOutcome {
  const staker = addr(log, 'staker');
  const st = ctx.state.stakers.get(staker);
  const vaults = [...(st?.positions.entries() ?? [])].filter(([, p]) => p.depositShares > 0n).map(([v]) => v);
  const fields = emit(ctx, { type: 'undelegate', staker });
  const ids = (fields['withdrawals'] as readonly string[] | undefined) ?? [];
  undelegated.set(staker, new Map(vaults.map((v, i) => [v, ids[i] ?? ''])));
  return 'mapped';
}

/** DelegationManager events that are not about withdrawals. */
export const delegationHandlers: Readonly<Record<string, (ctx: MapContext, log: ChainLog) => EventOutcome>> = {
  OperatorRegistered(ctx, log) {
    const operator = addr(log, 'operator');
    if (!ctx.state.operators.has(operator)) emit(ctx, { type: 'registerOperator', operator });
    return 'mapped';
  },
  StakerDelegated(ctx, log) {
    const operator = addr(log, 'operator');
    ensureOperator(ctx, operator);
    emit(ctx, { type: 'delegate', staker: addr(log, 'staker'), operator });
    return 'mapped';
  },
  /** Always followed by StakerUndelegated in the same call, which is mapped. */
  StakerForceUndelegated: () => 'derived',
  OperatorSharesIncreased: () => 'derived',
  OperatorSharesDecreased: () => 'derived',
  DepositScalingFactorUpdated(ctx, log) {
    const k = ctx.state.stakers.get(addr(log, 'staker'))?.positions.get(addr(log, 'strategy'))?.scalingFactor ?? WAD;
    mismatch(ctx, log, 'deposit scaling factor', big(log, 'newDepositScalingFactor'), k);
    return 'derived';
  },
};
