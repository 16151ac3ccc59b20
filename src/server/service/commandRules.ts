/**
 * The authorization table of SPEC §9, one rule per ledger command type. A type without a rule is
 * refused (NOT_AUTHORIZED), never allowed by default; a test checks every registered command has one.
 */
export type CommandRule =
  /** configure, assets, prices, vaults, yield, global condition settings, the clock. */
  | { readonly role: 'admin' }
  /** Creates an entity and binds its id to the signer (anyone may create; the id must be free). */
  | { readonly role: 'creator' }
  | { readonly role: 'operatorOwner'; readonly field: string }
  /** The service's owner; the service named directly or through an operator set. */
  | { readonly role: 'serviceOwner'; readonly via: 'service' | 'set' }
  | { readonly role: 'slasher' }
  | { readonly role: 'resolver' }
  /** Staker and holder commands: the id in `field` is the signing account. */
  | { readonly role: 'self'; readonly field: string }
  /** claimRewards: the staker itself, or the owner of the operator claiming commission. */
  | { readonly role: 'claimant' }
  /** Permissionless: evidence, executing a due slash, clearing slashed shares, harvesting LRT rewards. */
  | { readonly role: 'anyone' };

export const commandRules: Readonly<Record<string, CommandRule>> = {
  configure: { role: 'admin' },
  registerAsset: { role: 'admin' },
  setPrice: { role: 'admin' },
  createVault: { role: 'admin' },
  accrueYield: { role: 'admin' },
  configureConditions: { role: 'admin' },
  advance: { role: 'admin' },
  // Chain facts replayed with their own effect blocks (stakemesh import): a trusted importer only.
  allocateAt: { role: 'admin' },
  setAllocationDelayAt: { role: 'admin' },
  // The beacon chain's view of a pod (balance updates, slashing factor): reported by the admin, as an oracle.
  recordBeaconBalanceUpdate: { role: 'admin' },
  beaconChainSlash: { role: 'admin' },

  registerOperator: { role: 'creator' },
  createService: { role: 'creator' },
  createLrt: { role: 'creator' },
  createInsurancePool: { role: 'creator' },

  setAllocationDelay: { role: 'operatorOwner', field: 'operator' },
  registerForOperatorSet: { role: 'operatorOwner', field: 'operator' },
  deregisterFromOperatorSet: { role: 'operatorOwner', field: 'operator' },
  allocate: { role: 'operatorOwner', field: 'operator' },
  registerKey: { role: 'operatorOwner', field: 'operator' },
  rotateKey: { role: 'operatorOwner', field: 'operator' },

  createOperatorSet: { role: 'serviceOwner', via: 'service' },
  addVaultToSet: { role: 'serviceOwner', via: 'set' },
  submitRewards: { role: 'serviceOwner', via: 'service' },
  setResolver: { role: 'serviceOwner', via: 'set' },
  attachCondition: { role: 'serviceOwner', via: 'set' },

  slash: { role: 'slasher' },
  vetoSlash: { role: 'resolver' },

  deposit: { role: 'self', field: 'staker' },
  delegate: { role: 'self', field: 'staker' },
  undelegate: { role: 'self', field: 'staker' },
  queueWithdrawal: { role: 'self', field: 'staker' },
  completeWithdrawal: { role: 'self', field: 'staker' },
  depositLrtTokens: { role: 'self', field: 'staker' },
  depositLrt: { role: 'self', field: 'account' },
  redeemLrt: { role: 'self', field: 'account' },
  completeLrtRedemption: { role: 'self', field: 'account' },
  transferLrtTokens: { role: 'self', field: 'from' },
  buyCover: { role: 'self', field: 'buyer' },
  underwrite: { role: 'self', field: 'underwriter' },
  requestUnderwriterWithdrawal: { role: 'self', field: 'underwriter' },
  completeUnderwriterWithdrawal: { role: 'self', field: 'underwriter' },
  claimRewards: { role: 'claimant' },

  submitEvidence: { role: 'anyone' },
  executeSlash: { role: 'anyone' },
  clearSlashed: { role: 'anyone' },
  harvestLrtRewards: { role: 'anyone' },
};
