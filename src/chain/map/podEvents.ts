import type { ChainLog } from '../chainLog.js';
import { NotExpressible, type EventOutcome, type MapContext } from './mapContext.js';

const nativeReason =
  'native restaking (EigenPod shares, beacon-chain slashing factor) is not in this ledger yet: the event is listed, not applied';

function notYet(): EventOutcome {
  throw new NotExpressible(nativeReason);
}

/**
 * EigenPodManager: pod shares and the beacon-chain slashing factor need ledger support for native
 * restaking (issue 13, another branch). Until it lands every share-moving pod event is reported.
 */
export const podHandlers: Readonly<Record<string, (ctx: MapContext, log: ChainLog) => EventOutcome>> = {
  PodSharesUpdated: notYet,
  NewTotalShares: notYet,
  BeaconChainSlashingFactorDecreased: notYet,
  BurnableETHSharesIncreased: notYet,
  BeaconChainETHDeposited: notYet,
  BeaconChainETHWithdrawalCompleted: notYet,
};
