import { compareBigint } from '../../math/compareBigint.js';
import { Rational } from '../../math/rational.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { gridThreshold, type AttackVariables } from './attackProgram.js';
import type { AttackColumns } from './exactAttackProgram.js';
import type { ExactRow } from './exactProgram.js';

/** Cuts added by one call (the most violated first): each is a row of every later LP solve. */
export const separatedPerCallMax = 16;
/**
 * Cuts kept over a whole search: beyond this the LP's rows stop growing. A separated row is dense (K holds the few
 * large edges the LP uses, so the row lists every small edge of the service): measured at 2,000 × 100 seed 1's optimum
 * (BENCHMARKS, ninth pass (gcut)), 1,500 rows cut the proof's nodes from 2,461 to 1,029 but doubled its time (39.7 s
 * against 19.5 s) in HiGHS; 100–600 rows left it at 19.5–26.5 s.
 */
export const separatedMax = 300;
/** A cover row is returned only when the LP point violates it by more than this (floats steer; validity is exact). */
const violationMin = 0.05;

interface CoverEdge {
  /** min(amount, need) in units of 1/lcd, rounded up (a larger weight only makes a cover harder to accept). */
  readonly w: bigint;
  /** b_v and/or p_e: their sum says "this edge is corrupted" (at most 1 on every 0/1 point, `once` rows). */
  readonly cols: readonly number[];
}

interface CoverService {
  readonly ys: number;
  /** The program's threshold (gridThreshold) in units of 1/lcd, rounded up. */
  readonly need: bigint;
  readonly edges: readonly CoverEdge[];
}

/** What `separateCovers` reads, built once per program, and the cuts it has returned (never returned twice). */
export interface CoverSeparation {
  readonly services: readonly CoverService[];
  readonly seen: Set<string>;
  count: number;
}

export function coverSeparation(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns): CoverSeparation {
  const lcd = Rational.of(ix.lcd);
  const units = (r: Rational): bigint => r.mul(lcd).toBigInt('up');
  const services: CoverService[] = [];
  for (const s of vars.services) {
    const ys = cols.y.get(s);
    if (ys === undefined) continue;
    const need = gridThreshold(ix, s);
    const edges = ix.edgesOfSvc[s]!.map((e): CoverEdge => {
      const { op, amount } = ix.edges[e]!;
      return { w: units(amount.min(need)), cols: [cols.b.get(op), cols.p.get(e)].filter((j): j is number => j !== undefined) };
    });
    services.push({ ys, need: units(need), edges });
  }
  return { services, seen: new Set(), count: 0 };
}

/**
 * Cover inequalities violated by the LP point x, found per node (the static rows of coverCuts fix one cover per
 * service in advance; the LP then tops thresholds up with fractions of the edges outside it). For service s and a set K
 * of its edges with Σ_K w < need_s (exact integers), s falls on a 0/1 point only if an edge outside K is corrupted:
 * y_s ≤ Σ_{e∉K} (b_v + p_e), valid for every 0/1 point that satisfies the program's falls and once rows, whatever x.
 * K is chosen greedily to hold as much of x as fits (two orders: by x, and by x per weight), then filled with the
 * untouched edges, smallest first (a larger K is a stronger row).
 */
export function separateCovers(d: CoverSeparation, x: ArrayLike<number>): ExactRow[] {
  const found: { row: ExactRow; violation: number; key: string }[] = [];
  if (d.count >= separatedMax) return [];
  for (const sv of d.services) {
    const y = x[sv.ys] ?? 0;
    // need 0: s falls with nothing corrupted, no cover exists
    if (y <= violationMin || sv.need <= 0n) continue;
    const z = sv.edges.map((e) =>
      Math.min(
        1,
        e.cols.reduce((a, j) => a + (x[j] ?? 0), 0),
      ),
    );
    let best: { outside: number[]; violation: number } | null = null;
    for (const order of [byLevel, byLevelPerWeight]) {
      const outside = coverOutside(sv, z, order);
      if (outside === null) continue;
      const violation = y - outside.reduce((a, k) => a + z[k]!, 0);
      if (best === null || violation > best.violation) best = { outside, violation };
    }
    if (best === null || best.violation <= violationMin) continue;
    const row = coverRow(sv, best.outside);
    const key = row.cols.join(',');
    if (!d.seen.has(key)) found.push({ row, violation: best.violation, key });
  }
  found.sort((a, b) => b.violation - a.violation);
  const out = found.slice(0, Math.min(separatedPerCallMax, separatedMax - d.count));
  for (const f of out) d.seen.add(f.key);
  d.count += out.length;
  return out.map((f) => f.row);
}

type Order = (sv: CoverService, z: readonly number[]) => (a: number, b: number) => number;

const byLevel: Order = (sv, z) => (a, b) => z[b]! - z[a]! || compareBigint(sv.edges[a]!.w, sv.edges[b]!.w);
const byLevelPerWeight: Order = (sv, z) => (a, b) =>
  z[b]! / Number(sv.edges[b]!.w || 1n) - z[a]! / Number(sv.edges[a]!.w || 1n) || compareBigint(sv.edges[a]!.w, sv.edges[b]!.w);

/**
 * The edges outside K (indices into sv.edges): K takes the edges with a positive level in `order` while Σ_K w stays
 * below need (exact), then the zero-level edges smallest first. Null when every edge fits (s cannot fall at all; the
 * falls row already says y_s = 0).
 */
function coverOutside(sv: CoverService, z: readonly number[], order: Order): number[] | null {
  const idx = sv.edges.map((_, k) => k);
  const positive = idx.filter((k) => z[k]! > 0).sort(order(sv, z));
  const zero = idx.filter((k) => !(z[k]! > 0)).sort((a, b) => compareBigint(sv.edges[a]!.w, sv.edges[b]!.w));
  let room = sv.need - 1n;
  const outside: number[] = [];
  for (const k of [...positive, ...zero]) {
    const w = sv.edges[k]!.w;
    if (w <= room) room -= w;
    else outside.push(k);
  }
  return outside.length > 0 ? outside : null;
}

/** y_s − Σ_{e outside K} (b + p) ≤ 0, a column that appears for two edges (one operator) counted once per edge. */
function coverRow(sv: CoverService, outside: readonly number[]): ExactRow {
  const coef = new Map<number, bigint>([[sv.ys, 1n]]);
  for (const k of outside) for (const j of sv.edges[k]!.cols) coef.set(j, (coef.get(j) ?? 0n) - 1n);
  const cols = [...coef.keys()].sort((a, b) => a - b);
  return { cols, coefs: cols.map((j) => coef.get(j)!), lower: null, upper: 0n, scale: 1n };
}
