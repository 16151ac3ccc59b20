import { Command } from 'commander';
import { registerRun } from './commands/run.js';
import { registerKeys } from './commands/keys.js';
import { registerEvidence } from './commands/evidence.js';
import { registerSimulate } from './commands/simulate.js';
import { registerPrice } from './commands/price.js';
import { registerOptimize } from './commands/optimize.js';
import { registerReport } from './commands/report.js';
import { registerStart } from './commands/start.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerGenerate } from './commands/generate.js';
import { registerExposure } from './commands/exposure.js';
import { registerServe } from './commands/serve.js';
import { registerSubmit } from './commands/submit.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/importChain.js';
import { registerMetrics } from './commands/metrics.js';
import { registerWorker } from './commands/worker.js';
import { oneLineUsageErrors } from './fail.js';
import { guardStdout } from './output.js';
import { tuneV8 } from './tuneV8.js';

/**
 * The `stakemesh` command line. Each subcommand lives in `cli/commands/<name>.ts` and registers
 * itself here; business rules stay in core/ and risk/.
 */
export function buildProgram(): Command {
  const program = oneLineUsageErrors(
    new Command('stakemesh').description('Restaking security engine: exact restaking ledger and risk engine'),
  );
  registerRun(program);
  registerKeys(program);
  registerEvidence(program);
  registerSimulate(program);
  registerPrice(program);
  registerOptimize(program);
  registerReport(program);
  registerStart(program);
  registerAnalyze(program);
  registerGenerate(program);
  registerExposure(program);
  registerServe(program);
  registerSubmit(program);
  registerExport(program);
  registerImport(program);
  registerMetrics(program);
  registerWorker(program);
  return program;
}

tuneV8();
guardStdout();
await buildProgram().parseAsync(process.argv);
