import type { Prng } from './prng.js';

/** A Fisher–Yates shuffled copy of `xs`, drawn from `prng` (deterministic by seed). */
export function shuffle<T>(xs: readonly T[], prng: Prng): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = prng.nextInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
