import { StakemeshFailure } from '../../errors/result.js';

/**
 * Canonical binary encoding primitives (docs/conditions.md): fixed-width big-endian integers,
 * ids as u8 length + printable ASCII, byte strings as u32 length + bytes.
 * Decoding is strict: any deviation is `EVIDENCE_MALFORMED`.
 */
const ID = /^[\x21-\x7e]+$/;
export const idBytesMax = 128;

/**
 * Collects bytes in a plain array of small integers and makes one typed array at the end (no
 * per-field arrays: evidence encoding sits on the hot path of verification). Field semantics are
 * those of the DataView setters they replace: u8/u32 wrap modulo 2^8 / 2^32, u64 writes BigInt(n)
 * modulo 2^64, u256 the low 256 bits.
 */
export class ByteWriter {
  private readonly out: number[] = [];

  bytes(b: Uint8Array): this {
    for (let i = 0; i < b.length; i++) this.out.push(b[i] as number);
    return this;
  }
  u8(n: number): this {
    this.out.push(n & 0xff);
    return this;
  }
  u32(n: number): this {
    const v = n >>> 0;
    this.out.push(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    return this;
  }
  u64(n: number): this {
    if (Number.isSafeInteger(n) && n >= 0) {
      // safe integers are < 2^53: high word = ⌊n / 2^32⌋ exactly, low word = n mod 2^32
      const hi = Math.floor(n / 4294967296);
      return this.u32(hi).u32(n - hi * 4294967296);
    }
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(n));
    return this.bytes(b);
  }
  u256(n: bigint): this {
    const b = new Array<number>(32);
    let x = n;
    for (let i = 31; i >= 0; i--) {
      b[i] = Number(x & 0xffn);
      x >>= 8n;
    }
    for (const v of b) this.out.push(v);
    return this;
  }
  /** Ids: u8 length (1..128) then printable ASCII (one byte per character). Anything else is a programmer error. */
  id(s: string): this {
    if (!isId(s)) throw new Error(`assertion failed: ${JSON.stringify(s.slice(0, 40))} is not an id`);
    this.out.push(s.length);
    for (let i = 0; i < s.length; i++) this.out.push(s.charCodeAt(i));
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
  /** A fresh array of what was written. */
  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
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
