import type { Command } from 'commander';
import { priceScenario } from '../../risk/pricing/priceScenario.js';
import { loadScenario } from '../risk/loadScenario.js';
import { runSimulation } from '../risk/riskJob.js';
import { pricingTables } from '../risk/riskTables.js';
import { runOptions, withRunFlags, type RunFlags } from '../risk/runOptions.js';

/** `stakemesh price <scenario>`: risk-adjusted yields, required service fees, insurance premiums (docs/pricing.md). */
export function registerPrice(program: Command): void {
  withRunFlags(
    program
      .command('price')
      .description('risk-adjusted yield per position, service fee for a target return, insurance premiums (docs/pricing.md)')
      .argument('<scenario>', 'scenario file (YAML or JSON)'),
  ).action(async (path: string, flags: RunFlags) => {
    const sc = loadScenario(path);
    const sim = await runSimulation(sc, runOptions(flags));
    const pricing = priceScenario(sc, sim.model, sim.report, sim.raw);
    if (flags.json) process.stdout.write(`${JSON.stringify(pricing)}\n`);
    else process.stdout.write(`${pricingTables(pricing)}\n`);
  });
}
