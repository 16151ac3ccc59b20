/**
 * The allocation LP (Rockafellar–Uryasev CVaR form) over candidate (operator, service) pairs,
 * with budget weights normalised to 1:
 *   maximise Σ_j f_j x_j − λ (ζ + Σ_k u_k / ((1 − β) K))
 *   s.t.     u_k ≥ Σ_j ρ_jk x_j − ζ,  u_k ≥ 0,  ζ ≥ 0
 *            unique:  Σ_j x_j = 1
 *            elastic: Σ_o d_o = 1,  x_j ≤ d_o(j)   (the same delegated stake backs several services)
 *            x_j ≤ capPair, Σ_{j∈o} x_j (unique) or d_o (elastic) ≤ capOperator, Σ_{j∈s} x_j ≤ capService,
 *            Σ_{j∈s} x_j ≥ minShare_s,  Σ_j f_j x_j ≥ minFeeYield (optional).
 * Rows are written only for scenarios with a loss (ζ ≥ 0 makes the others redundant).
 */
export interface AllocationProblem {
  readonly pairOperator: readonly number[];
  readonly pairService: readonly number[];
  readonly fee: readonly number[];
  /** Sparse loss fractions per scenario: losses[k] = [[j, ρ_jk], ...]. */
  readonly losses: readonly (readonly (readonly [number, number])[])[];
  readonly lambda: number;
  readonly level: number;
  readonly mode: 'unique' | 'elastic';
  readonly maxPerPair: number;
  readonly maxPerOperator: number;
  readonly maxPerService: number;
  /** Service index → minimum share of the budget. */
  readonly minServiceShare: ReadonlyMap<number, number>;
  readonly minFeeYield?: number;
  /** Minimise CVaR only (λ = 1, no fee term): used with minFeeYield for the equal-yield comparison. */
  readonly riskOnly?: boolean;
}

function num(v: number): string {
  const s = Number.isInteger(v) ? String(v) : v.toPrecision(15);
  return s.includes('e') ? Number(s).toExponential(14) : s;
}

function terms(list: readonly (readonly [string, number])[]): string {
  const parts: string[] = [];
  for (const [name, c] of list) if (c !== 0) parts.push(`${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${name}`);
  return parts.length > 0 ? parts.join(' ') : '0 zeta';
}

/** Writes the problem in CPLEX LP format for HiGHS. */
export function allocationLp(p: AllocationProblem): string {
  const J = p.fee.length;
  const K = p.losses.length;
  const lam = p.riskOnly ? 1 : p.lambda;
  const tailW = lam / ((1 - p.level) * K);
  const obj: [string, number][] = p.riskOnly ? [] : p.fee.map((f, j) => [`x${j}`, f] as [string, number]);
  obj.push(['zeta', -lam]);
  const rows: string[] = [];
  const uNames: string[] = [];
  p.losses.forEach((l, k) => {
    if (l.length === 0) return;
    uNames.push(`u${k}`);
    obj.push([`u${k}`, -tailW]);
    rows.push(` s${k}: ${terms([...l.map(([j, r]) => [`x${j}`, r] as [string, number]), ['zeta', -1], [`u${k}`, -1]])} <= 0`);
  });
  const ops = [...new Set(p.pairOperator)].sort((a, b) => a - b);
  const svcs = [...new Set(p.pairService)].sort((a, b) => a - b);
  if (p.mode === 'unique') {
    rows.push(` budget: ${terms(p.fee.map((_, j) => [`x${j}`, 1]))} = 1`);
    for (const o of ops) rows.push(` op${o}: ${terms(idx(p.pairOperator, o).map((j) => [`x${j}`, 1]))} <= ${num(p.maxPerOperator)}`);
  } else {
    rows.push(` budget: ${terms(ops.map((o) => [`d${o}`, 1]))} = 1`);
    for (let j = 0; j < J; j++) rows.push(` link${j}: + 1 x${j} - 1 d${p.pairOperator[j]} <= 0`);
  }
  for (const s of svcs) {
    const t = terms(idx(p.pairService, s).map((j) => [`x${j}`, 1]));
    rows.push(` sv${s}: ${t} <= ${num(p.maxPerService)}`);
    const min = p.minServiceShare.get(s);
    if (min !== undefined && min > 0) rows.push(` min${s}: ${t} >= ${num(min)}`);
  }
  if (p.minFeeYield !== undefined) rows.push(` yield: ${terms(p.fee.map((f, j) => [`x${j}`, f]))} >= ${num(p.minFeeYield)}`);
  const bounds = [...p.fee.map((_, j) => ` 0 <= x${j} <= ${num(p.maxPerPair)}`), ' zeta >= 0', ...uNames.map((u) => ` ${u} >= 0`)];
  if (p.mode === 'elastic') for (const o of ops) bounds.push(` 0 <= d${o} <= ${num(p.maxPerOperator)}`);
  return ['Maximize', ` obj: ${terms(obj)}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End', ''].join('\n');
}

function idx(list: readonly number[], v: number): number[] {
  const out: number[] = [];
  list.forEach((x, j) => x === v && out.push(j));
  return out;
}
