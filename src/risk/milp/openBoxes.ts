import { openBox, type Open } from './replayLeaf.js';

/**
 * The distinct boxes a replay re-opens (milp/replayProof), each kept with the highest bound it was met with, in the
 * order each box was first met. Two boxes are the same when they hold the same packed fixings in any order.
 *
 * Why not a string key: the replay keyed each box by its sorted fixings joined into a string. At 2,000 × 100 a region
 * fixes about 400 columns, and a replay re-opens 250–2,500 regions, so that key was a third of the replay's own time
 * and kilobytes of garbage per box (twenty-ninth pass profile: 83 of the 136 line ticks of `replay`'s own time). Here a box
 * is hashed without sorting (a sum and an xor of mixed entries do not depend on order), and boxes are compared entry by
 * entry only when their hashes meet.
 */
export interface OpenBoxes {
  /** Adds a re-opened box (a box met before keeps the higher of the two bounds, and its first place). */
  readonly add: (o: Open) => void;
  /** The distinct boxes, in the order each was first met. */
  readonly values: () => Open[];
}

export function openBoxes(): OpenBoxes {
  const byHash = new Map<number, number[]>();
  const list: Open[] = [];
  const add = (o: Open): void => {
    const h = boxHash(o.fix, o.extra);
    const at = byHash.get(h);
    if (at === undefined) {
      byHash.set(h, [list.push(o) - 1]);
      return;
    }
    for (const k of at)
      if (sameBox(list[k]!, o)) {
        if (list[k]!.bound < o.bound) list[k] = o;
        return;
      }
    at.push(list.push(o) - 1);
  };
  return { add, values: () => list };
}

/** A 32-bit mix of one packed fixing (murmur3's finaliser): nearby integers land far apart. */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A hash of the box's entries and of `extra` when ≥ 0 (the same as of one array of them all), that does not depend
 *  on their order: 21 bits of a sum and 32 of an xor (< 2^53). */
export function boxHash(box: ArrayLike<number>, extra = -1): number {
  const n = extra >= 0 ? box.length + 1 : box.length;
  let sum = n;
  let xor = 0;
  for (let t = 0; t < n; t++) {
    const m = mix(t < box.length ? box[t]! : extra);
    sum = (sum + m) | 0;
    xor = (xor ^ mix(m + 0x9e3779b9)) >>> 0;
  }
  return (sum & 0x1fffff) * 0x100000000 + xor;
}

/** The same entries in any order (a box fixes each column once, so its entries are distinct). */
function sameBox(a: Open, b: Open): boolean {
  if (a.fix.length + (a.extra >= 0 ? 1 : 0) !== b.fix.length + (b.extra >= 0 ? 1 : 0)) return false;
  const x = openBox(a).sort((p, q) => p - q);
  const y = openBox(b).sort((p, q) => p - q);
  for (let t = 0; t < x.length; t++) if (x[t] !== y[t]) return false;
  return true;
}
