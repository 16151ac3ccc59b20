import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertRequestSkewMs, checkAlertRequest, requestNonceGuard } from '../../../src/server/alerts/alertRequest.js';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import { signerKeyOf } from '../../../src/server/envelope/signerKey.js';

const chainId = 31337;
const ed = signerKeyOf('ed25519', '11'.repeat(32));
const eth = signerKeyOf('secp256k1', '22'.repeat(32));
const now = 1_800_000_000_000;

test('signed alert requests: both account kinds, the command type and fields, the chain id and the time window', () => {
  for (const key of [ed, eth]) {
    const req = signEnvelope({ key, chainId, nonce: now, command: { type: 'deleteAlert', id: 'rule-1' } });
    const ok = checkAlertRequest(req, { chainId, nowMs: now, type: 'deleteAlert', id: 'rule-1' });
    assert.ok(ok.ok && ok.value.account === key.account && ok.value.nonce === BigInt(now), key.scheme);
    const code = (r: ReturnType<typeof checkAlertRequest>): string => (r.ok ? 'ok' : r.code);
    assert.equal(code(checkAlertRequest(req, { chainId: chainId + 1, nowMs: now, type: 'deleteAlert', id: 'rule-1' })), 'BAD_SIGNATURE');
    assert.equal(code(checkAlertRequest(req, { chainId, nowMs: now, type: 'deleteAlert', id: 'rule-2' })), 'BAD_ENVELOPE');
    assert.equal(code(checkAlertRequest(req, { chainId, nowMs: now, type: 'ackDeadLetter', id: 'rule-1' })), 'BAD_ENVELOPE');
    assert.equal(code(checkAlertRequest(req, { chainId, nowMs: now + alertRequestSkewMs, type: 'deleteAlert', id: 'rule-1' })), 'ok');
    assert.equal(
      code(checkAlertRequest(req, { chainId, nowMs: now + alertRequestSkewMs + 1, type: 'deleteAlert', id: 'rule-1' })),
      'STALE_REQUEST',
    );
    assert.equal(
      code(checkAlertRequest(req, { chainId, nowMs: now - alertRequestSkewMs - 1, type: 'deleteAlert', id: 'rule-1' })),
      'STALE_REQUEST',
    );
    const extra = signEnvelope({ key, chainId, nonce: now, command: { type: 'listAlerts', owner: 'x' } });
    assert.equal(code(checkAlertRequest(extra, { chainId, nowMs: now, type: 'listAlerts' })), 'BAD_ENVELOPE');
    const missing = signEnvelope({ key, chainId, nonce: now, command: { type: 'createAlert' } });
    assert.equal(code(checkAlertRequest(missing, { chainId, nowMs: now, type: 'createAlert' })), 'BAD_ENVELOPE');
    assert.equal(
      code(
        checkAlertRequest(
          { ...req, command: { type: 'deleteAlert', id: 'rule-1', x: 1 } },
          { chainId, nowMs: now, type: 'deleteAlert', id: 'rule-1' },
        ),
      ),
      'BAD_ENVELOPE',
    );
  }
  assert.equal(checkAlertRequest('nope', { chainId, nowMs: now, type: 'listAlerts' }).ok, false);
});

test('the nonce guard without a database: each account’s nonces must increase', async () => {
  const memory = new Map<string, bigint>();
  const g = (account: string, nonce: bigint) => requestNonceGuard({ account, nonce, command: { type: 'listAlerts' } }, memory)(null);
  await g('a', 5n);
  await assert.rejects(g('a', 5n), { code: 'REQUEST_REPLAYED' });
  await assert.rejects(g('a', 4n), { code: 'REQUEST_REPLAYED' });
  await g('b', 1n);
  await g('a', 6n);
});
