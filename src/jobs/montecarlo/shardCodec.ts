import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Accumulator, EntityStats } from '../../risk/montecarlo/accumulator.js';
import type { ShardResult } from './runShard.js';
import type { ShardRange } from './shardPlan.js';

/** A shard result as JSON (queue return values): every Float64Array as base64 of its raw-deflated bytes (exact). */
export interface EncodedShard {
  readonly range: ShardRange;
  readonly acc: Record<string, string>;
  readonly totals: string;
  readonly positions: string;
}

const statsKeys = ['sumQ', 'sumSqQ', 'nonzero', 'exceed', 'histCount', 'histSumQ'] as const;

function enc(a: Float64Array): string {
  return deflateRawSync(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).toString('base64');
}

function dec(s: string): Float64Array {
  const b = inflateRawSync(Buffer.from(s, 'base64'));
  if (b.byteLength % 8 !== 0) throw new Error('assertion failed: encoded Float64Array of odd length');
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function encodeShard(r: ShardResult): EncodedShard {
  const acc: Record<string, string> = {
    thresholds: enc(r.acc.thresholds),
    faultCount: enc(r.acc.faultCount),
    contagion: enc(r.acc.contagion),
  };
  for (const side of ['ops', 'svcs'] as const) for (const k of statsKeys) acc[`${side}.${k}`] = enc(r.acc[side][k]);
  return { range: r.range, acc, totals: enc(r.totals), positions: enc(r.positions) };
}

export function decodeShard(e: EncodedShard): ShardResult {
  const get = (k: string): Float64Array => {
    const s = e.acc[k];
    if (s === undefined) throw new Error(`assertion failed: encoded shard lacks ${k}`);
    return dec(s);
  };
  const stats = (side: 'ops' | 'svcs'): EntityStats => {
    const sumQ = get(`${side}.sumQ`);
    return {
      n: sumQ.length,
      sumQ,
      sumSqQ: get(`${side}.sumSqQ`),
      nonzero: get(`${side}.nonzero`),
      exceed: get(`${side}.exceed`),
      histCount: get(`${side}.histCount`),
      histSumQ: get(`${side}.histSumQ`),
    };
  };
  const acc: Accumulator = {
    thresholds: get('thresholds'),
    ops: stats('ops'),
    svcs: stats('svcs'),
    faultCount: get('faultCount'),
    contagion: get('contagion'),
  };
  return { range: e.range, acc, totals: dec(e.totals), positions: dec(e.positions) };
}
