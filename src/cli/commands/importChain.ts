import type { Command } from 'commander';
import { importRpc, confirmationsDefault, windowBlocksDefault, windowBlocksMax } from '../../chain/importRpc.js';
import { importSnapshot } from '../../chain/importSnapshot.js';
import { networks } from '../../chain/networks.js';
import type { ImportManifest } from '../../chain/output/manifest.js';
import { verifyImport } from '../../chain/verify/verifyImport.js';
import { StakemeshFailure } from '../../errors/result.js';
import { exitWithError } from '../fail.js';
import { formatVerifyTable } from '../formatVerifyTable.js';

interface ImportFlags {
  snapshot?: string[];
  rpc?: string;
  network: string;
  fromBlock?: string;
  toBlock?: string;
  out: string;
  manifest?: string;
  confirmations: string;
  window: string;
  resume?: boolean;
  verify?: boolean;
  json?: boolean;
}

function blockFlag(v: string | undefined, name: string, max = 2 ** 32 - 1): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]{1,10}$/.test(v) || Number(v) > max)
    exitWithError('BAD_NUMBER', `${name} ${JSON.stringify(v.slice(0, 20))}: an integer 0..${max}`);
  return Number(v);
}

function summary(m: ImportManifest, manifestPath: string): string {
  const lines = [
    `imported ${m.events} events of ${m.network} blocks ${m.fromBlock}..${m.toBlock} (head ${m.head.hash ?? 'unknown'})`,
    `commands ${m.log.lines} → ${m.log.path} (sha256 ${m.log.sha256})`,
    `outcomes ${Object.entries(m.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `implied ${
      Object.entries(m.implied)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `not expressible ${m.unexpressibleCount}; mismatches ${m.mismatchCount}; lazily cleared encumbrance ${m.lazilyClearedMatches}`,
    ...m.unexpressible.slice(0, 20).map((u) => `  block ${u.block} log ${u.logIndex} ${u.event}: ${u.reason}`),
    ...m.mismatches
      .slice(0, 20)
      .map((u) => `  block ${u.block} log ${u.logIndex} ${u.event} ${u.reason}: chain ${u.chain}, ledger ${u.ledger}`),
    `manifest ${manifestPath}; state hash ${m.stateHash}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function run(flags: ImportFlags): Promise<void> {
  const network = networks.get(flags.network);
  if (!network)
    exitWithError('BAD_FIELD', `--network ${JSON.stringify(flags.network.slice(0, 20))}: one of ${[...networks.keys()].join(', ')}`);
  if ((flags.snapshot === undefined) === (flags.rpc === undefined)) exitWithError('BAD_OPTION', 'give --snapshot <file...> or --rpc <url>');
  const manifestPath = flags.manifest ?? `${flags.out}.manifest.json`;
  const fromBlock = blockFlag(flags.fromBlock, '--from-block');
  const toBlock = blockFlag(flags.toBlock, '--to-block');
  let m: ImportManifest;
  if (flags.snapshot) {
    m = importSnapshot({ files: flags.snapshot, network, out: flags.out, manifestPath, fromBlock, toBlock });
  } else {
    const confirmations = blockFlag(flags.confirmations, '--confirmations', 10_000) ?? confirmationsDefault;
    const window = blockFlag(flags.window, '--window', windowBlocksMax) ?? windowBlocksDefault;
    if (window < 1) exitWithError('NUMBER_OUT_OF_RANGE', '--window is at least 1');
    const onWindow = (w: { from: number; to: number; logs: number }): void =>
      void process.stderr.write(`blocks ${w.from}..${w.to}: ${w.logs} logs\n`);
    m = await importRpc({
      url: flags.rpc ?? '',
      network,
      out: flags.out,
      manifestPath,
      fromBlock,
      toBlock,
      confirmations,
      windowBlocks: window,
      resume: flags.resume === true,
      onWindow,
    });
  }
  process.stdout.write(flags.json ? `${JSON.stringify(m, null, 2)}\n` : summary(m, manifestPath));
  if (flags.verify) {
    if (!flags.rpc) exitWithError('BAD_OPTION', '--verify reads the contracts: it needs --rpc');
    const report = await verifyImport({ url: flags.rpc, network, logPath: flags.out, block: m.toBlock });
    process.stdout.write(formatVerifyTable(report));
    if (report.differences.length > 0) process.exitCode = 1;
  }
}

export function registerImport(program: Command): void {
  const imp = program.command('import').description('import real restaking state into a command log (SPEC §11)');
  imp
    .command('eigenlayer')
    .description('read the EigenLayer core contracts (node or snapshot) into a command log and a manifest')
    .option('--snapshot <files...>', 'decoded or raw log files (../shared/data/eigenlayer/ format)')
    .option('--rpc <url>', 'JSON-RPC endpoint')
    .option('--network <name>', 'mainnet or preprod', 'mainnet')
    .option('--from-block <n>', 'first block (default: the network start block, or the manifest on --resume)')
    .option('--to-block <n>', 'last block (default: head − confirmations, or the snapshot end)')
    .requiredOption('--out <log>', 'command log to write (JSON Lines)')
    .option('--manifest <file>', 'manifest path (default <out>.manifest.json)')
    .option('--confirmations <n>', 'blocks below the head treated as final', String(confirmationsDefault))
    .option('--window <n>', 'blocks per eth_getLogs (halved on provider errors)', String(windowBlocksDefault))
    .option('--resume', 'go on from the manifest and its log')
    .option('--verify', 'reconcile the ledger with the contracts at the end block (multicall)')
    .option('--json', 'print the manifest')
    .action(async (flags: ImportFlags) => {
      try {
        await run(flags);
      } catch (e) {
        if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
        throw e;
      }
    });
}
