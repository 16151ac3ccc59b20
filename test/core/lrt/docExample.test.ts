// Runs the example command log of docs/lrt.md and checks the numbers the page quotes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { cloneState } from '../../../src/core/state/cloneState.js';
import { lookThroughExposure } from '../../../src/core/lrt/lookThroughExposure.js';
import { runLog } from '../../../src/core/runLog.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { stateView } from '../../../src/core/state/view.js';

function exampleLog(): unknown[] {
  const md = readFileSync(new URL('../../../../docs/lrt.md', import.meta.url), 'utf8');
  const m = /```json lrt-example\n([\s\S]*?)\n```/.exec(md);
  assert.ok(m?.[1], 'docs/lrt.md has a ```json lrt-example block');
  return JSON.parse(m[1]) as unknown[];
}

describe('docs/lrt.md example', () => {
  it('runs with every command ok, invariants after each, and the quoted numbers', () => {
    const log = exampleLog();
    const { state, results } = runLog(log, { afterEach: (s) => assert.deepEqual(checkInvariants(s), []) });
    assert.deepEqual(
      results.filter((r) => r.status !== 'ok'),
      [],
    );
    const byIndex = (type: string, n = 0): Record<string, unknown> => results.filter((r) => r.type === type)[n] as Record<string, unknown>;
    assert.equal(byIndex('slash').slashedShares, '75000000000000000000');
    assert.deepEqual(
      [byIndex('depositLrt', 1).nav, byIndex('depositLrt', 1).added, byIndex('depositLrt', 1).minted],
      ['925000000000000000000', '99999999999999999250', '108108108108108107297'],
    );
    assert.equal(byIndex('completeLrtRedemption').amount, '277499999999999999997');
    const v = stateView(state) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual([v.lrts.lrts.L1.supply, v.lrts.lrts.L1.nav], ['808108108108108107297', '747499999999999999251']);
    const e = lookThroughExposure(state, { kind: 'vault', id: 'vx' });
    assert.equal(e.get('opC')?.get('s2')?.toDecimal(2), '555000');
    assert.equal(e.get('opA')?.get('s1')?.toDecimal(2), '360975.6');
    // replaying the log gives the same state hash; a clone hashes the same
    assert.equal(stateHash(runLog(log).state), stateHash(state));
    assert.equal(stateHash(cloneState(state)), stateHash(state));
  });
});
