import type { Command } from 'commander';
import { loadScenario } from '../risk/loadScenario.js';
import { runSimulation } from '../risk/riskJob.js';
import { simulationTables } from '../risk/riskTables.js';
import { runOptions, withRunFlags, type RunFlags } from '../risk/runOptions.js';
import { writeStdout } from '../output.js';

/** `stakemesh simulate <scenario>`: correlated-slashing Monte Carlo (SPEC §6, docs/simulate.md). */
export function registerSimulate(program: Command): void {
  withRunFlags(
    program
      .command('simulate')
      .description('correlated slashing Monte Carlo: loss distributions, VaR/ES, contagion (docs/simulate.md)')
      .argument('<scenario>', 'scenario file (YAML or JSON)'),
  ).action(async (path: string, flags: RunFlags) => {
    const sc = loadScenario(path);
    const t0 = performance.now();
    const { report } = await runSimulation(sc, runOptions(flags));
    const seconds = (performance.now() - t0) / 1000;
    if (flags.json) writeStdout(`${JSON.stringify(report)}\n`);
    else writeStdout(`${simulationTables(report)}\n\n${report.scenarios.toLocaleString('en-US')} scenarios in ${seconds.toFixed(2)} s\n`);
  });
}
