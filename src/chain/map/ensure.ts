import { isSlashable } from '../../core/state/lookups.js';
import { beaconChainEthStrategy } from '../networks.js';
import { NotExpressible, emit, emitImplied, type MapContext } from './mapContext.js';

/**
 * Prerequisites of an event that no event in the range created: an operator first seen in an
 * allocation, a strategy first seen in a deposit, a set whose creation predates the range. The
 * event proves they exist on chain, so the importer creates them (counted as implied).
 */

/** Moves the ledger clock to the block of the transaction being mapped. */
export function advanceTo(ctx: MapContext, block: number): void {
  if (block < ctx.state.block) throw new NotExpressible(`block ${block} before the ledger block ${ctx.state.block}`);
  if (block === ctx.state.block) return;
  for (const p of ctx.state.pendingAllocations) {
    if (p.effectBlock > block) continue;
    const pending = ctx.state.operators.get(p.operator)?.allocations.get(p.set)?.get(p.vault)?.pending ?? 0n;
    const key = `${p.operator}|${p.vault}`;
    if (pending < 0n) ctx.lazilyFreed.set(key, (ctx.lazilyFreed.get(key) ?? 0n) - pending);
  }
  emit(ctx, { type: 'advance', blocks: block - ctx.state.block });
}

/**
 * A strategy becomes an asset and a vault of the same id. Token and price are not in the events:
 * 18 decimals and price 1 (numeraire: ETH) until setPrice says otherwise; beacon-chain ETH is native.
 */
export function ensureVault(ctx: MapContext, strategy: string): void {
  if (ctx.state.vaults.has(strategy)) return;
  const kind = strategy === beaconChainEthStrategy ? 'native' : 'erc20';
  if (!ctx.state.assets.has(strategy)) emitImplied(ctx, { type: 'registerAsset', asset: strategy, decimals: 18, price: '1', kind });
  emitImplied(ctx, { type: 'createVault', vault: strategy, asset: strategy });
}

export function ensureOperator(ctx: MapContext, operator: string): void {
  if (!ctx.state.operators.has(operator)) emitImplied(ctx, { type: 'registerOperator', operator });
}

export function ensureService(ctx: MapContext, avs: string): void {
  if (!ctx.state.services.has(avs)) emitImplied(ctx, { type: 'createService', service: avs });
}

export function ensureSet(ctx: MapContext, avs: string, set: string): void {
  if (ctx.state.sets.has(set)) return;
  ensureService(ctx, avs);
  emitImplied(ctx, { type: 'createOperatorSet', service: avs, set, vaults: [] });
}

export function ensureVaultInSet(ctx: MapContext, avs: string, set: string, strategy: string): void {
  ensureSet(ctx, avs, set);
  ensureVault(ctx, strategy);
  if (!ctx.state.sets.get(set)?.vaults.includes(strategy)) emitImplied(ctx, { type: 'addVaultToSet', set, vault: strategy });
}

/** A slash on chain proves the operator was slashable by the set (registered, or in its window). */
export function ensureSlashable(ctx: MapContext, operator: string, set: string): void {
  const reg = ctx.state.operators.get(operator)?.registrations.get(set);
  if (!isSlashable(reg, ctx.state.block)) emitImplied(ctx, { type: 'registerForOperatorSet', operator, set });
}
