import { StakemeshFailure } from '../../errors/result.js';

/**
 * Canonical binary encoding primitives (docs/conditions.md): fixed-width big-endian integers,
 * ids as u8 length + printable ASCII, byte strings as u32 length + bytes.
 * Decoding is strict: any deviation is `EVIDENCE_MALFORMED`.
 */
const ID = /^[\x21-\x7e]+$/;
export const idBytesMax = 128;

export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }
  u8(n: number): this {
    return this.bytes(Uint8Array.of(n));
  }
  u32(n: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n);
    return this.bytes(b);
  }
  u64(n: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(n));
    return this.bytes(b);
  }
  u256(n: bigint): this {
    const b = new Uint8Array(32);
    let x = n;
    for (let i = 31; i >= 0; i--) {
      b[i] = Number(x & 0xffn);
      x >>= 8n;
    }
    return this.bytes(b);
  }
  /** Ids: u8 length (1..128) then printable ASCII. Anything else is a programmer error. */
  id(s: string): this {
    if (!isId(s)) throw new Error(`assertion failed: ${JSON.stringify(s.slice(0, 40))} is not an id`);
    return this.u8(s.length).bytes(new TextEncoder().encode(s));
  }
  /** Variable byte strings: u32 length then the bytes. */
  varBytes(b: Uint8Array): this {
    return this.u32(b.length).bytes(b);
  }
  /** The domain tag: u8 length then ASCII. */
  domain(tag: string): this {
    return this.id(tag);
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
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
