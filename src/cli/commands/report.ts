import type { Command } from 'commander';
import { reportAction, reportSecurityNodesDefault, type ReportFlags } from '../risk/reportAction.js';
import { withRunFlags } from '../risk/runOptions.js';

/** `stakemesh report <scenario>`: the main risk job (security, losses, pricing, allocation). */
export function registerReport(program: Command): void {
  withRunFlags(
    program
      .command('report')
      .description('risk report: exact security, correlated loss distributions, pricing and recommended allocation')
      .argument('<scenario>', 'scenario file (YAML or JSON; docs/simulate.md)')
      .option('--html <out.html>', 'also write a self-contained HTML report with charts')
      .option('--no-security', 'leave out the exact security analysis')
      .option(
        '--security-node-limit <n>',
        `branch-and-bound nodes per solver run in the security analysis; proven bounds beyond it, same on every run (default ${reportSecurityNodesDefault})`,
      )
      .option('--security-time-limit <s>', 'also stop the security analysis after this many seconds (figures then depend on the machine)'),
  ).action(async (path: string, flags: ReportFlags) => {
    const html = await reportAction(path, flags);
    if (html) process.stderr.write(`HTML report written to ${html}\n`);
  });
}
