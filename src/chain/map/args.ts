import { assert } from '../../errors/result.js';
import type { ChainLog } from '../chainLog.js';

/** Typed access to a normalised log's arguments (normalizeArgs already checked each type). */
export function addr(log: ChainLog, name: string): string {
  const v = log.args[name];
  assert(typeof v === 'string', `${log.event}.${name} is an address`);
  return v;
}

export function big(log: ChainLog, name: string): bigint {
  const v = log.args[name];
  assert(typeof v === 'bigint', `${log.event}.${name} is an integer`);
  return v;
}

export function list<T>(log: ChainLog, name: string): readonly T[] {
  const v = log.args[name];
  assert(Array.isArray(v), `${log.event}.${name} is a list`);
  return v as T[];
}

export function tuple(log: ChainLog, name: string): Readonly<Record<string, unknown>> {
  const v = log.args[name];
  assert(v !== null && typeof v === 'object' && !Array.isArray(v), `${log.event}.${name} is a tuple`);
  return v as Record<string, unknown>;
}

/** SPEC §11 ids: an operator set is `<avs>:<id>`. */
export function operatorSetOf(log: ChainLog, name = 'operatorSet'): { avs: string; set: string } {
  const t = tuple(log, name);
  const avs = t['avs'];
  const id = t['id'];
  assert(typeof avs === 'string' && typeof id === 'bigint', `${log.event}.${name} is (avs, id)`);
  return { avs, set: `${avs}:${id}` };
}

/** A uint32 block number or delay argument as a JS number. */
export function small(log: ChainLog, name: string): number {
  const v = big(log, name);
  assert(v >= 0n && v <= 0xffffffffn, `${log.event}.${name} fits uint32`);
  return Number(v);
}
