import { StakemeshFailure } from '../../errors/result.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { heightMax, payloadBytesMax, tasksMax } from './conditionBounds.js';
import { hexField, idField, intField, toHex, u256Field, type Json } from './evidenceFields.js';

/**
 * Canonical signed messages of the built-in condition kinds, version 1 (docs/conditions.md).
 * Layout: domain tag (u8 length + ASCII "stakemesh/v1/…"), then fixed-order fields:
 * ids as u8 length + ASCII, heights/rounds u64 BE, counts u32 BE, values u256 BE,
 * payloads u32 BE length + bytes. One value has exactly one encoding.
 */
export const domains = {
  doubleSign: 'stakemesh/v1/doubleSign',
  liveness: 'stakemesh/v1/liveness',
  oracleReport: 'stakemesh/v1/oracleDeviation/report',
  oracleReference: 'stakemesh/v1/oracleDeviation/reference',
} as const;

export interface DoubleSignMessage {
  readonly set: string;
  readonly operator: string;
  readonly height: number;
  readonly round: number;
  readonly payload: Uint8Array;
}

export interface LivenessAttestation {
  readonly set: string;
  readonly operator: string;
  /** Ledger height of the last task in the window. */
  readonly height: number;
  readonly tasks: number;
  readonly missed: number;
}

export interface OracleReport {
  readonly set: string;
  readonly operator: string;
  readonly feed: string;
  readonly round: number;
  readonly height: number;
  readonly value: bigint;
}

export interface OracleReference {
  readonly set: string;
  readonly feed: string;
  readonly round: number;
  readonly value: bigint;
}

/** Encoder, strict decoder and JSON field mapping of one message type. */
export interface MessageCodec<T> {
  readonly domain: string;
  encode(m: T): Uint8Array;
  decode(bytes: Uint8Array): T;
  fromFields(j: Json): T;
  toFields(m: T): Record<string, string | number>;
}

function decodeWith<T>(domain: string, bytes: Uint8Array, read: (r: ByteReader) => T): T {
  const r = new ByteReader(bytes);
  r.expectDomain(domain);
  const m = read(r);
  r.end();
  return m;
}

export const doubleSignCodec: MessageCodec<DoubleSignMessage> = {
  domain: domains.doubleSign,
  encode: (m) =>
    new ByteWriter().domain(domains.doubleSign).id(m.set).id(m.operator).u64(m.height).u64(m.round).varBytes(m.payload).finish(),
  decode: (b) =>
    decodeWith(domains.doubleSign, b, (r) => ({
      set: r.id('set'),
      operator: r.id('operator'),
      height: r.u64('height', heightMax),
      round: r.u64('round', heightMax),
      payload: r.varBytes('payload', payloadBytesMax),
    })),
  fromFields: (j) => ({
    set: idField(j.set, 'set'),
    operator: idField(j.operator, 'operator'),
    height: intField(j.height, 'height', heightMax),
    round: intField(j.round ?? 0, 'round', heightMax),
    payload: hexField(j.payload, 'payload', { max: payloadBytesMax }),
  }),
  toFields: (m) => ({ set: m.set, operator: m.operator, height: m.height, round: m.round, payload: toHex(m.payload) }),
};

export const livenessCodec: MessageCodec<LivenessAttestation> = {
  domain: domains.liveness,
  encode: (m) => new ByteWriter().domain(domains.liveness).id(m.set).id(m.operator).u64(m.height).u32(m.tasks).u32(m.missed).finish(),
  decode: (b) =>
    decodeWith(domains.liveness, b, (r) => ({
      set: r.id('set'),
      operator: r.id('operator'),
      height: r.u64('height', heightMax),
      tasks: r.u32('tasks'),
      missed: r.u32('missed'),
    })),
  fromFields: (j) => ({
    set: idField(j.set, 'set'),
    operator: idField(j.operator, 'operator'),
    height: intField(j.height, 'height', heightMax),
    tasks: intField(j.tasks, 'tasks', tasksMax),
    missed: intField(j.missed, 'missed', tasksMax),
  }),
  toFields: (m) => ({ set: m.set, operator: m.operator, height: m.height, tasks: m.tasks, missed: m.missed }),
};

export const oracleReportCodec: MessageCodec<OracleReport> = {
  domain: domains.oracleReport,
  encode: (m) =>
    new ByteWriter().domain(domains.oracleReport).id(m.set).id(m.operator).id(m.feed).u64(m.round).u64(m.height).u256(m.value).finish(),
  decode: (b) =>
    decodeWith(domains.oracleReport, b, (r) => ({
      set: r.id('set'),
      operator: r.id('operator'),
      feed: r.id('feed'),
      round: r.u64('round', heightMax),
      height: r.u64('height', heightMax),
      value: r.u256('value'),
    })),
  fromFields: (j) => ({
    set: idField(j.set, 'set'),
    operator: idField(j.operator, 'operator'),
    feed: idField(j.feed, 'feed'),
    round: intField(j.round, 'round', heightMax),
    height: intField(j.height, 'height', heightMax),
    value: u256Field(j.value, 'value'),
  }),
  toFields: (m) => ({ set: m.set, operator: m.operator, feed: m.feed, round: m.round, height: m.height, value: m.value.toString() }),
};

export const oracleReferenceCodec: MessageCodec<OracleReference> = {
  domain: domains.oracleReference,
  encode: (m) => new ByteWriter().domain(domains.oracleReference).id(m.set).id(m.feed).u64(m.round).u256(m.value).finish(),
  decode: (b) =>
    decodeWith(domains.oracleReference, b, (r) => ({
      set: r.id('set'),
      feed: r.id('feed'),
      round: r.u64('round', heightMax),
      value: r.u256('value'),
    })),
  fromFields: (j) => ({
    set: idField(j.set, 'set'),
    feed: idField(j.feed, 'feed'),
    round: intField(j.round, 'round', heightMax),
    value: u256Field(j.value, 'value'),
  }),
  toFields: (m) => ({ set: m.set, feed: m.feed, round: m.round, value: m.value.toString() }),
};

/** Largest canonical message of any built-in type (doubleSign with a full payload). */
export const messageBytesMax = 1 + 64 + 2 * 129 + 16 + 4 + payloadBytesMax;

/** The signed message of a JSON piece: either `{ message: "<hex>" }` (strictly decoded) or its fields. */
export function readMessage<T>(codec: MessageCodec<T>, j: Json): { readonly message: T; readonly bytes: Uint8Array } {
  if (j.message !== undefined) {
    const keys = Object.keys(j).filter((k) => k !== 'message' && k !== 'signature' && k !== 'signatures');
    if (keys.length > 0) throw new StakemeshFailure('EVIDENCE_MALFORMED', `give either "message" or its fields, not both (${keys[0]})`);
    const bytes = hexField(j.message, 'message', { max: messageBytesMax });
    return { message: codec.decode(bytes), bytes };
  }
  const message = codec.fromFields(j);
  return { message, bytes: codec.encode(message) };
}
