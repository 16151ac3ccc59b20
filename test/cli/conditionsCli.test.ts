import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKey } from '../../src/cli/commands/keys.js';
import { buildEvidence, signEvidencePiece } from '../../src/cli/commands/evidence.js';
import { runLog } from '../../src/core/runLog.js';
import { proveKey } from '../../src/core/conditions/keyProof.js';

test('keys generate --seed is deterministic; evidence sign/build produce evidence the ledger accepts', () => {
  const k = generateKey('ed25519', '0a');
  assert.deepEqual(k, generateKey('ed25519', '0x0A'));
  assert.equal(k.publicKey, '9d9dc7abb8411880c2dd670cf7d5c92182a356c709df5c9f9315ac68929c474c');
  assert.equal(generateKey('secp256k1', '0b').publicKey.length, 66);
  const signer = { scheme: 'ed25519' as const, secretKey: new Uint8Array(Buffer.from(k.secretKey, 'hex')) };
  const msg = (payload: string) => ({ set: 's', operator: 'op', height: 3, round: 0, payload });
  const evidence = buildEvidence('doubleSign', [
    signEvidencePiece('doubleSign', msg('aa'), [signer], false),
    signEvidencePiece('doubleSign', msg('bb'), [signer], true),
  ]);
  const { results } = runLog([
    { type: 'registerAsset', asset: 'a', decimals: 18, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'a' },
    { type: 'registerOperator', operator: 'op' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
    { type: 'registerForOperatorSet', operator: 'op', set: 's' },
    { type: 'registerKey', operator: 'op', ...proveKey('op', signer) },
    { type: 'attachCondition', set: 's', condition: 'ds', kind: 'doubleSign', penalty: '0.5', cap: '1', windowBlocks: 10 },
    { type: 'advance', blocks: 5 },
    { type: 'submitEvidence', set: 's', condition: 'ds', operator: 'op', evidence },
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    Array(10).fill('ok'),
  );
  assert.throws(() => buildEvidence('doubleSign', [{}]), /2 signed piece/);
  assert.throws(() => signEvidencePiece('doubleSign', msg('aa'), [signer, signer], false), /exactly one/);
});
