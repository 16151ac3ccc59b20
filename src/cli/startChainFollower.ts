import type { Logger } from 'pino';
import { confirmationsDefault } from '../chain/importRpc.js';
import { networks } from '../chain/networks.js';
import { ChainFollower, type ChainFollowOptions, type ChainMirrorTarget } from '../server/service/chainFollower.js';
import type { LedgerServiceApi } from '../server/service/serviceApi.js';
import { exitWithError } from './fail.js';

export interface FollowRpcFlags {
  followRpc?: string;
  followNetwork: string;
  confirmations: string;
  fromBlock?: string;
  pollMs: string;
}

/** Blocks read per poll by a chain mirror (and per eth_getLogs before any halving). */
export const followWindowBlocks = 2_000;

function int(text: string, flag: string, min: number, max: number): number {
  const n = /^[0-9]{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) exitWithError('BAD_OPTION', `${flag} must be an integer in ${min}..${max}`);
  return n;
}

/** The checked `--follow-rpc` settings, before the service opens (bad flags fail fast); null without the flag. */
export function followRpcSettings(flags: FollowRpcFlags, logger: Logger): ChainFollowOptions | null {
  if (flags.followRpc === undefined) return null;
  const network = networks.get(flags.followNetwork);
  if (!network) exitWithError('BAD_OPTION', `--follow-network: one of ${[...networks.keys()].join(', ')}`);
  return {
    url: flags.followRpc,
    network,
    confirmations: int(flags.confirmations, '--confirmations', 0, 10_000),
    pollMs: int(flags.pollMs, '--poll-ms', 100, 3_600_000),
    windowBlocks: followWindowBlocks,
    fromBlock: flags.fromBlock === undefined ? undefined : int(flags.fromBlock, '--from-block', 0, 2 ** 32 - 1),
    log: (level, message, fields) => logger[level](fields ?? {}, message),
  };
}

/** `serve --follow-rpc <url>`: starts the chain mirror on the writer (docs/chain.md). */
export async function startChainFollower(service: LedgerServiceApi, settings: ChainFollowOptions): Promise<ChainFollower> {
  if (service.readOnly) exitWithError('READ_ONLY', '--follow-rpc needs the writer: another server holds the lock');
  const target = service as unknown as Partial<ChainMirrorTarget>;
  if (typeof target.submitAsServer !== 'function') exitWithError('BAD_OPTION', '--follow-rpc needs the ledger service');
  return ChainFollower.start(target as ChainMirrorTarget, settings);
}

export const followRpcDefaults = { followNetwork: 'mainnet', confirmations: String(confirmationsDefault), pollMs: '4000' } as const;
