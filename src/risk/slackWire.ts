import { Rational } from '../math/rational.js';
import type { PoolBound, PoolBox } from './milp/treePool.js';
import type { WireBox, WirePair, WorkMessage } from './slackShare.js';

/** Boxes in one message, and fixings in one box (the program has at most a few columns per edge). */
const wireBoxesMax = 1_000_000;
const wireFixMax = 10_000_000;
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
    case 'done':
      return idOk && isPair(o['at']) ? { kind: 'done', id: id as number, at: o['at'] } : null;
    default:
      return null;
  }
}

/** Two decimal integers, the second not zero (read as a number: '00' and '-0' are zero too). */
function isPair(x: unknown): x is WirePair {
  return Array.isArray(x) && x.length === 2 && x.every((s) => typeof s === 'string' && integer.test(s)) && BigInt(x[1] as string) !== 0n;
}

function isWireBox(x: unknown): x is WireBox {
  if (typeof x !== 'object' || x === null) return false;
  const { fix, bound } = x as Record<string, unknown>;
  if (!Array.isArray(fix) || fix.length > wireFixMax || !fix.every((f) => Number.isSafeInteger(f) && f >= 0)) return false;
  return bound === null || isPair(bound);
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
  if (!b.fix.every((f) => Math.floor(f / 2) < columns)) return null;
  const bound: PoolBound | null = b.bound ? { value: BigInt(b.bound[0]), scale: BigInt(b.bound[1]) } : null;
  if (bound && bound.scale <= 0n) return null;
  return { fix: b.fix, bound };
}
