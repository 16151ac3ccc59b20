import type { CommandSpec } from './log/commandSpec.js';
import { accrueYield } from './commands/accrueYield.js';
import { advance } from './commands/advance.js';
import { allocate } from './commands/allocate.js';
import { clearSlashed } from './commands/clearSlashed.js';
import { completeWithdrawal } from './commands/completeWithdrawal.js';
import { configure } from './commands/configure.js';
import { createOperatorSet } from './commands/createOperatorSet.js';
import { createService } from './commands/createService.js';
import { createVault } from './commands/createVault.js';
import { delegate } from './commands/delegate.js';
import { deposit } from './commands/deposit.js';
import { deregisterFromOperatorSet } from './commands/deregisterFromOperatorSet.js';
import { executeSlash } from './commands/executeSlash.js';
import { queueWithdrawal } from './commands/queueWithdrawal.js';
import { registerAsset } from './commands/registerAsset.js';
import { registerForOperatorSet } from './commands/registerForOperatorSet.js';
import { registerOperator } from './commands/registerOperator.js';
import { setAllocationDelay } from './commands/setAllocationDelay.js';
import { setAllocationDelayAt } from './commands/setAllocationDelayAt.js';
import { allocateAt } from './commands/allocateAt.js';
import { addVaultToSet } from './commands/addVaultToSet.js';
import { setPrice } from './commands/setPrice.js';
import { setResolver } from './commands/setResolver.js';
import { slash } from './commands/slash.js';
import { undelegate } from './commands/undelegate.js';
import { vetoSlash } from './commands/vetoSlash.js';
import { attachCondition } from './commands/attachCondition.js';
import { configureConditions } from './commands/configureConditions.js';
import { registerKey } from './commands/registerKey.js';
import { rotateKey } from './commands/rotateKey.js';
import { submitEvidence } from './commands/submitEvidence.js';
import { createLrt } from './commands/createLrt.js';
import { depositLrt } from './commands/depositLrt.js';
import { redeemLrt } from './commands/redeemLrt.js';
import { completeLrtRedemption } from './commands/completeLrtRedemption.js';
import { depositLrtTokens } from './commands/depositLrtTokens.js';
import { transferLrtTokens } from './commands/transferLrtTokens.js';
import { harvestLrtRewards } from './commands/harvestLrtRewards.js';
import { submitRewards } from './commands/submitRewards.js';
import { claimRewards } from './commands/claimRewards.js';
import { createInsurancePool } from './commands/createInsurancePool.js';
import { underwrite } from './commands/underwrite.js';
import { buyCover } from './commands/buyCover.js';
import { requestUnderwriterWithdrawal } from './commands/requestUnderwriterWithdrawal.js';
import { completeUnderwriterWithdrawal } from './commands/completeUnderwriterWithdrawal.js';
import { recordBeaconBalanceUpdate } from './commands/recordBeaconBalanceUpdate.js';
import { beaconChainSlash } from './commands/beaconChainSlash.js';

/** Every ledger command, by type. Extensions (conditions, rewards, insurance, LRT) add one line each. */
export const commandList: readonly CommandSpec<unknown>[] = [
  configure,
  registerAsset,
  setPrice,
  createVault,
  registerOperator,
  setAllocationDelay,
  setAllocationDelayAt,
  createService,
  createOperatorSet,
  addVaultToSet,
  setResolver,
  registerForOperatorSet,
  deregisterFromOperatorSet,
  deposit,
  accrueYield,
  delegate,
  undelegate,
  allocate,
  allocateAt,
  slash,
  vetoSlash,
  executeSlash,
  queueWithdrawal,
  completeWithdrawal,
  clearSlashed,
  advance,
  configureConditions,
  registerKey,
  rotateKey,
  attachCondition,
  submitEvidence,
  submitRewards,
  claimRewards,
  createInsurancePool,
  underwrite,
  buyCover,
  requestUnderwriterWithdrawal,
  completeUnderwriterWithdrawal,
  createLrt,
  depositLrt,
  redeemLrt,
  completeLrtRedemption,
  depositLrtTokens,
  transferLrtTokens,
  harvestLrtRewards,
  recordBeaconBalanceUpdate,
  beaconChainSlash,
];

export type CommandRegistry = ReadonlyMap<string, CommandSpec<unknown>>;

export function createCommandRegistry(extra: readonly CommandSpec<unknown>[] = []): CommandRegistry {
  return new Map([...commandList, ...extra].map((c) => [c.type, c]));
}

export const defaultRegistry: CommandRegistry = createCommandRegistry();
