import { figureKey, restamp, type Figure, type Stamp } from './figure.js';

function isFigure(x: unknown): x is Figure {
  return typeof x === 'object' && x !== null && 'proven' in x && 'stateHash' in x;
}

/** The same subtree of figures describing another state (inputs unchanged). */
export function restampTree<T>(tree: T, at: Stamp): T {
  if (isFigure(tree)) return restamp(tree, at) as T;
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return tree;
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, restampTree(v, at)])) as T;
}

/** path → value-and-proof key of every figure under `tree` (paths joined with '/'). */
export function flattenFigures(tree: unknown, prefix: string, out: Map<string, string> = new Map()): Map<string, string> {
  if (isFigure(tree)) out.set(prefix, figureKey(tree));
  else if (typeof tree === 'object' && tree !== null && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree)) flattenFigures(v, `${prefix}/${k}`, out);
  }
  return out;
}

/** Paths whose figure differs (value, proof status or bounds), appeared or disappeared, sorted. */
export function changedFigures(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const paths = new Set<string>();
  for (const [p, k] of after) if (before.get(p) !== k) paths.add(p);
  for (const p of before.keys()) if (!after.has(p)) paths.add(p);
  return [...paths].sort();
}
