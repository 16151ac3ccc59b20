/** Seeds one bench run may take (a typo like 1-100000 is refused, not run for days). */
export const seedsMax = 1000;

/** Seeds to run: ranges and single seeds, comma-separated ("1-10", "2,8", "1-3,7"), in that order, at most `seedsMax`. */
export function seedList(spec: string, variable: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d{1,6})(?:\s*-\s*(\d{1,6}))?\s*$/.exec(part);
    const [a, b] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [1, 0];
    if (!m || b < a || out.length + b - a + 1 > seedsMax)
      throw new Error(`${variable} '${spec}': give seeds or ranges, comma-separated (e.g. 1-10 or 2,8), at most ${seedsMax}`);
    for (let x = a; x <= b; x++) out.push(x);
  }
  return out;
}
