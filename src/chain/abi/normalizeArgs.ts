import { StakemeshFailure } from '../../errors/result.js';
import type { AbiParameter } from 'viem';

const uintPattern = /^u?int\d*$/;

function scalar(type: string, v: unknown, where: string): unknown {
  if (uintPattern.test(type)) {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
    if (typeof v === 'string' && /^-?\d{1,78}$/.test(v)) return BigInt(v);
    throw new StakemeshFailure('BAD_LOG', `${where}: ${type} expected`);
  }
  if (type === 'address') {
    if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) return v.toLowerCase();
    throw new StakemeshFailure('BAD_LOG', `${where}: address expected`);
  }
  if (type === 'bool') {
    if (typeof v === 'boolean') return v;
    throw new StakemeshFailure('BAD_LOG', `${where}: bool expected`);
  }
  if (typeof v === 'string') return type.startsWith('bytes') ? v.toLowerCase() : v;
  throw new StakemeshFailure('BAD_LOG', `${where}: ${type} expected`);
}

/**
 * Brings an argument to the canonical form (ChainLog) from either source: viem's decoder
 * (bigint, checksummed addresses, tuples as objects) or the decoded-snapshot JSON (integers of 16
 * digits or more as strings, smaller ones as numbers).
 */
export function normalizeValue(param: AbiParameter, v: unknown, where: string): unknown {
  const array = /^(.*)\[\d*\]$/.exec(param.type);
  if (array) {
    if (!Array.isArray(v)) throw new StakemeshFailure('BAD_LOG', `${where}: list expected`);
    const inner = { ...param, type: array[1] ?? '' } as AbiParameter;
    return v.map((x, i) => normalizeValue(inner, x, `${where}[${i}]`));
  }
  if (param.type === 'tuple') {
    const components = (param as { components?: readonly AbiParameter[] }).components ?? [];
    if (v === null || typeof v !== 'object') throw new StakemeshFailure('BAD_LOG', `${where}: tuple expected`);
    return normalizeArgs(components, v as Record<string, unknown>, where);
  }
  return scalar(param.type, v, where);
}

export function normalizeArgs(params: readonly AbiParameter[], args: Record<string, unknown>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const name = p.name ?? '';
    if (!(name in args)) throw new StakemeshFailure('BAD_LOG', `${where}: missing ${name}`);
    out[name] = normalizeValue(p, args[name], `${where}.${name}`);
  }
  return out;
}
