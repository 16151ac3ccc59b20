/**
 * Counter-based random streams: the stream of scenario i is a pure function of (seed, i), so a
 * scenario's draws do not depend on which worker runs it or in what order (bit-for-bit
 * reproducibility whatever the thread count). Keying: lowbias32 hashing of (seed, i) into the
 * 128-bit state of an sfc32 generator (small fast counting generator, period ≥ 2^32 per stream).
 */
export function mix32(x: number): number {
  x = x >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_M32 = 2 ** -32;

export class ScenarioStream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spare = NaN;
  private readonly k0: number;
  private readonly k1: number;

  /** `seed` is an integer in [0, 2^53). */
  constructor(seed: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 2 ** 32) >>> 0;
    this.k0 = mix32(lo ^ 0x9e3779b9);
    this.k1 = mix32((hi + 0x85ebca6b) ^ this.k0);
  }

  /** Positions the stream at the start of scenario `index`. */
  reset(index: number): void {
    const i = index >>> 0;
    this.a = mix32(i ^ this.k0);
    this.b = mix32((this.a + this.k1) ^ 0x27d4eb2f);
    this.c = mix32(this.b ^ (i + 0x165667b1));
    this.d = 1;
    this.spare = NaN;
    for (let r = 0; r < 6; r++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.nextU32() + 0.5) * TWO_M32;
  }

  /** Standard normal (Box–Muller, both outputs used). */
  normal(): number {
    if (this.spare === this.spare) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const t = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(t);
    return r * Math.cos(t);
  }
}
