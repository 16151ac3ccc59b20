import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, applyInPlace } from '../../../src/core/apply.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { defaultConditionRegistry } from '../../../src/core/conditions/conditionRegistry.js';
import { verifyEvidence } from '../../../src/core/conditions/verifyEvidence.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import { assertAllOk, attesters, baseLog, dsPiece, livenessEvidence, opKeySecp, oracleEvidence, run, signer, submit } from './fixture.js';

/**
 * Adversarial evidence (SPEC §3.5): malformed, forged, replayed, mismatched-key, same-payload,
 * different-height, truncated and oversized. None of it slashes, none of it throws, state is
 * unchanged. 3,100 generated cases; FC_SEED replays a failure (fast-check prints the seed).
 */
const seed = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

type J = unknown;
const forger = signer('ed25519', 'forger');

const valid: Record<string, J> = {
  ds: { messages: [dsPiece({ height: 5, payload: [1, 2, 3] }), dsPiece({ height: 5, payload: [4, 5, 6] })] },
  live: livenessEvidence({ height: 5, missed: 4 }),
  oracle: oracleEvidence({ round: 1, height: 5, report: 3500n, reference: 3000n }),
};

/** Pieces an attacker can also produce: other signatures, same payload, other heights, other keys. */
const donors: J[] = [
  dsPiece({ height: 5, payload: [1, 2, 3] }),
  dsPiece({ height: 6, payload: [9] }),
  dsPiece({ height: 5, payload: [7], key: forger }),
  dsPiece({ height: 5, payload: [7], key: opKeySecp }),
  dsPiece({ height: 5, payload: [7], operator: 'op2', key: opKeySecp }),
  dsPiece({ height: 5, payload: [1, 2, 3], encoded: true }),
  livenessEvidence({ height: 5, missed: 1 }).signatures,
  'ab'.repeat(5000),
  '00'.repeat(64),
  [],
  {},
  null,
  -1,
  2 ** 60,
  1.5,
  '',
];

function paths(v: J, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function get(v: J, path: readonly (string | number)[]): J {
  return path.reduce<J>((o, k) => (o as Record<string | number, J>)?.[k], v);
}

function set(v: J, path: readonly (string | number)[], value: J): J {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, J>;
  copy[k as string] = set(copy[k as string], rest, value);
  return copy;
}

function drop(v: J, path: readonly (string | number)[]): J {
  if (path.length === 0) return undefined;
  const parent = get(v, path.slice(0, -1));
  const k = path[path.length - 1] as string | number;
  if (Array.isArray(parent))
    return set(
      v,
      path.slice(0, -1),
      parent.filter((_, i) => i !== k),
    );
  const copy = { ...(parent as Record<string, J>) };
  delete copy[k as string];
  return set(v, path.slice(0, -1), copy);
}

function mutateHex(s: string, op: number, at: number, bits: number): string {
  const body = s.replace(/^0x/, '');
  if (body.length === 0) return 'ff';
  const i = at % body.length;
  if (op <= 3) return body.slice(0, i) + (parseInt(body[i] as string, 16) ^ (1 + (bits % 15))).toString(16) + body.slice(i + 1); // same length
  if (op === 4) return body.slice(0, i - (i % 2)); // truncated
  if (op === 5) return body + 'ab'.repeat(1 + (bits % 40)); // extended
  return bits % 2 === 0 ? body + 'a' : body.slice(0, i) + 'g' + body.slice(i + 1); // odd length / not hex
}

/** op 0–6: hex edits of a string leaf; 0–7 on a number leaf: another number; 8: drop; 9: reorder/duplicate; 10–11: replace. */
const mutation = fc.record({
  path: fc.nat(),
  op: fc.nat({ max: 11 }),
  at: fc.nat(),
  bits: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...donors)),
  count: fc.integer({ min: 1, max: 3 }),
});

interface Mutation {
  path: number;
  op: number;
  at: number;
  bits: number;
  value: J;
  count: number;
}

function mutate(ev: J, ms: readonly Mutation[]): J {
  let out = ev;
  for (const m of ms) {
    const all = paths(out);
    const leaves = all.filter((p) => ['string', 'number'].includes(typeof get(out, p)));
    const ps = m.op <= 7 && leaves.length > 0 ? leaves : all;
    const p = ps[m.path % ps.length] as (string | number)[];
    const cur = get(out, p);
    if (m.op <= 6 && typeof cur === 'string') out = set(out, p, mutateHex(cur, m.op, m.at, m.bits));
    else if (m.op <= 7 && typeof cur === 'number') out = set(out, p, m.bits % 4 === 0 ? -cur : cur + 1 + (m.bits % 3));
    else if (m.op === 8) out = drop(out, p);
    else if (m.op === 9 && Array.isArray(cur)) out = set(out, p, [...cur].reverse().concat(cur.slice(0, m.count - 1)));
    else out = set(out, p, m.value);
  }
  return out;
}

const codes = new Map<string, number>();
function tally(code: string): void {
  codes.set(code, (codes.get(code) ?? 0) + 1);
}
process.on('exit', () => {
  if (process.env.CONDITIONS_TALLY) console.error(JSON.stringify([...codes].sort()));
});

function fresh(): LedgerState {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  return state;
}

function validIds(state: LedgerState): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [c, ev] of Object.entries(valid)) {
    const v = verifyEvidence(state.conditions, defaultConditionRegistry, state.block, {
      set: 's',
      condition: c,
      operator: 'op1',
      evidence: ev,
    });
    if (!v.ok) assert.fail(v.error.message);
    ids[c] = v.value.evidenceId;
  }
  return ids;
}

test('mutated evidence never slashes a second offence, never throws, leaves state untouched (fresh ledger)', () => {
  const state = fresh();
  const ids = validIds(state);
  const h = stateHash(state);
  for (const condition of Object.keys(valid)) {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('op1', 'op1', 'op1', 'op1', 'op1', 'op2', 'ghost'),
        (ms, operator) => {
          const ev = mutate(valid[condition], ms);
          const { outcome } = apply(state, submit(condition, ev, operator));
          tally(outcome.ok ? 'ok' : outcome.error.code);
          // only a re-encoding of the very offence proven by the valid evidence can pass
          if (outcome.ok) assert.equal(outcome.fields.evidenceId, ids[condition], JSON.stringify(ev).slice(0, 300));
        },
      ),
      { numRuns: 400, ...seed },
    );
  }
  assert.equal(stateHash(state), h);
});

test('once evidence was used, no mutation, re-encoding or replay slashes again; state unchanged', () => {
  const state = fresh();
  for (const [c, ev] of Object.entries(valid)) assert.equal(applyInPlace(state, submit(c, ev)).ok, true);
  const h = stateHash(state);
  for (const condition of Object.keys(valid)) {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 0, maxLength: 3 }), fc.constantFrom('op1', 'op2'), (ms, operator) => {
        const o = applyInPlace(state, submit(condition, mutate(valid[condition], ms), operator));
        assert.equal(o.ok, false);
      }),
      { numRuns: 300, ...seed },
    );
  }
  assert.equal(stateHash(state), h);
});

test('re-signed double signs: same payload, other heights/rounds, wrong keys, sets and operators never slash', () => {
  const slot = fc.record({
    height: fc.oneof(fc.constant(5), fc.integer({ min: 0, max: 20 })),
    round: fc.constantFrom(0, 0, 0, 1),
    payload: fc.uint8Array({ maxLength: 2 }),
    key: fc.constantFrom(0, 0, 0, 1, 2),
    set: fc.constantFrom('s', 's', 's', 's', 'x'),
    operator: fc.constantFrom('op1', 'op1', 'op1', 'op1', 'op2'),
  });
  const state = fresh();
  const h = stateHash(state);
  const keyFromBlock = 1;
  const keys = [
    { key: signer('ed25519', 'operator-1'), mine: true },
    { key: forger, mine: false },
    { key: opKeySecp, mine: false },
  ];
  fc.assert(
    fc.property(slot, slot, (a, b) => {
      const piece = (m: typeof a) =>
        dsPiece({ height: m.height, round: m.round, payload: [...m.payload], key: keys[m.key]!.key, set: m.set, operator: m.operator });
      const { outcome } = apply(state, submit('ds', { messages: [piece(a), piece(b)] }));
      tally(outcome.ok ? 'ok' : outcome.error.code);
      const proves =
        a.height === b.height &&
        a.round === b.round &&
        Buffer.compare(Buffer.from(a.payload), Buffer.from(b.payload)) !== 0 &&
        keys[a.key]!.mine &&
        keys[b.key]!.mine &&
        a.set === 's' &&
        b.set === 's' &&
        a.operator === 'op1' &&
        b.operator === 'op1' &&
        // the key proves heights from its registration (block 1, after the fixture's advance) on
        a.height >= keyFromBlock &&
        a.height <= state.block;
      assert.equal(outcome.ok, proves, outcome.ok ? 'slashed' : outcome.error.message);
    }),
    { numRuns: 300, ...seed },
  );
  assert.equal(stateHash(state), h);
});

test('arbitrary JSON as evidence or command fields is refused with a catalogue code', () => {
  const state = fresh();
  const h = stateHash(state);
  fc.assert(
    fc.property(
      fc.jsonValue({ maxDepth: 4 }),
      fc.constantFrom('ds', 'live', 'oracle', 'nope'),
      fc.jsonValue({ maxDepth: 1 }),
      (ev, condition, operator) => {
        const o1 = applyInPlace(state, submit(condition, ev));
        const o2 = applyInPlace(state, { type: 'submitEvidence', set: 's', condition, operator, evidence: valid.ds });
        assert.equal(o1.ok, false);
        if (operator !== 'op1') assert.equal(o2.ok, false);
        for (const o of [o1, o2]) if (!o.ok) assert.match(o.error.code, /^[A-Z_]+$/);
      },
    ),
    { numRuns: 300, ...seed },
  );
  // op1 may have been slashed once by valid.ds if the generator produced "op1"; everything else is unchanged
  if (state.conditions.evidence.size === 0) assert.equal(stateHash(state), h);
  assert.ok(state.conditions.evidence.size <= 1);
});

test('model: liveness attestations slash exactly when a quorum of declared attesters signs missed ≥ k of n', () => {
  const state = fresh();
  const h = stateHash(state);
  const pool = [...attesters, signer('ed25519', 'outsider'), signer('secp256k1', 'outsider2')];
  fc.assert(
    fc.property(
      fc.record({
        height: fc.integer({ min: 0, max: 15 }),
        tasks: fc.constantFrom(10, 10, 10, 9),
        missed: fc.integer({ min: 0, max: 10 }),
        signers: fc.uniqueArray(fc.nat({ max: pool.length - 1 }), { maxLength: 4 }),
        operator: fc.constantFrom('op1', 'op1', 'op2'),
      }),
      (a) => {
        if (a.missed > a.tasks) return;
        const ev = livenessEvidence({
          height: a.height,
          tasks: a.tasks,
          missed: a.missed,
          operator: a.operator,
          signers: a.signers.map((i) => pool[i]!),
        });
        const { outcome } = apply(state, submit('live', ev, 'op1'));
        tally(outcome.ok ? 'ok' : outcome.error.code);
        const proves =
          a.operator === 'op1' &&
          a.tasks === 10 &&
          a.missed >= 3 &&
          a.height <= state.block &&
          a.height >= 1 &&
          a.signers.length >= 2 &&
          a.signers.every((i) => i < attesters.length);
        assert.equal(outcome.ok, proves, outcome.ok ? 'slashed' : outcome.error.message);
      },
    ),
    { numRuns: 200, ...seed },
  );
  assert.equal(stateHash(state), h);
});

test('model: oracle reports slash exactly when signed by the operator key and deviating beyond tolerance from a quorum reference', () => {
  const state = fresh();
  const h = stateHash(state);
  fc.assert(
    fc.property(
      fc.record({
        report: fc.bigInt(0n, 20_000n),
        reference: fc.bigInt(0n, 20_000n),
        round: fc.constantFrom(1, 1, 2),
        refRound: fc.constantFrom(1, 1, 3),
        feed: fc.constantFrom('ETH/USD', 'ETH/USD', 'BTC/USD'),
        height: fc.integer({ min: 1, max: 15 }),
        forged: fc.boolean(),
        quorum: fc.integer({ min: 1, max: 3 }),
      }),
      (o) => {
        const ev = oracleEvidence({
          round: o.round,
          refRound: o.refRound,
          height: o.height,
          report: o.report,
          reference: o.reference,
          feed: o.feed,
          key: o.forged ? forger : undefined,
          signers: attesters.slice(0, o.quorum),
        });
        const { outcome } = apply(state, submit('oracle', ev));
        tally(outcome.ok ? 'ok' : outcome.error.code);
        const diff = o.report > o.reference ? o.report - o.reference : o.reference - o.report;
        const proves =
          o.round === o.refRound && diff * 10_000n > 100n * o.reference && o.height <= state.block && !o.forged && o.quorum >= 2;
        assert.equal(outcome.ok, proves, outcome.ok ? 'slashed' : outcome.error.message);
      },
    ),
    { numRuns: 200, ...seed },
  );
  assert.equal(stateHash(state), h);
});
