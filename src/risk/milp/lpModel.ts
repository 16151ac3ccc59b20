/** A 0/1 linear program (every variable binary), written as CPLEX LP text for HiGHS. */
export interface LinTerm {
  readonly name: string;
  readonly coef: number;
}

export interface LpRow {
  readonly name: string;
  readonly terms: readonly LinTerm[];
  readonly op: '>=' | '<=';
  readonly rhs: number;
}

export interface BinaryProgram {
  /** Maximised. */
  readonly objective: readonly LinTerm[];
  readonly rows: readonly LpRow[];
  readonly binaries: readonly string[];
}

function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`assertion failed: non-finite LP coefficient ${x}`);
  return x === 0 ? '0' : String(x);
}

function expr(terms: readonly LinTerm[]): string {
  const parts: string[] = [];
  for (const [i, t] of terms.entries()) {
    if (t.coef === 0) continue;
    const sign = t.coef < 0 ? '-' : '+';
    parts.push(`${sign} ${num(Math.abs(t.coef))} ${t.name}`);
    if (i % 8 === 7) parts.push('\n  ');
  }
  return parts.length === 0 ? '0 zero_' : parts.join(' ');
}

/** CPLEX LP text of the program. A fixed-zero helper column `zero_` stands in for empty expressions. */
export function lpText(p: BinaryProgram): string {
  const out: string[] = ['Maximize', ` obj: ${expr(p.objective)}`, 'Subject To'];
  for (const r of p.rows) out.push(` ${r.name}: ${expr(r.terms)} ${r.op} ${num(r.rhs)}`);
  out.push('Bounds', ' zero_ = 0', 'Binaries');
  for (let i = 0; i < p.binaries.length; i += 16) out.push(` ${p.binaries.slice(i, i + 16).join(' ')}`);
  out.push('End');
  return out.join('\n');
}
