import type { Command } from 'commander';
import { priceScenario } from '../../risk/pricing/priceScenario.js';
import { exitWithError } from '../fail.js';
import { loadScenario } from '../risk/loadScenario.js';
import { runSimulation } from '../risk/riskJob.js';
import { pricingTables } from '../risk/riskTables.js';
import { runOptions, withRunFlags, type RunFlags } from '../risk/runOptions.js';
import { writeStdout } from '../output.js';

interface PriceFlags extends RunFlags {
  targetReturn?: string;
  costOfCapital?: string;
  tailLevel?: string;
}

function fraction(v: string | undefined, name: string, ok: (x: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(v) || !ok(x)) exitWithError('NUMBER_OUT_OF_RANGE', `--${name}: bad value ${JSON.stringify(v)}`);
  return x;
}

/** `stakemesh price <scenario>`: risk-adjusted yields, required service fees, insurance premiums (docs/pricing.md). */
export function registerPrice(program: Command): void {
  withRunFlags(
    program
      .command('price')
      .description('risk-adjusted yield per position, service fee for a target return, insurance premiums (docs/pricing.md)')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .option('--target-return <r>', 'target risk-adjusted return per period (e.g. 0.03)')
      .option('--cost-of-capital <c>', 'cost of the tail capital of insurance covers (e.g. 0.1)')
      .option('--tail-level <q>', 'expected-shortfall level of the capital charge, in (0, 1)'),
  ).action(async (path: string, flags: PriceFlags) => {
    const sc = loadScenario(path);
    const p = sc.pricing;
    const pricing = {
      ...p,
      targetReturn: fraction(flags.targetReturn, 'target-return', (x) => x > -1 && x < 10) ?? p.targetReturn,
      costOfCapital: fraction(flags.costOfCapital, 'cost-of-capital', (x) => x >= 0 && x < 10) ?? p.costOfCapital,
      tailLevel: fraction(flags.tailLevel, 'tail-level', (x) => x > 0 && x < 1) ?? p.tailLevel,
    };
    const scenario = { ...sc, pricing };
    const sim = await runSimulation(scenario, runOptions(flags));
    const report = priceScenario(scenario, sim.model, sim.report, sim.raw);
    if (flags.json) writeStdout(`${JSON.stringify(report)}\n`);
    else writeStdout(`${pricingTables(report)}\n`);
  });
}
