// The derived withdrawal index (src/core/shares/withdrawalIndex.ts) that slashes read instead of
// scanning every withdrawal: after every command of random sequences it must list exactly the
// withdrawals a full scan finds for each (operator, vault), oldest first, on the live state (kept
// up to date incrementally) and on a clone (rebuilt). FC_SEED replays a failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyInPlace } from '../../../src/core/apply.js';
import { cloneState } from '../../../src/core/state/cloneState.js';
import { createState, type LedgerState } from '../../../src/core/state/state.js';
import { withdrawalsOf } from '../../../src/core/shares/withdrawalIndex.js';
import { commandArb, genesis, universe } from '../ledgerArbitrary.js';

const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);

function scan(state: LedgerState, operator: string, vault: string): string[] {
  const found = [...state.withdrawals.values()].filter((w) => w.operator === operator && w.vault === vault);
  return found.sort((a, b) => a.startBlock - b.startBlock).map((w) => w.id);
}

function agrees(state: LedgerState, what: string): void {
  for (const op of universe.operators)
    for (const v of universe.vaults) {
      const ids = (s: LedgerState) => withdrawalsOf(s, op, v).map((w) => w.id);
      assert.deepEqual(ids(state), scan(state, op, v), `${what}: ${op}/${v}`);
    }
}

describe('withdrawal index', () => {
  it('lists what a full scan finds, oldest first, live and after a clone (60 × 150)', () => {
    let withdrawals = 0;
    fc.assert(
      fc.property(fc.array(commandArb(false), { minLength: 150, maxLength: 150 }), (cmds) => {
        const state = createState();
        for (const c of genesis) applyInPlace(state, c);
        agrees(state, 'genesis'); // builds the index early so later insertions go through indexWithdrawal
        for (const [i, c] of cmds.entries()) {
          applyInPlace(state, c);
          agrees(state, `after command ${i} (${c.type})`);
        }
        agrees(cloneState(state), 'clone');
        withdrawals += state.withdrawals.size;
      }),
      { numRuns: 60, ...(seed === undefined ? {} : { seed }) },
    );
    assert.ok(withdrawals > 60, `the sequences queued only ${withdrawals} withdrawals`);
  });
});
