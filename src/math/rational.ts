/**
 * Exact rational numbers over bigint, always normalised (gcd 1, positive denominator).
 * Used wherever a comparison decides a verdict (secure, profitable, threshold met).
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational: zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    return g > 1n ? new Rational(num / g, den / g) : new Rational(num, den);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  min(o: Rational): Rational {
    return this.lte(o) ? this : o;
  }
  max(o: Rational): Rational {
    return this.gte(o) ? this : o;
  }
  /** Floor or ceiling to an integer. */
  toBigInt(rounding: 'down' | 'up'): bigint {
    const q = this.num / this.den;
    const exact = q * this.den === this.num;
    if (exact) return q;
    // bigint division truncates toward zero
    if (this.num < 0n) return rounding === 'down' ? q - 1n : q;
    return rounding === 'down' ? q : q + 1n;
  }
  /** Approximation for statistics and display only; never for a verdict. */
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }
  /** Exact "p/q" (or "p" when integral). */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
  /** Decimal string with `digits` fractional digits, rounded toward zero. */
  toDecimal(digits: number): string {
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scale = 10n ** BigInt(digits);
    const scaled = (abs * scale) / this.den;
    const int = scaled / scale;
    const frac = (scaled % scale).toString().padStart(digits, '0').replace(/0+$/, '');
    const body = frac.length > 0 ? `${int}.${frac}` : `${int}`;
    return neg && scaled !== 0n ? `-${body}` : body;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
