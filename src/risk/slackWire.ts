import { Rational } from '../math/rational.js';
import type { BnbRecorder } from './milp/branchAndBound.js';
import type { LeafPart } from './milp/leafBound.js';
import type { PoolBound, PoolBox } from './milp/treePool.js';
import type { WireBox, WireLeaf, WirePair, WorkMessage } from './slackShare.js';

/** Boxes in one message, and fixings in one box (the program has at most a few columns per edge). */
const wireBoxesMax = 1_000_000;
const wireFixMax = 10_000_000;
/** Regions in one `done` message (a batch's closed regions), and characters of a leaf search's digest. */
const wireLeavesMax = 1_000_000;
const wireDigestMax = 10_000_000;
/** Digits of one wire integer. */
const wireDigitsMax = 10_000;

const integer = new RegExp(`^-?\\d{1,${wireDigitsMax}}$`);

/** A work message of 'coop' read from the other thread, or null when it is not one (ignored, as a coalition that is
 *  not of the network is). */
export function readWorkMessage(m: unknown): WorkMessage | null {
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Record<string, unknown>;
  const id = o['id'];
  const idOk = typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
  switch (o['kind']) {
    case 'ask':
      return { kind: 'ask' };
    case 'boxes':
    case 'back': {
      const boxes = o['boxes'];
      if (!idOk || !Array.isArray(boxes) || boxes.length > wireBoxesMax || !boxes.every(isWireBox)) return null;
      return { kind: o['kind'], id: id as number, boxes: boxes as WireBox[] };
    }
    case 'done': {
      const [at, leaves] = [o['at'], o['leaves']];
      if (!idOk || !isPair(at)) return null;
      if (leaves === undefined) return { kind: 'done', id: id as number, at };
      if (!Array.isArray(leaves) || leaves.length > wireLeavesMax || !leaves.every(isWireLeaf)) return null;
      return { kind: 'done', id: id as number, at, leaves: leaves as WireLeaf[] };
    }
    default:
      return null;
  }
}

/** Two decimal integers, the second not zero (read as a number: '00' and '-0' are zero too). */
function isPair(x: unknown): x is WirePair {
  return Array.isArray(x) && x.length === 2 && x.every((s) => typeof s === 'string' && integer.test(s)) && BigInt(x[1] as string) !== 0n;
}

function isIndexList(x: unknown): x is number[] {
  return Array.isArray(x) && x.length <= wireFixMax && x.every((f) => Number.isSafeInteger(f) && f >= 0);
}

const isInteger = (x: unknown): x is string => typeof x === 'string' && integer.test(x);

function isWireLeaf(x: unknown): x is WireLeaf {
  if (typeof x !== 'object' || x === null) return false;
  const { fix, rows, y, farkas, flips, yScale, part } = x as Record<string, unknown>;
  if (!isIndexList(fix) || !isIndexList(rows) || !Array.isArray(y) || y.length !== rows.length || !y.every(isInteger)) return false;
  if (typeof farkas !== 'boolean' || (flips !== null && !isIndexList(flips)) || !isInteger(yScale) || BigInt(yScale) <= 0n) return false;
  if (part === null) return true;
  if (typeof part !== 'object' || part === undefined) return false;
  const { digest, rest, scale, extra } = part as Record<string, unknown>;
  return (
    typeof digest === 'string' &&
    digest.length <= wireDigestMax &&
    isInteger(rest) &&
    isInteger(scale) &&
    BigInt(scale) > 0n &&
    isIndexList(extra)
  );
}

/** A region the searcher closed, from the recorder's arguments (milp/branchAndBound BnbRecorder): non-zero multipliers only. */
export function wireLeaf(...[fix, y, farkas, flips, yScale, part]: Parameters<BnbRecorder>): WireLeaf {
  const rows: number[] = [];
  const vals: string[] = [];
  if (y)
    for (let i = 0; i < y.length; i++)
      if (y[i] !== 0n) {
        rows.push(i);
        vals.push(y[i]!.toString());
      }
  return {
    fix: [...fix],
    rows,
    y: vals,
    farkas,
    flips: flips ? [...flips] : null,
    yScale: yScale.toString(),
    part: part ? { digest: part.digest, rest: part.rest.toString(), scale: part.scale.toString(), extra: [...part.extra] } : null,
  };
}

/** Records a received region (`wireLeaf`) with `rec`, checked against the program's column and row counts; false (nothing
 *  recorded) when it is not one of the program's. */
export function recordWireLeaf(rec: BnbRecorder, leaf: WireLeaf, columns: number, rows: number): boolean {
  const inColumns = (f: number): boolean => fixingIn(f, columns);
  if (!leaf.fix.every(inColumns) || !(leaf.flips ?? []).every(inColumns) || !leaf.rows.every((i) => i < rows)) return false;
  if (leaf.part && !leaf.part.extra.every((j) => j < columns)) return false;
  let y: bigint[] | null = null;
  if (leaf.rows.length > 0) {
    y = new Array<bigint>(rows).fill(0n);
    leaf.rows.forEach((i, k) => (y![i] = BigInt(leaf.y[k]!)));
  }
  const p = leaf.part;
  const part: LeafPart | undefined = p ? { digest: p.digest, rest: BigInt(p.rest), scale: BigInt(p.scale), extra: p.extra } : undefined;
  rec(leaf.fix, y, leaf.farkas, leaf.flips, BigInt(leaf.yScale), part);
  return true;
}

function isWireBox(x: unknown): x is WireBox {
  if (typeof x !== 'object' || x === null) return false;
  const { fix, bound } = x as Record<string, unknown>;
  return isIndexList(fix) && (bound === null || isPair(bound));
}

export function wirePair(num: bigint, den: bigint): WirePair {
  return [num.toString(), den.toString()];
}

export function pairRational(p: WirePair): Rational {
  return Rational.of(BigInt(p[0]), BigInt(p[1]));
}

export function wireBox(b: PoolBox): WireBox {
  return { fix: b.fix, bound: b.bound ? wirePair(b.bound.value, b.bound.scale) : null };
}

/** A received box; its fixings are checked against the program's column count `columns` (else null). */
export function poolBoxOf(b: WireBox, columns: number): PoolBox | null {
  if (!b.fix.every((f) => fixingIn(f, columns))) return null;
  const bound: PoolBound | null = b.bound ? { value: BigInt(b.bound[0]), scale: BigInt(b.bound[1]) } : null;
  if (bound && bound.scale <= 0n) return null;
  return { fix: b.fix, bound };
}

/** A packed fixing (col·2 + value, a safe non-negative integer) of one of the program's `columns` columns. */
function fixingIn(f: number, columns: number): boolean {
  return Math.floor(f / 2) < columns;
}
