import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { entryHash, genesisHash } from '../../src/store/entryHash.js';
import { jcs } from '../../src/store/jcs.js';

it('hash = SHA-256(prevHash bytes ‖ UTF-8 JCS(envelope)), genesis prevHash 64 zeros', () => {
  const envelope = { signature: 'ab', nonce: '1', command: { type: 'advance', blocks: 2 }, account: 'x' };
  const text = jcs(envelope);
  assert.equal(text, '{"account":"x","command":{"blocks":2,"type":"advance"},"nonce":"1","signature":"ab"}');
  const expected = createHash('sha256')
    .update(Buffer.concat([Buffer.alloc(32), Buffer.from(text ?? '', 'utf8')]))
    .digest('hex');
  assert.equal(genesisHash, '0'.repeat(64));
  assert.equal(entryHash(genesisHash, text ?? ''), expected);
  assert.notEqual(entryHash(expected, text ?? ''), expected);
});

it('jcs answers null for values JSON cannot carry', () => {
  assert.equal(jcs({ a: 1n }), null);
  assert.equal(jcs({ a: Number.NaN }), null);
  assert.equal(jcs({ b: 'é\u0001', a: [1, 2.5e-7] }), '{"a":[1,2.5e-7],"b":"é\\u0001"}');
});
