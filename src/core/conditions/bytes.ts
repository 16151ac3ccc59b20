import { StakemeshFailure } from '../../errors/result.js';

/**
 * Canonical binary encoding primitives (docs/conditions.md): fixed-width big-endian integers,
 * ids as u8 length + printable ASCII, byte strings as u32 length + bytes.
 * Decoding is strict: any deviation is `EVIDENCE_MALFORMED`.
 */
const ID = /^[\x21-\x7e]+$/;
export const idBytesMax = 128;

/**
 * Writes into one growable typed array and copies out what was written at the end: no per-field
 * arrays and no array of boxed numbers (evidence encoding sits on the hot path of verification,
 * and its garbage also slows the native signature checks that follow by evicting their tables
 * from the caches). The first writer alive borrows a module-level scratch buffer (allocating a
 * fresh off-heap array per writer costs more than the encoding itself) and gives it back at
 * `finish()`; a writer created while another holds it gets its own buffer. Field semantics are
 * those of the DataView setters the first version used: u8/u32 wrap modulo 2^8 / 2^32, u64
 * writes BigInt(n) modulo 2^64, u256 the low 256 bits (two's complement for negative values).
 */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor() {
    if (scratchFree) {
      scratchFree = false;
      this.buf = scratch;
    } else this.buf = new Uint8Array(byteWriterInitialBytes);
  }

  /** Room for `n` more bytes, doubling the buffer when full. */
  private reserve(n: number): number {
    const at = this.len;
    if (at + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(2 * this.buf.length, at + n));
      grown.set(this.buf.subarray(0, at));
      // a large message moves to its own buffer; the scratch is free again for the next writer
      if (this.buf === scratch) scratchFree = true;
      this.buf = grown;
    }
    this.len = at + n;
    return at;
  }

  bytes(b: Uint8Array): this {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
    return this;
  }
  u8(n: number): this {
    const at = this.reserve(1);
    this.buf[at] = n & 0xff;
    return this;
  }
  u32(n: number): this {
    const v = n >>> 0;
    const at = this.reserve(4);
    const b = this.buf;
    b[at] = v >>> 24;
    b[at + 1] = (v >>> 16) & 0xff;
    b[at + 2] = (v >>> 8) & 0xff;
    b[at + 3] = v & 0xff;
    return this;
  }
  u64(n: number): this {
    if (Number.isSafeInteger(n) && n >= 0) {
      // safe integers are < 2^53: high word = ⌊n / 2^32⌋ exactly, low word = n mod 2^32
      const hi = Math.floor(n / 4294967296);
      return this.u32(hi).u32(n - hi * 4294967296);
    }
    const b = new Uint8Array(8);
    try {
      new DataView(b.buffer).setBigUint64(0, BigInt(n));
    } catch (e) {
      // BigInt(n) refuses fractions and non-finite numbers: a programmer error, as in the DataView version
      this.giveBackScratch();
      throw e;
    }
    return this.bytes(b);
  }
  /** Low 256 bits, big-endian: one hex conversion instead of 32 BigInt shifts and masks. */
  u256(n: bigint): this {
    const h = BigInt.asUintN(256, n).toString(16);
    const at = this.reserve(32);
    const b = this.buf;
    b.fill(0, at, at + 32);
    // h has 1..64 digits; digit pairs from the right fill bytes from the right
    let j = h.length;
    for (let i = at + 31; j > 0; i--) {
      const lo = hexValue(h.charCodeAt(j - 1));
      const hi = j >= 2 ? hexValue(h.charCodeAt(j - 2)) : 0;
      b[i] = (hi << 4) | lo;
      j -= 2;
    }
    return this;
  }
  /** Ids: u8 length (1..128) then printable ASCII (one byte per character). Anything else is a programmer error. */
  id(s: string): this {
    if (!isId(s)) {
      this.giveBackScratch();
      throw new Error(`assertion failed: ${JSON.stringify(s.slice(0, 40))} is not an id`);
    }
    const at = this.reserve(1 + s.length);
    const b = this.buf;
    b[at] = s.length;
    for (let i = 0; i < s.length; i++) b[at + 1 + i] = s.charCodeAt(i);
    return this;
  }
  /** Variable byte strings: u32 length then the bytes. */
  varBytes(b: Uint8Array): this {
    return this.u32(b.length).bytes(b);
  }
  /** The domain tag: u8 length then ASCII. */
  domain(tag: string): this {
    return this.id(tag);
  }
  /**
   * A fresh array of what was written. The writer may go on writing: it then continues in that
   * array (any further write grows it into a new buffer, so the returned array never changes).
   */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    if (this.buf === scratch) {
      scratchFree = true;
      this.buf = out;
    }
    return out;
  }
  /** Before a throw: later writers must not find the scratch taken by this dead one. */
  private giveBackScratch(): void {
    if (this.buf === scratch) {
      scratchFree = true;
      this.buf = scratch.slice(0, this.len);
    }
  }
}

/** Start size of a ByteWriter's buffer: every built-in message without a payload fits. */
const byteWriterInitialBytes = 256;
/** The buffer lent to one writer at a time (a writer dropped without finish() keeps it: later writers then allocate). */
const scratch = new Uint8Array(byteWriterInitialBytes);
let scratchFree = true;

/** Value of a lower-case hex digit (what bigint.toString(16) produces). */
function hexValue(c: number): number {
  return c <= 57 ? c - 48 : c - 87;
}

function malformed(detail: string): never {
  throw new StakemeshFailure('EVIDENCE_MALFORMED', detail);
}

export class ByteReader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  private take(n: number, what: string): Uint8Array {
    if (this.at + n > this.buf.length) malformed(`message truncated reading ${what}`);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(what: string): number {
    return this.take(1, what)[0] as number;
  }
  u32(what: string): number {
    const b = this.take(4, what);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }
  u64(what: string, max: number): number {
    const b = this.take(8, what);
    const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
    if (v > BigInt(max)) malformed(`${what} above ${max}`);
    return Number(v);
  }
  u256(what: string): bigint {
    let v = 0n;
    for (const byte of this.take(32, what)) v = (v << 8n) | BigInt(byte);
    return v;
  }
  id(what: string): string {
    const n = this.u8(`${what} length`);
    const s = String.fromCharCode(...this.take(n, what));
    if (n === 0 || n > idBytesMax || !ID.test(s)) malformed(`${what} is not a valid id`);
    return s;
  }
  varBytes(what: string, max: number): Uint8Array {
    const n = this.u32(`${what} length`);
    if (n > max) malformed(`${what} longer than ${max} bytes`);
    return this.take(n, what).slice();
  }
  expectDomain(tag: string): void {
    const n = this.u8('domain length');
    const got = String.fromCharCode(...this.take(n, 'domain'));
    if (got !== tag) malformed(`domain ${JSON.stringify(got.slice(0, 64))}, expected ${tag}`);
  }
  end(): void {
    if (this.at !== this.buf.length) malformed(`${this.buf.length - this.at} trailing bytes`);
  }
}

export function isId(s: string): boolean {
  return s.length > 0 && s.length <= idBytesMax && ID.test(s);
}
