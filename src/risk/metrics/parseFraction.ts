import { Rational } from '../../math/rational.js';

/** "p/q" of the standard shock sizes (constants of this module, never user input). */
export function parseFraction(text: string): Rational {
  const [p, q] = text.split('/');
  return Rational.of(BigInt(p!), BigInt(q ?? '1'));
}
