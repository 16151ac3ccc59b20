import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { nativeVerify, nativeVerifyWith, type NativeBackend } from '../../../src/core/conditions/nativeVerify.js';
import { nativeAddons } from '../../../src/core/conditions/nativeAddons.js';
import { referenceVerify, signMessage, verifySignature, type Scheme } from '../../../src/core/conditions/signatures.js';
import { toHex } from '../../../src/core/conditions/evidenceFields.js';

// Differential test of the fast paths (native addons: libsodium, libsecp256k1; and node:crypto)
// against the pure-JS reference (@noble/curves): on every case the combined verifier must give
// the reference's verdict, and every fast path may only say "valid" where the reference does (the
// property verifySignature relies on).

const backends: readonly NativeBackend[] = ['addon', 'openssl'];
type Tally = { valid: number; fast: number; addon: number; openssl: number; total: number };

/** Deterministic bytes: sha256(label ‖ counter), so failures reproduce. */
function bytesFor(label: string, n: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let off = 0, i = 0; off < len; i++) {
    const h = sha256(new TextEncoder().encode(`${label}/${n}/${i}`));
    out.set(h.subarray(0, Math.min(32, len - off)), off);
    off += 32;
  }
  return out;
}

const L = ed25519.Point.CURVE().n;
const N = secp256k1.Point.CURVE().n;
const leInt = (b: Uint8Array) => BigInt(`0x${toHex(Uint8Array.from(b).reverse()) || '0'}`);
const beInt = (b: Uint8Array) => BigInt(`0x${toHex(b) || '0'}`);
const le32 = (x: bigint) => Uint8Array.from(Buffer.from(x.toString(16).padStart(64, '0'), 'hex').reverse());
const be32 = (x: bigint) => Uint8Array.from(Buffer.from(x.toString(16).padStart(64, '0'), 'hex'));
const cat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);

interface Case {
  readonly what: string;
  readonly scheme: Scheme;
  readonly key: string;
  readonly msg: Uint8Array;
  readonly sig: Uint8Array;
}

/** One 8-torsion point: keys and R values with a small-order part split cofactored/cofactorless checks. */
const torsion = ed25519.Point.fromBytes(Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex'));

/** ed25519 signature by scalar `a` under the public point `A` (which may carry torsion), nonce point rB + T. */
function edSignRaw(a: bigint, A: typeof torsion, msg: Uint8Array, r: bigint, rTorsion: boolean): Uint8Array {
  const R = ed25519.Point.BASE.multiply(r).add(rTorsion ? torsion : ed25519.Point.ZERO);
  const Rb = R.toBytes();
  const k = leInt(sha512(Uint8Array.from([...Rb, ...A.toBytes(), ...msg]))) % L;
  return cat(Rb, le32((r + k * a) % L));
}

function edCases(n: number): Case[] {
  const sk = bytesFor('ed-sk', n, 32);
  const key = toHex(ed25519.getPublicKey(sk));
  const msg = bytesFor('ed-msg', n, 1 + (n % 97));
  const sig = signMessage('ed25519', sk, msg);
  const flip = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ (1 << (n % 8)) : x));
  const s = leInt(sig.subarray(32));
  const a = (leInt(bytesFor('ed-a', n, 32)) % (L - 1n)) + 1n;
  const r = (leInt(bytesFor('ed-r', n, 32)) % (L - 1n)) + 1n;
  const A = ed25519.Point.BASE.multiply(a);
  const mixed = A.add(torsion);
  return [
    { what: 'valid', scheme: 'ed25519', key, msg, sig },
    { what: 'message bit flipped', scheme: 'ed25519', key, msg: flip(msg, n % msg.length), sig },
    { what: 'R bit flipped', scheme: 'ed25519', key, msg, sig: flip(sig, n % 32) },
    { what: 'S bit flipped', scheme: 'ed25519', key, msg, sig: flip(sig, 32 + (n % 32)) },
    { what: 'S + L (non-canonical S)', scheme: 'ed25519', key, msg, sig: cat(sig.subarray(0, 32), le32(s + L)) },
    { what: 'random signature', scheme: 'ed25519', key, msg, sig: bytesFor('ed-rand', n, 64) },
    { what: 'wrong length', scheme: 'ed25519', key, msg, sig: sig.subarray(0, 63) },
    { what: 'raw-scalar valid', scheme: 'ed25519', key: toHex(A.toBytes()), msg, sig: edSignRaw(a, A, msg, r, false) },
    { what: 'R with torsion', scheme: 'ed25519', key: toHex(A.toBytes()), msg, sig: edSignRaw(a, A, msg, r, true) },
    { what: 'mixed-order key', scheme: 'ed25519', key: toHex(mixed.toBytes()), msg, sig: edSignRaw(a, mixed, msg, r, false) },
    { what: 'small-order key', scheme: 'ed25519', key: toHex(torsion.toBytes()), msg, sig: edSignRaw(0n, torsion, msg, r, false) },
    {
      what: 'identity key',
      scheme: 'ed25519',
      key: toHex(ed25519.Point.ZERO.toBytes()),
      msg,
      sig: edSignRaw(0n, ed25519.Point.ZERO, msg, r, false),
    },
    {
      what: 'non-canonical key (y ≥ p)',
      scheme: 'ed25519',
      key: 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      msg,
      sig,
    },
    { what: 'key of wrong length', scheme: 'ed25519', key: key.slice(0, 62), msg, sig },
  ];
}

function secpCases(n: number): Case[] {
  const sk = bytesFor('k1-sk', n, 32);
  const compressed = toHex(secp256k1.getPublicKey(sk, true));
  const uncompressed = toHex(secp256k1.getPublicKey(sk, false));
  const msg = bytesFor('k1-msg', n, 1 + (n % 97));
  const sig = signMessage('secp256k1', sk, msg);
  const r = beInt(sig.subarray(0, 32));
  const s = beInt(sig.subarray(32));
  const flip = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ (1 << (n % 8)) : x));
  const key = n % 2 === 0 ? compressed : uncompressed;
  return [
    { what: 'valid', scheme: 'secp256k1', key, msg, sig },
    { what: 'valid, other key encoding', scheme: 'secp256k1', key: n % 2 === 0 ? uncompressed : compressed, msg, sig },
    { what: 'high-S twin', scheme: 'secp256k1', key, msg, sig: cat(be32(r), be32(N - s)) },
    { what: 'message bit flipped', scheme: 'secp256k1', key, msg: flip(msg, n % msg.length), sig },
    { what: 'r bit flipped', scheme: 'secp256k1', key, msg, sig: flip(sig, n % 32) },
    { what: 's bit flipped', scheme: 'secp256k1', key, msg, sig: flip(sig, 32 + (n % 32)) },
    { what: 'r ≥ n', scheme: 'secp256k1', key, msg, sig: cat(be32(N + (r % (2n ** 256n - N))), be32(s)) },
    { what: 'r = 0', scheme: 'secp256k1', key, msg, sig: cat(be32(0n), be32(s)) },
    { what: 's = 0', scheme: 'secp256k1', key, msg, sig: cat(be32(r), be32(0n)) },
    { what: 'random signature', scheme: 'secp256k1', key, msg, sig: bytesFor('k1-rand', n, 64) },
    { what: 'wrong length', scheme: 'secp256k1', key, msg, sig: cat(sig, new Uint8Array([0])) },
    { what: 'key off the curve', scheme: 'secp256k1', key: `02${toHex(bytesFor('k1-x', n, 32))}`, msg, sig },
    { what: 'key with bad prefix', scheme: 'secp256k1', key: `05${compressed.slice(2)}`, msg, sig },
    { what: 'key of wrong length', scheme: 'secp256k1', key: compressed.slice(0, 64), msg, sig },
  ];
}

function checkAll(cases: readonly Case[]): Map<string, Tally> {
  const tally = new Map<string, Tally>();
  for (const c of cases) {
    const reference = referenceVerify(c.scheme, c.key, c.msg, c.sig);
    const combined = verifySignature(c.scheme, c.key, c.msg, c.sig);
    const fast = nativeVerify(c.scheme, c.key, c.msg, c.sig);
    assert.equal(combined, reference, `${c.scheme} ${c.what}: verdicts differ`);
    if (fast) assert.ok(reference, `${c.scheme} ${c.what}: the fast path accepted what the reference refuses`);
    const by = { addon: 0, openssl: 0 };
    for (const b of backends) {
      const v = nativeVerifyWith(b, c.scheme, c.key, c.msg, c.sig) ?? false;
      if (v) assert.ok(reference, `${c.scheme} ${c.what}: backend ${b} accepted what the reference refuses`);
      by[b] = v ? 1 : 0;
    }
    const t = tally.get(c.what) ?? { valid: 0, fast: 0, addon: 0, openssl: 0, total: 0 };
    tally.set(c.what, {
      valid: t.valid + (reference ? 1 : 0),
      fast: t.fast + (fast ? 1 : 0),
      addon: t.addon + by.addon,
      openssl: t.openssl + by.openssl,
      total: t.total + 1,
    });
  }
  return tally;
}

const all150 = { valid: 150, fast: 150, addon: 150, openssl: 150, total: 150 };

test('the native addons load from their prebuilt binaries on linux-x64 (the machines this project runs on)', (t) => {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return t.skip(`no prebuilt binary is checked for ${process.platform}-${process.arch}`);
  const addons = nativeAddons();
  assert.ok(addons.sodium !== null, 'sodium-native did not load');
  assert.ok(addons.secp256k1 !== null, 'secp256k1 (libsecp256k1) did not load');
});

test('ed25519: every fast path (libsodium, node:crypto) and the reference agree on valid, mutated, torsion and malformed cases', () => {
  const tally = checkAll(Array.from({ length: 150 }, (_, n) => edCases(n)).flat());
  // the fast path must actually carry honest signatures, and the adversarial families behave as designed
  assert.deepEqual(tally.get('valid'), all150);
  assert.deepEqual(tally.get('raw-scalar valid'), all150);
  assert.equal(tally.get('S + L (non-canonical S)')?.valid, 0);
  assert.equal(tally.get('small-order key')?.valid, 0);
  assert.equal(tally.get('identity key')?.valid, 0);
  // cofactored (reference) accepts torsion in R or in the key; cofactorless OpenSSL and libsodium mostly do not
  assert.equal(tally.get('R with torsion')?.valid, 150);
  assert.equal(tally.get('mixed-order key')?.valid, 150);
  assert.ok((tally.get('mixed-order key')?.fast ?? 150) < 150);
  assert.ok((tally.get('mixed-order key')?.openssl ?? 150) < 150);
  if (nativeAddons().sodium !== null) assert.ok((tally.get('mixed-order key')?.addon ?? 150) < 150);
});

test('secp256k1: every fast path (libsecp256k1, node:crypto) and the reference agree, high-S twins refused by both', () => {
  const tally = checkAll(Array.from({ length: 150 }, (_, n) => secpCases(n)).flat());
  const addon = nativeAddons().secp256k1 !== null ? 150 : 0;
  assert.deepEqual(tally.get('valid'), { ...all150, addon });
  assert.deepEqual(tally.get('valid, other key encoding'), { ...all150, addon });
  for (const what of ['high-S twin', 'r = 0', 's = 0', 'r ≥ n', 'wrong length', 'key off the curve', 'key with bad prefix']) {
    assert.equal(tally.get(what)?.valid, 0, what);
    assert.equal(tally.get(what)?.addon, 0, what);
    assert.equal(tally.get(what)?.openssl, 0, what);
  }
});
