import type { Command } from 'commander';
import { optimizeScenario } from '../../risk/optimize/optimizeScenario.js';
import type { Scenario } from '../../risk/scenario/scenario.js';
import { exitWithError } from '../fail.js';
import { loadScenario } from '../risk/loadScenario.js';
import { scenarioBounds as B } from '../../risk/scenario/scenarioBounds.js';
import { optimizeTables } from '../risk/riskTables.js';
import { writeStdout } from '../output.js';

interface OptimizeFlags {
  lambda?: string;
  level?: string;
  mode?: string;
  budget?: string;
  json?: boolean;
}

function num(v: string | undefined, name: string, ok: (x: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v) || !ok(x)) exitWithError('NUMBER_OUT_OF_RANGE', `--${name}: bad value ${JSON.stringify(v)}`);
  return x;
}

/** `stakemesh optimize <scenario>`: allocation maximising fee yield − λ·CVaR (HiGHS LP). */
export function registerOptimize(program: Command): void {
  program
    .command('optimize')
    .description('allocation across (operator, service) pairs maximising fee yield − λ·CVaR (docs/pricing.md)')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--lambda <l>', `risk aversion λ in [0, ${B.lambdaMax}]`)
    .option('--level <b>', 'CVaR level in (0, 1)')
    .option('--mode <m>', 'unique | elastic')
    .option('--budget <x>', `budget to allocate (numeraire, at most ${B.amountMax})`)
    .option('--json', 'machine-readable JSON on stdout')
    .action(async (path: string, f: OptimizeFlags) => {
      const sc = loadScenario(path);
      if (f.mode !== undefined && f.mode !== 'unique' && f.mode !== 'elastic')
        exitWithError('BAD_FIELD', '--mode must be unique or elastic');
      const o = sc.optimize;
      const settings: Scenario['optimize'] = {
        ...o,
        lambda: num(f.lambda, 'lambda', (x) => x >= 0 && x <= B.lambdaMax) ?? o.lambda,
        level: num(f.level, 'level', (x) => x > 0 && x < 1) ?? o.level,
        budget: num(f.budget, 'budget', (x) => x > 0 && x <= B.amountMax) ?? o.budget,
        mode: (f.mode as 'unique' | 'elastic' | undefined) ?? o.mode,
      };
      const r = await optimizeScenario({ ...sc, optimize: settings });
      if (!r.ok) exitWithError(r.error.code, r.error.message);
      if (f.json) writeStdout(`${JSON.stringify(r.value)}\n`);
      else writeStdout(`${optimizeTables(r.value)}\n`);
    });
}
