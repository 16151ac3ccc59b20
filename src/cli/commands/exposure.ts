import type { Command } from 'commander';
import { lookThroughExposure, totalExposure, type ExposureTarget } from '../../core/lrt/lookThroughExposure.js';
import { runLog } from '../../core/runLog.js';
import { exitWithError } from '../fail.js';
import { loadLog } from '../loadLog.js';
import { formatTable } from '../table.js';
import { writeStdout } from '../output.js';

interface ExposureFlags {
  vault?: string;
  lrt?: string;
  staker?: string;
  json?: boolean;
}

/** Digits after the point in the human table (the JSON carries exact "p/q" values). */
const displayDigits = 6;

function target(flags: ExposureFlags): ExposureTarget {
  const given = (['vault', 'lrt', 'staker'] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1) exitWithError('BAD_OPTION', 'give exactly one of --vault, --lrt, --staker');
  const kind = given[0] as ExposureTarget['kind'];
  return { kind, id: flags[kind] ?? '' };
}

/** `stakemesh exposure <log> --vault|--lrt|--staker <id>`: look-through slashable exposure (docs/lrt.md). */
export function registerExposure(program: Command): void {
  program
    .command('exposure')
    .description('look-through slashable exposure per (operator, operator set) of a vault, LRT or staker, after a command log')
    .argument('<log>', 'command log file')
    .option('--vault <id>', 'a vault (its operators plus, for a vault of LRT tokens, the LRT below)')
    .option('--lrt <id>', 'an LRT')
    .option('--staker <id>', 'a staker (positions and LRT token balances)')
    .option('--json', 'exact JSON output')
    .action((path: string, flags: ExposureFlags) => {
      const t = target(flags);
      const { state } = runLog(loadLog(path).commands);
      const known =
        t.kind === 'vault'
          ? state.vaults.has(t.id)
          : t.kind === 'lrt'
            ? state.lrts.lrts.has(t.id)
            : state.stakers.has(t.id) || [...state.lrts.lrts.values()].some((l) => l.balances.has(t.id));
      if (!known)
        exitWithError(
          t.kind === 'vault' ? 'UNKNOWN_VAULT' : t.kind === 'lrt' ? 'UNKNOWN_LRT' : 'UNKNOWN_STAKER',
          `no ${t.kind} "${t.id}" after the log`,
        );
      const e = lookThroughExposure(state, t);
      const rows = [...e].flatMap(([operator, bySet]) => [...bySet].map(([set, x]) => ({ operator, set, x })));
      if (flags.json) {
        const out = {
          target: t,
          exposure: rows.map((r) => ({ operator: r.operator, set: r.set, amount: r.x.toString() })),
          total: totalExposure(e).toString(),
        };
        writeStdout(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const table = formatTable(
        ['operator', 'set', 'exposure'],
        rows.map((r) => [r.operator, r.set, r.x.toDecimal(displayDigits)]),
      );
      writeStdout(`${table}\ntotal ${totalExposure(e).toDecimal(displayDigits)}\n`);
    });
}
