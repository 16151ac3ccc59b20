import type { Command } from 'commander';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportAction } from '../risk/reportAction.js';
import { writeStdout } from '../output.js';

/** The bundled mainnet-like example (examples/mainnet-scenario.yaml at the package root). */
export const exampleScenario = fileURLToPath(new URL('../../../../examples/mainnet-scenario.yaml', import.meta.url));

/** `stakemesh start` (`npm start`): the risk report on the bundled example, HTML in out/report.html. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the risk report on the bundled mainnet-like example and write out/report.html')
    .option('--scenarios <n>', 'Monte Carlo scenarios', '200000')
    .option('--threads <t>', 'worker threads (default: all cores)')
    .action(async (flags: { scenarios?: string; threads?: string }) => {
      const html = await reportAction(exampleScenario, { html: 'out/report.html', scenarios: flags.scenarios, threads: flags.threads });
      writeStdout(`\nHTML report: ${html ? relative(process.cwd(), html) : 'not written'}\n`);
    });
}
