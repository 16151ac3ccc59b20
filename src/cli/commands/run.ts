import type { Command } from 'commander';
import { errorCatalogue } from '../../errors/catalogue.js';
import { runLog } from '../../core/runLog.js';
import { stateHash } from '../../core/state/stateHash.js';
import { stateView } from '../../core/state/view.js';
import { loadLog } from '../loadLog.js';
import { printLedger } from '../printLedger.js';
import { writeStdout } from '../output.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('execute a command log (JSON, JSON Lines or YAML) and print the ledger state')
    .argument('<log>', 'command log file')
    .option('--json', 'print the exact JSON contract (SPEC §4)')
    .option('--strict', 'exit with status 1 when any command failed (for CI); the output is unchanged')
    .action((path: string, opts: { json?: boolean; strict?: boolean }) => {
      const log = loadLog(path);
      const { state, results } = runLog(log.commands);
      if (opts.json) {
        const out = { block: state.block, results, state: stateView(state), stateHash: stateHash(state) };
        writeStdout(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        writeStdout(`${printLedger(state, results, log.lines)}\nstate hash ${stateHash(state)}\n`);
      }
      const failed = results.filter((r) => r.status !== 'ok');
      const first = failed[0];
      if (opts.strict && first) {
        // exit 1, not 2: the log was read and run (output above); what failed is its content
        const detail = `${failed.length} of ${results.length} commands failed; first #${first.index} ${first.type}: ${first.status}`;
        process.stderr.write(`stakemesh: COMMANDS_FAILED: ${errorCatalogue.COMMANDS_FAILED}: ${detail}\n`);
        process.exitCode = 1;
      }
    });
}
