import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertRulesPerAccountMax, alertRuleBook } from '../../../src/server/alerts/alertRuleBook.js';

test('the rule book: a bounded number of rules per account, the URL policy at creation, and a failing guard writes nothing', async () => {
  const book = await alertRuleBook({ urlPolicy: { allowPrivate: false } });
  const rule = { condition: { kind: 'slash', entity: 'vault', id: 'v' } };
  for (let i = 0; i < alertRulesPerAccountMax; i++) assert.ok((await book.create('a', rule)).ok);
  const over = await book.create('a', rule);
  assert.ok(!over.ok && over.error.code === 'TOO_MANY_ALERT_RULES');
  assert.equal(book.list('a').length, alertRulesPerAccountMax);
  assert.ok((await book.create('b', rule)).ok, 'the bound is per account');
  const local = await book.create('b', { ...rule, webhook: 'http://127.0.0.1:8080/' });
  assert.ok(!local.ok && local.error.code === 'WEBHOOK_NOT_ALLOWED');
  const refused = book.create('b', rule, async () => {
    throw new Error('replayed');
  });
  await assert.rejects(refused, /replayed/);
  assert.equal(book.list('b').length, 1);
  const id = book.list('b')[0]!.id;
  await assert.rejects(
    book.delete('b', id, async () => Promise.reject(new Error('replayed'))),
    /replayed/,
  );
  assert.ok(book.get(id), 'still there');
  assert.ok((await book.delete('b', id)).ok);
  assert.equal(book.get(id), undefined);
});
