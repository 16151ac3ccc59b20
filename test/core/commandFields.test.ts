// Command fields are closed: a field no parser reads is an error (a typo must not silently fall
// back to a default), and ids that collide with JavaScript object internals are refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyInPlace } from '../../src/core/apply.js';
import { createCommandRegistry } from '../../src/core/commandRegistry.js';
import { defineCommand } from '../../src/core/log/commandSpec.js';
import { reqId } from '../../src/core/log/fields.js';
import { createState } from '../../src/core/state/state.js';
import { ok } from '../../src/errors/result.js';
import { baseLedger, WAD, type Cmd } from './harness.js';

describe('unknown fields', () => {
  it('a typo in registerOperator is BAD_FIELD naming the field, not a unique-mode operator', () => {
    const l = baseLedger();
    const typo = { type: 'registerOperator', operator: 'x', allocationMod: 'elastic' };
    l.fails(typo, 'BAD_FIELD');
    assert.match(l.error(typo).message, /: unknown field "allocationMod" for registerOperator$/);
    assert.equal(l.view().operators.x, undefined);
    l.ok({ type: 'registerOperator', operator: 'x', allocationMode: 'elastic' });
    assert.equal(l.view().operators.x.allocationMode, 'elastic');
  });

  it('typos on other commands fail the same way and change nothing', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
    ]);
    const cases: [Cmd, string][] = [
      [{ type: 'createOperatorSet', service: 'svc', set: 'w', vaults: ['v'], slashingMod: 'veto', resolver: 'c' }, 'slashingMod'],
      [{ type: 'deposit', staker: 'alice', vault: 'v', amount: '5', ammount: '5' }, 'ammount'],
      [{ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD, delay: 3 }, 'delay'],
      [{ type: 'slash', set: 's', operator: 'op', wad: '0.5', caler: 'mallory' }, 'caler'],
      [{ type: 'advance', blocks: 1, block: 5 }, 'block'],
      [{ type: 'configure', withdrawalDelayBlock: 1 }, 'withdrawalDelayBlock'],
    ];
    for (const [cmd, field] of cases) {
      l.fails(cmd, 'BAD_FIELD');
      assert.equal(l.error(cmd).message, `A field is missing or has the wrong type: unknown field "${field}" for ${cmd.type}`);
    }
    assert.equal(l.state.block, 0);
    assert.equal(l.opVault('op').shares, '1000');
  });

  it('several unknown fields are all named; __proto__ as a field name is unknown too', () => {
    const l = baseLedger();
    const cmd = { type: 'createService', service: 'x', name: 'X', owner: 'me' };
    assert.match(l.error(cmd).message, /unknown fields "name", "owner" for createService$/);
    const proto = JSON.parse('{"type": "createService", "service": "y", "__proto__": {"evil": 1}}') as Cmd;
    assert.match(l.error(proto).message, /unknown field "__proto__" for createService$/);
  });

  it('a parse error wins over an unknown field; every optional field is still accepted', () => {
    const l = baseLedger();
    assert.equal(
      l.error({ type: 'deposit', staker: 'a', vault: 'v', amout: '5' }).message,
      'A field is missing or has the wrong type: amount is required',
    );
    l.ok({ type: 'registerOperator', operator: 'full', allocationMode: 'elastic', allocationDelay: 3, commissionBips: 500 });
    l.ok({
      type: 'createOperatorSet',
      service: 'svc',
      set: 'full',
      vaults: ['v'],
      slasher: 'svc',
      slashingMode: 'veto',
      vetoWindowBlocks: 3,
      executeWindowBlocks: 3,
      resolver: 'council',
      profitFromCorruption: '10',
      attackThreshold: '1/3',
      redistributeTo: 'treasury',
    });
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.1', caller: 'svc' });
    l.ok({ type: 'deposit', staker: 'alice', vault: 'v', amount: '100' });
    l.ok({ type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '10', withdrawal: 'mine' });
  });

  it('a parser that enumerates the fields takes them all on itself', () => {
    const echo = defineCommand<{ n: number }>({
      type: 'echo',
      parse: (raw) => ({ n: Object.keys(raw).length }),
      execute: (_state, c) => ok({ n: c.n }),
    });
    const out = applyInPlace(createState(), { type: 'echo', a: 1, b: 2 }, createCommandRegistry([echo]));
    assert.deepEqual(out, { ok: true, type: 'echo', fields: { n: 3 } });
  });
});

describe('reserved ids', () => {
  it('__proto__, constructor and prototype are BAD_ID wherever an id is read', () => {
    const l = baseLedger();
    for (const id of ['__proto__', 'constructor', 'prototype']) {
      const cmds: Cmd[] = [
        { type: 'registerOperator', operator: id },
        { type: 'createVault', vault: id, asset: 'stETH' },
        { type: 'deposit', staker: id, vault: 'v', amount: '1' },
        { type: 'createService', service: id },
        { type: 'createOperatorSet', service: 'svc', set: 'n', vaults: ['v', id] },
        { type: 'registerAsset', asset: id, decimals: 18, price: '1' },
      ];
      for (const cmd of cmds) l.fails(cmd, 'BAD_ID');
      assert.match(l.error({ type: 'registerOperator', operator: id }).message, new RegExp(`operator "${id}" is reserved$`));
    }
    assert.deepEqual(Object.keys(l.view().operators), ['op']);
    assert.deepEqual(Object.keys(l.view().stakers), []);
  });

  it('other names of Object.prototype members stay ordinary ids and show in the view', () => {
    const l = baseLedger();
    l.ok({ type: 'deposit', staker: 'toString', vault: 'v', amount: '7' });
    l.ok({ type: 'registerOperator', operator: 'hasOwnProperty' });
    const view = JSON.parse(JSON.stringify(l.view()));
    assert.equal(view.stakers.toString.vaults.v.depositShares, '7');
    assert.deepEqual(Object.keys(view.operators), ['op', 'hasOwnProperty']);
    assert.equal(reqId({ id: 'Proto' }, 'id'), 'Proto');
  });
});
