import { WAD } from '../../math/wad.js';
import type { ChainLog } from '../chainLog.js';
import { beaconChainEthStrategy } from '../networks.js';
import { addr, big } from './args.js';
import { ensureVault } from './ensure.js';
import { NotExpressible, emit, mismatch, type EventOutcome, type MapContext } from './mapContext.js';

/**
 * EigenPodManager (slashing release), on the ledger's native restaking (pod shares, 1 per wei,
 * in the native vault `0xbeac0…beac0`; the beacon-chain slashing factor l per pod owner).
 */
export const podHandlers: Readonly<Record<string, (ctx: MapContext, log: ChainLog) => EventOutcome>> = {
  /**
   * A positive delta is restaked balance (a verified credential or a checkpoint's increase): new pod
   * shares. A negative one is the pod side of a queued withdrawal (`removeDepositShares`), which
   * the SlashingWithdrawalQueued of the same transaction maps.
   */
  PodSharesUpdated(ctx, log) {
    const delta = big(log, 'sharesDelta');
    if (delta <= 0n) return 'derived';
    ensureVault(ctx, beaconChainEthStrategy);
    emit(ctx, { type: 'recordBeaconBalanceUpdate', staker: addr(log, 'podOwner'), delta: delta.toString() });
    return 'mapped';
  },
  NewTotalShares(ctx, log) {
    const total = big(log, 'newTotalShares');
    if (total < 0n) throw new NotExpressible(`negative pod shares ${total} (a pre-slashing-release deficit) cannot be held by the ledger`);
    // Emitted before the SlashingWithdrawalQueued that removes the shares: compared once the transaction is mapped.
    ctx.endOfTx.push(() => {
      const held = ctx.state.stakers.get(addr(log, 'podOwner'))?.positions.get(beaconChainEthStrategy)?.depositShares ?? 0n;
      mismatch(ctx, log, 'pod shares', total, held);
    });
    return 'derived';
  },
  /** A balance decrease: the exact new factor, as the event reports it. */
  BeaconChainSlashingFactorDecreased(ctx, log) {
    const staker = addr(log, 'staker');
    ensureVault(ctx, beaconChainEthStrategy);
    const l = ctx.state.native?.factors.get(staker) ?? WAD;
    mismatch(ctx, log, 'beacon-chain slashing factor before', big(log, 'prevBeaconChainSlashingFactor'), l);
    emit(ctx, { type: 'beaconChainSlash', staker, factor: big(log, 'newBeaconChainSlashingFactor').toString() });
    return 'mapped';
  },
  /** The native vault's part of an operator slash: the ledger's own slashed total. */
  BurnableETHSharesIncreased: () => 'derived',
  /** ETH sent to the beacon deposit contract: restaked only once its credentials are proven (PodSharesUpdated). */
  BeaconChainETHDeposited: () => 'informational',
  BeaconChainETHWithdrawalCompleted() {
    throw new NotExpressible('a pre-slashing-release (M2) beacon-chain withdrawal: the ledger has no such withdrawal queue');
  },
};
