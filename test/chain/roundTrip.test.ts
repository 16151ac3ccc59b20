import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keccak256, toHex } from 'viem';
import { importSnapshot } from '../../src/chain/importSnapshot.js';
import { preprod } from '../../src/chain/networks.js';
import { applyInPlace } from '../../src/core/apply.js';
import { runLog } from '../../src/core/runLog.js';
import type { LedgerState } from '../../src/core/state/state.js';
import { stateHash } from '../../src/core/state/stateHash.js';
import { ChainEmulator, address } from './chainEmulator.js';

const WAD = 10n ** 18n;

/** mulberry32: a small seeded PRNG, so every history is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A random history on the emulated chain: operators, sets, stake, allocations, slashes, withdrawals. */
export function randomHistory(seed: number, actions: number): ChainEmulator {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const em = new ChainEmulator(preprod, 1000);
  const strategies = [0, 1, 2].map((i) => address(0x51, i));
  const operators = [0, 1, 2].map((i) => address(0x0e, i));
  const stakers = [0, 1, 2, 3].map((i) => address(0x5a, i));
  for (const s of strategies) em.newStrategy(s);
  for (const o of operators) em.registerOperator(o, pick([0, 3, 10]));
  em.advance(preprod.allocationConfigurationDelayBlocks + 2);
  const sets = [em.createSet(address(0xa5, 0), 0, strategies.slice(0, 2)), em.createSet(address(0xa5, 1), 7, strategies.slice(1))];
  const queued: string[] = [];
  for (let i = 0; i < actions; i++) {
    const k = r();
    const o = pick(operators);
    const set = pick(sets);
    const s = pick(strategies);
    if (k < 0.15) em.deposit(pick(stakers), s, BigInt(1 + Math.floor(r() * 1e6)) * 10n ** 12n);
    else if (k < 0.25) em.delegate(pick(stakers), o);
    else if (k < 0.32) em.register(o, set);
    else if (k < 0.47) em.allocate(o, set, s, (WAD * BigInt(Math.floor(r() * 1000))) / 1000n);
    else if (k < 0.57) em.slash(o, set, BigInt(1 + Math.floor(r() * Number(WAD / 10n ** 6n))) * 10n ** 6n);
    else if (k < 0.64) {
      const staker = pick(stakers);
      const held = em.state.stakers.get(staker)?.positions.get(s)?.depositShares ?? 0n;
      const id = held > 0n ? em.queueWithdrawal(staker, s, 1n + (held * BigInt(Math.floor(r() * 1000))) / 1000n - (held === 1n ? 0n : 1n)) : null;
      if (id) queued.push(id);
    } else if (k < 0.69) em.complete(pick(queued.length ? queued : ['none']));
    else if (k < 0.72) em.undelegate(pick(stakers));
    else if (k < 0.74) em.deregister(o, set);
    else em.advance(1 + Math.floor(r() * 30));
  }
  return em;
}

/** The state hash without the command counter (the import issues more, smaller commands). */
function hashOf(state: LedgerState): string {
  return stateHash({ ...state, applied: 0 });
}

const blockHash = (b: number): string => keccak256(toHex(`block ${b}`));

describe('round trip: ledger history → EigenLayer events (real ABI encoding) → import → same state', () => {
  it('gives the same state hash for random histories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-roundtrip-'));
    try {
      for (let seed = 1; seed <= 25; seed++) {
        const em = randomHistory(seed, 120);
        const file = join(dir, `raw-${seed}.json`);
        writeFileSync(file, JSON.stringify(em.rawLogs(blockHash)));
        const m = importSnapshot({ files: [file], network: preprod, out: join(dir, 'log.jsonl'), manifestPath: join(dir, 'm.json') });
        assert.deepEqual(m.unexpressible, [], `seed ${seed}`);
        assert.deepEqual(m.mismatches, [], `seed ${seed}`);
        const commands = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
        const { state, results } = runLog(commands);
        assert.deepEqual(results.filter((x) => x.status !== 'ok'), [], `seed ${seed}`);
        if (em.state.block > state.block) applyInPlace(state, { type: 'advance', blocks: em.state.block - state.block });
        assert.equal(hashOf(state), hashOf(em.state), `seed ${seed}: ${em.logs.length} events`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a history changed by one unit in one event imports to another state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-roundtrip-'));
    try {
      const em = randomHistory(3, 120);
      const deposit = em.logs.find((l) => l.event === 'Deposit');
      assert.ok(deposit);
      deposit.args['shares'] = (deposit.args['shares'] as bigint) + 1n;
      const file = join(dir, 'raw.json');
      writeFileSync(file, JSON.stringify(em.rawLogs(blockHash)));
      importSnapshot({ files: [file], network: preprod, out: join(dir, 'log.jsonl'), manifestPath: join(dir, 'm.json') });
      const commands = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
      const { state } = runLog(commands);
      if (em.state.block > state.block) applyInPlace(state, { type: 'advance', blocks: em.state.block - state.block });
      assert.notEqual(hashOf(state), hashOf(em.state));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the histories exercise every mapped kind of event, and slashes take stake', () => {
    const seen = new Set<string>();
    let slashedShares = 0n;
    for (let seed = 1; seed <= 25; seed++) {
      const em = randomHistory(seed, 120);
      for (const l of em.logs) seen.add(l.event);
      for (const byVault of em.state.slashed.values()) for (const v of byVault.values()) slashedShares += v;
    }
    assert.equal(slashedShares > 0n, true);
    for (const e of ['Deposit', 'StakerDelegated', 'StakerUndelegated', 'AllocationUpdated', 'OperatorSlashed', 'MaxMagnitudeUpdated', 'SlashingWithdrawalQueued', 'SlashingWithdrawalCompleted', 'OperatorRemovedFromOperatorSet', 'DepositScalingFactorUpdated']) {
      assert.equal(seen.has(e), true, e);
    }
  });
});
