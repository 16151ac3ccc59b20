import { keccak256, toHex } from 'viem';
import { applyInPlace } from '../../src/core/apply.js';
import { allocationOf } from '../../src/core/allocation/allocations.js';
import { createState, type LedgerState } from '../../src/core/state/state.js';
import { encodeEvent } from '../../src/chain/abi/encodeEvent.js';
import { eventCatalogue } from '../../src/chain/abi/eventCatalogue.js';
import { beaconChainEthStrategy, type NetworkConfig } from '../../src/chain/networks.js';
import { divWad } from '../../src/math/wad.js';

export interface EmittedLog {
  block: number;
  transactionIndex: number;
  logIndex: number;
  transactionHash: string;
  address: string;
  event: string;
  args: Record<string, unknown>;
  /**
   * State changes the contracts make without an event, which a contract replaying the history
   * needs (SlashingWithdrawalQueued: the deposit shares removeDepositShares took per strategy).
   */
  hidden?: Record<string, unknown>;
}

const zero = '0x0000000000000000000000000000000000000000';
export const address = (kind: number, i: number): string => `0x${kind.toString(16).padStart(2, '0')}${i.toString(16).padStart(38, '0')}`;

/**
 * A stand-in for the EigenLayer contracts: runs a ledger ("the chain") and emits, for each
 * action, the events the contracts emit for it, with the values the ledger computed. Importing
 * those events must rebuild the same ledger.
 */
export class ChainEmulator {
  readonly state: LedgerState = createState();
  readonly logs: EmittedLog[] = [];
  private txIndex = 0;
  private logIndex = 0;
  private txHash = '';
  private nonce = 0;
  private readonly roots = new Map<string, string>();

  constructor(
    readonly network: NetworkConfig,
    startBlock: number,
  ) {
    const n = network;
    this.cmd({
      type: 'configure',
      withdrawalDelayBlocks: n.withdrawalDelayBlocks,
      deallocationDelayBlocks: n.deallocationDelayBlocks,
      allocationConfigurationDelayBlocks: n.allocationConfigurationDelayBlocks,
    });
    this.cmd({ type: 'advance', blocks: startBlock });
  }

  cmd(c: Record<string, unknown>): Record<string, unknown> | null {
    const out = applyInPlace(this.state, c);
    return out.ok ? (out.fields as Record<string, unknown>) : null;
  }

  advance(blocks: number): void {
    this.cmd({ type: 'advance', blocks });
    this.txIndex = 0;
    this.logIndex = 0;
  }

  /** One transaction: its events get consecutive log indexes in the current block. */
  private tx(): void {
    this.txHash = keccak256(toHex(`${this.state.block}:${this.txIndex}`));
    this.txIndex += 1;
  }

  private emit(event: string, args: Record<string, unknown>, hidden?: Record<string, unknown>): void {
    const contract = eventCatalogue.get(event)?.contract ?? 'AllocationManager';
    const log = {
      block: this.state.block,
      transactionIndex: this.txIndex - 1,
      logIndex: this.logIndex++,
      transactionHash: this.txHash,
      address: this.network.contracts[contract],
      event,
      args,
      ...(hidden ? { hidden } : {}),
    };
    this.logs.push(log);
  }

  private set(set: string): { avs: string; id: bigint } {
    const [avs, id] = set.split(':');
    return { avs: avs ?? '', id: BigInt(id ?? 0) };
  }

  newStrategy(s: string): void {
    this.cmd({ type: 'registerAsset', asset: s, decimals: 18, price: '1', kind: s === beaconChainEthStrategy ? 'native' : 'erc20' });
    this.cmd({ type: 'createVault', vault: s, asset: s });
    this.tx();
    this.emit('StrategyAddedToDepositWhitelist', { strategy: s });
  }

  registerOperator(o: string, delay: number): void {
    this.cmd({ type: 'registerOperator', operator: o });
    const effectBlock = this.state.block + this.network.allocationConfigurationDelayBlocks + 1;
    this.cmd({ type: 'setAllocationDelayAt', operator: o, delay, effectBlock });
    this.tx();
    this.emit('OperatorRegistered', { operator: o, delegationApprover: zero });
    this.emit('AllocationDelaySet', { operator: o, delay: BigInt(delay), effectBlock: BigInt(effectBlock) });
  }

  createSet(avs: string, id: number, strategies: readonly string[]): string {
    const set = `${avs}:${id}`;
    if (!this.state.services.has(avs)) this.cmd({ type: 'createService', service: avs });
    this.cmd({ type: 'createOperatorSet', service: avs, set, vaults: [] });
    this.tx();
    this.emit('OperatorSetCreated', { operatorSet: this.set(set) });
    for (const s of strategies) {
      this.cmd({ type: 'addVaultToSet', set, vault: s });
      this.emit('StrategyAddedToOperatorSet', { operatorSet: this.set(set), strategy: s });
    }
    return set;
  }

  register(o: string, set: string): boolean {
    if (!this.cmd({ type: 'registerForOperatorSet', operator: o, set })) return false;
    this.tx();
    this.emit('OperatorAddedToOperatorSet', { operator: o, operatorSet: this.set(set) });
    return true;
  }

  deregister(o: string, set: string): boolean {
    if (!this.cmd({ type: 'deregisterFromOperatorSet', operator: o, set })) return false;
    this.tx();
    this.emit('OperatorRemovedFromOperatorSet', { operator: o, operatorSet: this.set(set) });
    return true;
  }

  /** DelegationManager's share events after a staker's position changed for an operator. */
  private sharesIncreased(staker: string, operator: string, s: string, shares: bigint): void {
    this.emit('OperatorSharesIncreased', { operator, staker, strategy: s, shares });
    const k = this.state.stakers.get(staker)?.positions.get(s)?.scalingFactor ?? 10n ** 18n;
    this.emit('DepositScalingFactorUpdated', { staker, strategy: s, newDepositScalingFactor: k });
  }

  deposit(staker: string, s: string, amount: bigint): boolean {
    const r = this.cmd({ type: 'deposit', staker, vault: s, amount: amount.toString() });
    if (!r) return false;
    this.tx();
    const shares = BigInt(String(r['shares']));
    this.emit('Deposit', { staker, strategy: s, shares });
    const op = this.state.stakers.get(staker)?.delegatedTo;
    if (op) this.sharesIncreased(staker, op, s, shares);
    return true;
  }

  delegate(staker: string, operator: string): boolean {
    const op = this.state.operators.get(operator);
    const had = new Map([...(op?.vaults ?? [])].map(([v, ov]) => [v, ov.shares]));
    if (!this.cmd({ type: 'delegate', staker, operator })) return false;
    this.tx();
    this.emit('StakerDelegated', { staker, operator });
    for (const [s, pos] of this.state.stakers.get(staker)?.positions ?? []) {
      // What the ledger added to the operator: withdrawable shares read with the slashing factor (l included).
      const added = (this.state.operators.get(operator)?.vaults.get(s)?.shares ?? 0n) - (had.get(s) ?? 0n);
      if (pos.depositShares > 0n || added > 0n) this.sharesIncreased(staker, operator, s, added);
    }
    return true;
  }

  /** Deposit shares and operator shares per vault, to tell what a queue or undelegate removed. */
  private holdings(staker: string): Map<string, { deposit: bigint; operator: bigint }> {
    const st = this.state.stakers.get(staker);
    const op = st?.delegatedTo ? this.state.operators.get(st.delegatedTo) : undefined;
    return new Map(
      [...(st?.positions ?? [])].map(([v, p]) => [v, { deposit: p.depositShares, operator: op?.vaults.get(v)?.shares ?? 0n }]),
    );
  }

  /**
   * As DelegationManager._removeSharesAndQueueWithdrawal emits them: per strategy the operator's
   * shares decrease, the pod side of removeDepositShares (PodSharesUpdated by the deposit shares
   * removed, NewTotalShares), then SlashingWithdrawalQueued.
   */
  private queued(
    staker: string,
    operator: string | null,
    ids: readonly string[],
    before: Map<string, { deposit: bigint; operator: bigint }>,
    operatorAfter: (vault: string) => bigint,
  ): void {
    for (const id of ids) {
      const w = this.state.withdrawals.get(id);
      if (!w) continue;
      const was = before.get(w.vault) ?? { deposit: 0n, operator: 0n };
      const removed = was.deposit - (this.state.stakers.get(staker)?.positions.get(w.vault)?.depositShares ?? 0n);
      const withdrawable = operator ? was.operator - operatorAfter(w.vault) : 0n;
      if (operator && withdrawable > 0n)
        this.emit('OperatorSharesDecreased', { operator, staker, strategy: w.vault, shares: withdrawable });
      if (w.vault === beaconChainEthStrategy) this.podShares(staker, -removed);
      const root = keccak256(toHex(`withdrawal ${id}`));
      this.roots.set(id, root);
      const withdrawal = {
        staker,
        delegatedTo: operator ?? zero,
        withdrawer: staker,
        nonce: BigInt(this.nonce++),
        startBlock: BigInt(w.startBlock),
        strategies: [w.vault],
        scaledShares: [w.scaledShares],
      };
      this.emit(
        'SlashingWithdrawalQueued',
        { withdrawalRoot: root, withdrawal, sharesToWithdraw: [operator ? withdrawable : w.scaledShares] },
        { depositSharesRemoved: [removed] },
      );
    }
  }

  undelegate(staker: string): boolean {
    const operator = this.state.stakers.get(staker)?.delegatedTo ?? null;
    const before = this.holdings(staker);
    const r = this.cmd({ type: 'undelegate', staker });
    if (!r || operator === null) return false;
    this.tx();
    this.emit('StakerUndelegated', { staker, operator });
    const op = this.state.operators.get(operator);
    this.queued(staker, operator, r['withdrawals'] as string[], before, (v) => op?.vaults.get(v)?.shares ?? 0n);
    return true;
  }

  queueWithdrawal(staker: string, s: string, shares: bigint): string | null {
    const operator = this.state.stakers.get(staker)?.delegatedTo ?? null;
    const before = this.holdings(staker);
    const r = this.cmd({ type: 'queueWithdrawal', staker, vault: s, shares: shares.toString() });
    if (!r) return null;
    this.tx();
    const op = operator ? this.state.operators.get(operator) : undefined;
    this.queued(staker, operator, [String(r['withdrawal'])], before, (v) => op?.vaults.get(v)?.shares ?? 0n);
    return String(r['withdrawal']);
  }

  complete(id: string): boolean {
    const w = this.state.withdrawals.get(id);
    if (!w || !this.cmd({ type: 'completeWithdrawal', staker: w.staker, withdrawal: id })) return false;
    this.tx();
    this.emit('SlashingWithdrawalCompleted', { withdrawalRoot: this.roots.get(id) });
    return true;
  }

  allocate(o: string, set: string, s: string, magnitude: bigint): boolean {
    const r = this.cmd({ type: 'allocate', operator: o, set, vault: s, magnitude: magnitude.toString() });
    if (!r) return false;
    this.tx();
    const ov = this.state.operators.get(o)?.vaults.get(s);
    this.emit('AllocationUpdated', {
      operator: o,
      operatorSet: this.set(set),
      strategy: s,
      magnitude,
      effectBlock: BigInt(Number(r['effectBlock'])),
    });
    this.emit('EncumberedMagnitudeUpdated', { operator: o, strategy: s, encumberedMagnitude: ov?.encumbered ?? 0n });
    return true;
  }

  /** A slash, emitted as AllocationManager.slashOperator does: per strategy, then OperatorSlashed. */
  slash(o: string, set: string, wad: bigint): boolean {
    const op = this.state.operators.get(o);
    const strategies = [...(this.state.sets.get(set)?.vaults ?? [])];
    const before = new Map(
      strategies.map((s) => [s, { max: op?.vaults.get(s)?.maxMagnitude ?? 10n ** 18n, shares: op?.vaults.get(s)?.shares ?? 0n }]),
    );
    if (!op || !this.cmd({ type: 'slash', set, operator: o, wad: wad.toString() })) return false;
    this.tx();
    const wads = strategies.map((s) => {
      const ov = op.vaults.get(s);
      const b = before.get(s) ?? { max: 10n ** 18n, shares: 0n };
      const taken = b.max - (ov?.maxMagnitude ?? b.max);
      if (taken === 0n || !ov) return 0n;
      const a = allocationOf(op, set, s);
      this.emit('EncumberedMagnitudeUpdated', { operator: o, strategy: s, encumberedMagnitude: ov.encumbered });
      if (a.pending < 0n)
        this.emit('AllocationUpdated', {
          operator: o,
          operatorSet: this.set(set),
          strategy: s,
          magnitude: a.current + a.pending,
          effectBlock: BigInt(a.effectBlock ?? 0),
        });
      this.emit('AllocationUpdated', {
        operator: o,
        operatorSet: this.set(set),
        strategy: s,
        magnitude: a.current,
        effectBlock: BigInt(this.state.block),
      });
      this.emit('MaxMagnitudeUpdated', { operator: o, strategy: s, maxMagnitude: ov.maxMagnitude });
      this.emit('OperatorSharesSlashed', { operator: o, strategy: s, totalSlashedShares: b.shares - ov.shares });
      this.emit('BurnableSharesIncreased', { strategy: s, shares: b.shares - ov.shares });
      return divWad(taken, b.max);
    });
    this.emit('OperatorSlashed', { operator: o, operatorSet: this.set(set), strategies, wadSlashed: wads, description: 'emulated' });
    return true;
  }

  private podShares(staker: string, delta: bigint): void {
    this.emit('PodSharesUpdated', { podOwner: staker, sharesDelta: delta });
    const held = this.state.stakers.get(staker)?.positions.get(beaconChainEthStrategy)?.depositShares ?? 0n;
    this.emit('NewTotalShares', { podOwner: staker, newTotalShares: held });
  }

  /** EigenPodManager.recordBeaconChainETHBalanceUpdate with a positive delta: new pod shares. */
  podBalanceIncrease(staker: string, delta: bigint): boolean {
    if (!this.cmd({ type: 'recordBeaconBalanceUpdate', staker, delta: delta.toString() })) return false;
    this.tx();
    this.podShares(staker, delta);
    const op = this.state.stakers.get(staker)?.delegatedTo;
    if (op) this.sharesIncreased(staker, op, beaconChainEthStrategy, delta);
    return true;
  }

  /** A balance decrease: the pod owner's beacon-chain slashing factor falls. */
  beaconSlash(staker: string, wad: bigint): boolean {
    const prev = this.state.native?.factors.get(staker) ?? 10n ** 18n;
    const r = this.cmd({ type: 'beaconChainSlash', staker, wad: wad.toString() });
    if (!r) return false;
    this.tx();
    this.emit('BeaconChainSlashingFactorDecreased', {
      staker,
      prevBeaconChainSlashingFactor: prev,
      newBeaconChainSlashingFactor: BigInt(String(r['beaconChainSlashingFactor'])),
    });
    const op = this.state.stakers.get(staker)?.delegatedTo;
    if (op)
      this.emit('OperatorSharesDecreased', {
        operator: op,
        staker,
        strategy: beaconChainEthStrategy,
        shares: BigInt(String(r['operatorSharesRemoved'])),
      });
    return true;
  }

  /** Raw logs as eth_getLogs returns them (hex quantities), encoded with the real ABIs. */
  rawLogs(blockHash: (block: number) => string): Record<string, unknown>[] {
    return this.logs.map((l) => ({
      ...encodeEvent(l.event, l.args),
      address: l.address,
      blockNumber: toHex(l.block),
      blockHash: blockHash(l.block),
      transactionIndex: toHex(l.transactionIndex),
      logIndex: toHex(l.logIndex),
      transactionHash: l.transactionHash,
      removed: false,
    }));
  }
}
