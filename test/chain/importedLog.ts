import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyInPlace } from '../../src/core/apply.js';
import { runLog } from '../../src/core/runLog.js';
import type { LedgerState } from '../../src/core/state/state.js';
import { stateHash } from '../../src/core/state/stateHash.js';

/** The ledger an imported JSON Lines log replays to; every command must apply. */
export function replayImported(path: string): LedgerState {
  const commands = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  const { state, results } = runLog(commands);
  assert.deepEqual(
    results.filter((r) => r.status !== 'ok'),
    [],
  );
  return state;
}

/** State hash once the clock reaches `block` (advancing `state`), without the applied-command count, so logs of different lengths compare. */
export function hashAtBlock(state: LedgerState, block: number): string {
  if (block > state.block) applyInPlace(state, { type: 'advance', blocks: block - state.block });
  return stateHash({ ...state, applied: 0 });
}
