import assert from 'node:assert/strict';
import { applyInPlace, type CommandOutcome } from '../../src/core/apply.js';
import { checkInvariants } from '../../src/core/invariants/checkInvariants.js';
import { createState, type LedgerState } from '../../src/core/state/state.js';
import { stateHash } from '../../src/core/state/stateHash.js';
import { stateView } from '../../src/core/state/view.js';

export type Cmd = Record<string, unknown> & { type: string };

/** A ledger under test: every command is followed by the SPEC §3.8 invariant check. */
export class TestLedger {
  readonly state: LedgerState = createState();

  /** Applies a command that must succeed; returns its result fields. */
  ok(cmd: Cmd): Record<string, unknown> {
    const out = this.try(cmd);
    if (!out.ok) assert.fail(`${cmd.type} failed: ${out.error.message}`);
    return out.fields as Record<string, unknown>;
  }

  /** Applies a command that must fail with `code` and leave the state hash unchanged. */
  fails(cmd: Cmd, code: string): void {
    const before = stateHash(this.state);
    const out = this.try(cmd);
    assert.equal(out.ok ? 'ok' : out.error.code, code, `${cmd.type} should fail with ${code}`);
    assert.equal(stateHash(this.state), before, `${cmd.type} changed the state while failing`);
  }

  /** Applies a command that must fail (with the state unchanged); returns its code and message. */
  error(cmd: Cmd): { code: string; message: string } {
    const before = stateHash(this.state);
    const out = this.try(cmd);
    if (out.ok) assert.fail(`${cmd.type} should fail`);
    assert.equal(stateHash(this.state), before, `${cmd.type} changed the state while failing`);
    return out.error;
  }

  try(cmd: Cmd): CommandOutcome {
    const out = applyInPlace(this.state, cmd);
    assert.deepEqual(checkInvariants(this.state), [], `invariants after ${cmd.type}`);
    return out;
  }

  all(cmds: readonly Cmd[]): void {
    for (const c of cmds) this.ok(c);
  }

  // Accessors into the SPEC §4 view.
  view(): any {
    // eslint-disable-line @typescript-eslint/no-explicit-any
    return stateView(this.state);
  }
  staker(id: string, vault = 'v'): { depositShares: string; withdrawableShares: string; depositScalingFactor: string } {
    return this.view().stakers[id].vaults[vault];
  }
  opVault(op: string, vault = 'v'): { shares: string; maxMagnitude: string; encumberedMagnitude: string } {
    return this.view().operators[op].vaults[vault];
  }
  alloc(
    op: string,
    set: string,
    vault = 'v',
  ): { currentMagnitude: string; pendingMagnitude: string; effectBlock: number | null; slashableStake: string } {
    return this.view().operators[op].sets[set][vault];
  }
  slashed(set: string, vault = 'v'): string {
    return this.view().slashed[set]?.[vault] ?? '0';
  }
}

export const WAD = '1000000000000000000';

/** Base network: delays 10/10/5, one stETH vault `v`, operator `op` (unique, delay 0), service `svc` with set `s`. */
export function baseLedger(opts: { mode?: 'unique' | 'elastic'; sets?: string[]; slashingMode?: 'instant' | 'veto' } = {}): TestLedger {
  const l = new TestLedger();
  l.all([
    { type: 'configure', withdrawalDelayBlocks: 10, deallocationDelayBlocks: 10, allocationConfigurationDelayBlocks: 5 },
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '1', kind: 'lst' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'registerOperator', operator: 'op', allocationMode: opts.mode ?? 'unique' },
    { type: 'createService', service: 'svc' },
  ]);
  for (const set of opts.sets ?? ['s']) {
    const veto =
      opts.slashingMode === 'veto' ? { slashingMode: 'veto', resolver: 'council', vetoWindowBlocks: 5, executeWindowBlocks: 5 } : {};
    l.ok({ type: 'createOperatorSet', service: 'svc', set, vaults: ['v'], ...veto });
    l.ok({ type: 'registerForOperatorSet', operator: 'op', set });
  }
  return l;
}

/** baseLedger plus alice's 1000 stETH in `v`, delegated to `op`, fully allocated (WAD) to set `s`. */
export function fundedLedger(opts: Parameters<typeof baseLedger>[0] = {}): TestLedger {
  const l = baseLedger(opts);
  l.all([
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
    { type: 'delegate', staker: 'alice', operator: 'op' },
    { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
  ]);
  return l;
}
