import type { Command } from 'commander';
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
    .action((path: string, opts: { json?: boolean }) => {
      const log = loadLog(path);
      const { state, results } = runLog(log.commands);
      if (opts.json) {
        const out = { block: state.block, results, state: stateView(state), stateHash: stateHash(state) };
        writeStdout(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        writeStdout(`${printLedger(state, results, log.lines)}\nstate hash ${stateHash(state)}\n`);
      }
    });
}
