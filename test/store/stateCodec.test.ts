import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cloneState } from '../../src/core/state/cloneState.js';
import { parseLog } from '../../src/core/log/parseLog.js';
import { runLog } from '../../src/core/runLog.js';
import { stateHash } from '../../src/core/state/stateHash.js';
import { createState } from '../../src/core/state/state.js';
import { deserializeState } from '../../src/store/deserializeState.js';
import { serializeState } from '../../src/store/serializeState.js';

const examples = new URL('../../../examples/', import.meta.url);

/** Example files that are command logs (YAML lists or JSON arrays), not networks or scenarios. */
function exampleLogs(): { name: string; commands: readonly unknown[] }[] {
  const out: { name: string; commands: readonly unknown[] }[] = [];
  for (const name of readdirSync(examples).sort()) {
    if (!/\.(ya?ml|json)$/.test(name)) continue;
    const parsed = parseLog(readFileSync(new URL(name, examples), 'utf8'));
    if (parsed.ok && parsed.value.commands.length > 0 && parsed.value.commands.every((c) => typeof (c as { type?: unknown }).type === 'string')) {
      out.push({ name, commands: parsed.value.commands });
    }
  }
  return out;
}

describe('state snapshot codec', () => {
  const logs = exampleLogs();
  it('finds the example command logs', () => {
    assert.ok(logs.length >= 3, logs.map((l) => l.name).join(','));
  });
  for (const { name, commands } of logs) {
    it(`round-trips every intermediate state of ${name} to the same state hash`, () => {
      let checked = 0;
      runLog(commands, {
        afterEach: (state, _outcome, index) => {
          // Every state on small logs, a sample on long ones (the codec is generic over shapes).
          if (commands.length > 60 && index % 7 !== 0 && index !== commands.length - 1) return;
          const back = deserializeState(serializeState(state));
          assert.equal(stateHash(back), stateHash(state), `${name} after command ${index}`);
          checked += 1;
        },
      });
      assert.ok(checked > 0);
    });
  }
  it('a restored state goes on exactly like the original', () => {
    const log = logs.find((l) => l.name === 'shared-security.yaml') ?? logs[0];
    assert.ok(log);
    const half = Math.floor(log.commands.length / 2);
    const a = runLog(log.commands.slice(0, half)).state;
    const b = deserializeState(serializeState(cloneState(a)));
    runLog(log.commands.slice(half), { state: a });
    runLog(log.commands.slice(half), { state: b });
    assert.equal(stateHash(b), stateHash(a));
  });
  it('keeps Map key order and bigints exact', () => {
    const s = createState();
    s.accounts.set('z', new Map([['b', 1n]]));
    s.accounts.set('a', new Map([['a', 0n]]));
    const back = deserializeState(serializeState(s));
    assert.deepEqual([...back.accounts.keys()], ['z', 'a']);
    assert.equal(back.accounts.get('z')?.get('b'), 1n);
    assert.equal(stateHash(back), stateHash(s));
  });
  it('refuses text it did not write', () => {
    assert.throws(() => deserializeState('["X", 1]'));
  });
});
