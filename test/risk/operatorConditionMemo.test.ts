import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { newOperatorConditionMemo, operatorCondition, type OperatorConditionResult } from '../../src/risk/operatorCondition.js';
import { arbNetwork } from './randomNetwork.js';
import { scaleAllocation, slashOperator } from './networkEdits.js';

// Issue 14, twenty-second pass: a warm analysis re-uses an operator's condition entry when its stake, allocations and
// services (PfC, threshold, allocated stake) are as in the analysis before. After random commands (allocation changes,
// slashes, a PfC or threshold change, an operator or service renamed, a service's id made to look like another key) the
// figures with the memo must be those without it, entry by entry, and the memo must have been used and bypassed.
// Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261206;

type Command =
  | { readonly kind: 'allocation'; readonly pick: number; readonly factor: Rational }
  | { readonly kind: 'slash'; readonly pick: number; readonly factor: Rational }
  | { readonly kind: 'pfc' | 'threshold' | 'rename'; readonly pick: number };

const factor = fc.constantFrom(Rational.of(1n, 4n), Rational.of(1n, 2n), Rational.of(9n, 10n), Rational.of(3n, 2n));
const arbCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('allocation' as const), pick: fc.nat(), factor }),
  fc.record({ kind: fc.constant('slash' as const), pick: fc.nat(), factor }),
  fc.record({ kind: fc.constantFrom('pfc' as const, 'threshold' as const, 'rename' as const), pick: fc.nat() }),
);

function apply(net: Network, c: Command): Network {
  if (c.kind === 'allocation') return scaleAllocation(net, c.pick, c.factor);
  if (c.kind === 'slash') return slashOperator(net, c.pick, c.factor.min(Rational.ONE));
  const s = net.services[c.pick % net.services.length]!;
  if (c.kind === 'pfc') return withService(net, s.id, { ...s, profitFromCorruption: s.profitFromCorruption.add(Rational.ONE) });
  if (c.kind === 'threshold') {
    const alpha = s.attackThreshold.eq(Rational.ONE) ? Rational.of(1n, 2n) : Rational.ONE;
    return withService(net, s.id, { ...s, attackThreshold: alpha });
  }
  // a new id that embeds the separators of a key (`|`, `=`, `:`, `@`, `/`) and the old id
  return withService(net, s.id, { ...s, id: `${s.id}|"=1@1/1:1` });
}

function withService(net: Network, id: string, next: Network['services'][number]): Network {
  return {
    ...net,
    services: net.services.map((s) => (s.id === id ? next : s)),
    allocations: net.allocations.map((a) => (a.service === id ? { ...a, service: next.id } : a)),
  };
}

/** Every entry as strings (deepEqual compares Rationals by value this way). */
function plain(r: OperatorConditionResult): unknown {
  const ops = [...r.operators].map(([id, e]) => [id, `${e.lhs}`, `${e.stake}`, `${e.margin}`, e.holds]);
  return { ...r, operators: ops };
}

test('the operator condition with the memo of the analysis before equals it without, after random commands', async () => {
  const seen = { reused: 0, recomputed: 0 };
  await fc.assert(
    fc.property(
      arbNetwork({ opsMax: 8, svcsMax: 5, edgesMax: 16 }),
      fc.array(arbCommand, { minLength: 1, maxLength: 4 }),
      (net, commands) => {
        const memo = newOperatorConditionMemo();
        let cur = net;
        assert.deepEqual(plain(operatorCondition(indexNetwork(cur), memo)), plain(operatorCondition(indexNetwork(cur))));
        for (const c of commands) {
          cur = apply(cur, c);
          const before = new Map([...memo.entries].map(([id, m]) => [id, m.entry] as const));
          const ix = indexNetwork(cur);
          const warm = operatorCondition(ix, memo);
          assert.deepEqual(plain(warm), plain(operatorCondition(ix)));
          for (const [id, e] of warm.operators) {
            if (before.get(id) === e) seen.reused++;
            else seen.recomputed++;
          }
        }
      },
    ),
    { seed, numRuns: 200, endOnFailure: true },
  );
  assert.ok(seen.reused >= 100, `entries re-used: ${seen.reused}`);
  assert.ok(seen.recomputed >= 100, `entries recomputed: ${seen.recomputed}`);
});
