import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { hashTypedData, recoverTypedDataAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { generateKey } from '../../../src/cli/commands/keys.js';
import { StakemeshFailure } from '../../../src/errors/result.js';
import { ed25519Message, eip712Domain, eip712Types } from '../../../src/server/envelope/envelopeMessage.js';
import { parseEnvelope } from '../../../src/server/envelope/parseEnvelope.js';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import { keyFileText, parseKeyFile, signerKeyOf } from '../../../src/server/envelope/signerKey.js';
import { verifyEnvelope } from '../../../src/server/envelope/verifyEnvelope.js';
import type { Envelope } from '../../../src/server/service/serviceApi.js';

const chainId = 31337;
const ed = signerKeyOf('ed25519', '01'.repeat(32));
const eth = signerKeyOf('secp256k1', '02'.repeat(32));
const command = { type: 'deposit', staker: 'x', vault: 'v', amount: '10' };

function verifies(e: unknown, chain = chainId): boolean {
  const p = parseEnvelope(e);
  return p.ok && verifyEnvelope(p.value, chain);
}

describe('envelope signatures (SPEC §9)', () => {
  it('ed25519: signs the prefixed JCS message; noble verifies it independently', () => {
    const e = signEnvelope({ key: ed, chainId, nonce: 1, command });
    assert.match(e.account, /^ed25519:[0-9a-f]{64}$/);
    assert.match(e.signature, /^[0-9a-f]{128}$/);
    assert.ok(verifies(e));
    const msg = ed25519Message(
      chainId,
      '{"account":' + JSON.stringify(e.account) + ',"command":{"amount":"10","staker":"x","type":"deposit","vault":"v"},"nonce":"1"}',
    );
    assert.equal(msg.toString('utf8').slice(0, 19), 'stakemesh:v1:31337:');
    assert.ok(ed25519.verify(Buffer.from(e.signature, 'hex'), msg, Buffer.from(e.account.slice(8), 'hex')));
  });

  it('Ethereum: EIP-712 typed data that viem recovers to the same lower-case address', async () => {
    const e = signEnvelope({ key: eth, chainId, nonce: '7', command });
    assert.equal(e.account, privateKeyToAccount(`0x${'02'.repeat(32)}`).address.toLowerCase());
    assert.ok(verifies(e));
    const typed = {
      domain: eip712Domain(chainId),
      types: eip712Types,
      primaryType: 'Command' as const,
      message: { account: e.account, nonce: 7n, command: '{"amount":"10","staker":"x","type":"deposit","vault":"v"}' },
    };
    const viemSig = await privateKeyToAccount(`0x${'02'.repeat(32)}`).signTypedData(typed);
    assert.equal(viemSig, e.signature);
    assert.equal((await recoverTypedDataAddress({ ...typed, signature: e.signature as `0x${string}` })).toLowerCase(), e.account);
    assert.match(hashTypedData(typed), /^0x[0-9a-f]{64}$/);
  });

  it('refuses forged, altered, other-chain and other-account signatures', () => {
    for (const key of [ed, eth]) {
      const e = signEnvelope({ key, chainId, nonce: 1, command });
      assert.ok(!verifies({ ...e, command: { ...command, amount: '11' } }), 'altered command');
      assert.ok(!verifies({ ...e, nonce: '2' }), 'altered nonce');
      assert.ok(!verifies(e, 1), 'other chain');
      const other = key === ed ? signerKeyOf('ed25519', '03'.repeat(32)) : signerKeyOf('secp256k1', '04'.repeat(32));
      const theirs = signEnvelope({ key: other, chainId, nonce: 1, command });
      assert.ok(!verifies({ ...e, signature: theirs.signature }), "another account's key");
      const flipped = e.signature.slice(0, -2) + (e.signature.endsWith('00') ? '01' : '00');
      assert.ok(!verifies({ ...e, signature: flipped }), 'flipped byte');
    }
  });

  it('refuses the high-s twin of a valid Ethereum signature', () => {
    const e = signEnvelope({ key: eth, chainId, nonce: 1, command });
    const bytes = Buffer.from(e.signature.slice(2), 'hex');
    const n = secp256k1.Point.CURVE().n;
    const s = BigInt(`0x${bytes.subarray(32, 64).toString('hex')}`);
    const high = Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex');
    const v = bytes[64] === 27 ? 28 : 27;
    const twin = `0x${Buffer.concat([bytes.subarray(0, 32), high, Buffer.from([v])]).toString('hex')}`;
    assert.ok(!verifies({ ...e, signature: twin }));
  });

  it('keys that are not curve points and zero signatures fail verification without throwing', () => {
    const c = { type: 'advance', blocks: 1 };
    for (const pub of ['00'.repeat(32), 'ff'.repeat(32), '01'.repeat(32)]) {
      assert.equal(verifies({ account: `ed25519:${pub}`, nonce: '1', command: c, signature: '0'.repeat(128) }), false);
      assert.equal(verifies({ account: `ed25519:${pub}`, nonce: '1', command: c, signature: 'f'.repeat(128) }), false);
    }
    for (const sig of [`0x${'0'.repeat(128)}1b`, `0x${'f'.repeat(128)}1c`, `0x${'1'.repeat(128)}00`]) {
      assert.equal(verifies({ account: eth.account, nonce: '1', command: c, signature: sig }), false);
    }
  });

  it('malformed envelopes are BAD_ENVELOPE messages, never throws', () => {
    const good = signEnvelope({ key: ed, chainId, nonce: 1, command });
    const cases: unknown[] = [
      null,
      [],
      'x',
      { ...good, extra: 1 },
      { ...good, account: good.account.toUpperCase() },
      { ...good, account: 'ed25519:zz' },
      { ...good, account: '0x1234' },
      { ...good, nonce: 1 },
      { ...good, nonce: '01' },
      { ...good, nonce: '0' },
      { ...good, nonce: '-1' },
      { ...good, nonce: '1e3' },
      { ...good, nonce: '9'.repeat(19) },
      { ...good, command: [] },
      { ...good, command: { staker: 'x' } },
      { ...good, command: { type: 'x'.repeat(65) } },
      { ...good, command: { type: 'deposit', big: 'x'.repeat(70_000) } },
      { ...good, signature: good.signature.slice(2) },
      { ...good, signature: `0x${good.signature}` },
      { ...good, signature: 'g'.repeat(128) },
      { ...good, command: { type: 'deposit', n: Number.NaN } },
    ];
    for (const c of cases) {
      const p = parseEnvelope(c);
      assert.equal(p.ok, false, JSON.stringify(c)?.slice(0, 80));
    }
  });

  it('an envelope from a hand-crafted object keeps only the four fields', () => {
    const e = signEnvelope({ key: ed, chainId, nonce: 1, command }) as Envelope;
    const p = parseEnvelope(JSON.parse(JSON.stringify(e)));
    assert.ok(p.ok);
    assert.deepEqual(Object.keys(p.value.envelope).sort(), ['account', 'command', 'nonce', 'signature']);
  });
});

describe('signing keys', () => {
  it('reads the key files `stakemesh keys generate --json` writes (both schemes)', () => {
    for (const scheme of ['ed25519', 'secp256k1'] as const) {
      const k = generateKey(scheme, 'ab');
      const key = parseKeyFile(JSON.stringify(k));
      if (scheme === 'ed25519') assert.equal(key.account, `ed25519:${k.publicKey}`);
      else assert.match(key.account, /^0x[0-9a-f]{40}$/);
      assert.ok(verifies(signEnvelope({ key, chainId, nonce: 1, command })));
      assert.equal(parseKeyFile(keyFileText(key)).account, key.account);
    }
  });
  it('bad key files are BAD_KEY_FILE', () => {
    for (const text of [
      '',
      '{',
      '{}',
      '{"scheme":"rsa","secretKey":"00"}',
      '{"scheme":"ed25519","secretKey":"zz"}',
      JSON.stringify({ scheme: 'secp256k1', secretKey: '00'.repeat(32) }),
    ]) {
      assert.throws(
        () => parseKeyFile(text),
        (e: unknown) => e instanceof StakemeshFailure && e.code === 'BAD_KEY_FILE',
        text,
      );
    }
  });
});

describe('verifyLogEntries (what `stakemesh export` checks)', () => {
  it('accepts a chain of signed entries and names the first bad seq', async () => {
    const { entryHash, genesisHash } = await import('../../../src/store/entryHash.js');
    const { verifyLogEntries } = await import('../../../src/server/envelope/verifyLogEntries.js');
    const entries = [];
    let prev = genesisHash;
    for (let i = 1; i <= 4; i++) {
      const key = i % 2 ? ed : eth;
      const envelope = signEnvelope({ key, chainId, nonce: Math.ceil(i / 2), command: { type: 'advance', blocks: i } });
      const p = parseEnvelope(envelope);
      assert.ok(p.ok);
      const hash = entryHash(prev, p.value.jcs);
      entries.push({ seq: i, block: i, envelope, prevHash: prev, hash });
      prev = hash;
    }
    assert.deepEqual(verifyLogEntries(entries, chainId, { seq: 0, hash: genesisHash }), { ok: true, seq: 4, hash: prev });
    const split = verifyLogEntries(entries.slice(0, 2), chainId, { seq: 0, hash: genesisHash });
    assert.ok(split.ok);
    assert.ok(verifyLogEntries(entries.slice(2), chainId, split).ok);
    const forged = entries.map((e, i) => (i === 2 ? { ...e, envelope: { ...e.envelope, command: { type: 'advance', blocks: 99 } } } : e));
    const bad = verifyLogEntries(forged, chainId, { seq: 0, hash: genesisHash });
    assert.ok(!bad.ok);
    assert.equal(bad.seq, 3);
    const wrongChain = verifyLogEntries(entries, 1, { seq: 0, hash: genesisHash });
    assert.ok(!wrongChain.ok && wrongChain.seq === 1 && /signature/.test(wrongChain.reason));
  });
});
