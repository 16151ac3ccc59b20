/**
 * Seeded, portable PRNG (xoshiro128** seeded by splitmix32), uint32 arithmetic only, no BigInt.
 * Same seed, same sequence on every platform. Pure: the state lives in the returned object.
 */
export interface Prng {
  /** Next uint32. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n) (n ≤ 2^32), unbiased (rejection sampling). */
  nextInt(n: number): number;
  /** Standard normal (Box–Muller). */
  nextNormal(): number;
  /** An independent generator derived from this one (for sub-streams). */
  fork(): Prng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from a numeric seed (any safe integer; high bits are folded in). */
export function createPrng(seed: number): Prng {
  const hi = Math.floor(Math.abs(seed) / 2 ** 32) >>> 0;
  const sm = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d));
  const s = new Uint32Array([sm(), sm(), sm(), sm()]);
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return fromState(s);
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function fromState(s: Uint32Array): Prng {
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const next = (): number => nextUint32() / 2 ** 32;
  const nextInt = (n: number): number => {
    if (!(n > 0 && n <= 2 ** 32 && Number.isInteger(n))) throw new RangeError(`nextInt: bad bound ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };
  const nextNormal = (): number => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const fork = (): Prng => createPrng(nextUint32() * 2 ** 21 + (nextUint32() >>> 11));
  return { nextUint32, next, nextInt, nextNormal, fork };
}
