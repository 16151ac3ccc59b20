import { Rational } from '../../math/rational.js';

const decimalRe = /^(-?)([0-9]{1,120})(?:\.([0-9]{1,120}))?$/;
const ratioRe = /^(-?)([0-9]{1,120})\/([1-9][0-9]{0,119})$/;

/** An exact number as figures write it (signed decimal or p/q), or null when the text is not one. */
export function exactValue(text: unknown): Rational | null {
  if (typeof text !== 'string') return null;
  const d = decimalRe.exec(text);
  if (d) {
    const frac = d[3] ?? '';
    const r = Rational.of(BigInt(`${d[2]}${frac}`), 10n ** BigInt(frac.length));
    return d[1] ? r.neg() : r;
  }
  const q = ratioRe.exec(text);
  if (!q) return null;
  const r = Rational.of(BigInt(q[2]!), BigInt(q[3]!));
  return q[1] ? r.neg() : r;
}
