import { withdrawableShares } from '../shares/stakerMath.js';
import { beaconFactorOf, isNativeVault, slashingFactorOf } from '../native/slashingFactor.js';
import { nativeView } from '../native/nativeView.js';
import { slashableShares } from '../allocation/slashableShares.js';
import { lrtsView } from '../lrt/lrtsView.js';
import { assetPrice } from '../lrt/assetPrice.js';
import { conditionsView } from '../conditions/conditionsView.js';
import { withdrawalShares } from '../shares/withdrawalShares.js';
import type { LedgerState, Operator, Staker } from './state.js';
import { rewardView } from '../rewards/rewardView.js';
import { insuranceView } from '../insurance/insuranceView.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function mapObject<V>(m: ReadonlyMap<string, V>, f: (v: V, k: string) => Json): JsonObject {
  const o: JsonObject = {};
  for (const [k, v] of m) o[k] = f(v, k);
  return o;
}

function stakerView(state: LedgerState, s: Staker): JsonObject {
  return {
    delegatedTo: s.delegatedTo,
    vaults: mapObject(s.positions, (p, vault) => ({
      depositShares: p.depositShares.toString(),
      withdrawableShares: withdrawableShares(p, slashingFactorOf(state, s.id, s.delegatedTo, vault)).toString(),
      depositScalingFactor: p.scalingFactor.toString(),
      // printed for native (EigenPod) positions only: other positions keep their exact output
      ...(isNativeVault(state, vault) ? { beaconChainSlashingFactor: beaconFactorOf(state, s.id, vault).toString() } : {}),
    })),
  };
}

function operatorView(state: LedgerState, op: Operator): JsonObject {
  return {
    allocationMode: op.mode,
    commissionBips: op.commissionBips,
    vaults: mapObject(op.vaults, (ov) => ({
      shares: ov.shares.toString(),
      maxMagnitude: ov.maxMagnitude.toString(),
      encumberedMagnitude: ov.encumbered.toString(),
    })),
    sets: mapObject(op.allocations, (bySet, set) =>
      mapObject(bySet, (a, vault) => ({
        currentMagnitude: a.current.toString(),
        pendingMagnitude: a.pending.toString(),
        effectBlock: a.effectBlock,
        slashableStake: slashableShares(state, op, set, vault).toString(),
      })),
    ),
  };
}

/** The `state` object of `stakemesh run --json` (SPEC §4), plus vaults, assets, accounts and requests. */
export function stateView(state: LedgerState): JsonObject {
  return {
    stakers: mapObject(state.stakers, (s) => stakerView(state, s)),
    operators: mapObject(state.operators, (op) => operatorView(state, op)),
    withdrawals: mapObject(state.withdrawals, (w) => ({
      staker: w.staker,
      vault: w.vault,
      operator: w.operator,
      scaledShares: w.scaledShares.toString(),
      expectedShares: withdrawalShares(state, w).toString(),
      startBlock: w.startBlock,
      completed: w.completed,
    })),
    slashed: mapObject(state.slashed, (byVault) => mapObject(byVault, (x) => x.toString())),
    unclearedSlashed: mapObject(state.unclearedSlashed, (byVault) => mapObject(byVault, (x) => x.toString())),
    vaults: mapObject(state.vaults, (v) => ({ asset: v.asset, totalShares: v.totalShares.toString(), balance: v.balance.toString() })),
    assets: mapObject(state.assets, (a) => ({ decimals: a.decimals, kind: a.kind, price: assetPrice(state, a.id).toDecimal(36) })), // LRT tokens: NAV-derived
    accounts: mapObject(state.accounts, (byAsset) => mapObject(byAsset, (x) => x.toString())),
    burned: mapObject(state.burned, (x) => x.toString()),
    rewards: rewardView(state),
    insurance: insuranceView(state),
    slashRequests: mapObject(state.slashRequests, (r) => ({
      set: r.set,
      operator: r.operator,
      wad: r.wad.toString(),
      requestBlock: r.requestBlock,
      status: r.status,
      captured: mapObject(r.captured, (x) => x.toString()),
    })),
    lrts: lrtsView(state),
    conditions: conditionsView(state),
    ...(state.native ? { native: nativeView(state.native) } : {}),
  };
}
