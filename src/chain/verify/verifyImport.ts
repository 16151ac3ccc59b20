import { readFileSync } from 'node:fs';
import { createPublicClient, http, type PublicClient } from 'viem';
import { runLog } from '../../core/runLog.js';
import { StakemeshFailure } from '../../errors/result.js';
import { allocationManagerAbi, delegationManagerAbi } from '../abi/eigenlayerAbis.js';
import type { NetworkConfig } from '../networks.js';
import { defaultRetryPolicy, describeError, withRetry, type RetryPolicy } from '../source/retry.js';
import { ledgerViews, type ViewCheck } from './ledgerViews.js';

/** Multicall3, deployed at this address on mainnet and Holesky (and most chains). */
export const multicall3Address = '0xca11bde05977b3631167028862be2a173976ca11';
/** Calls per eth_call: keeps each request well under providers' gas and size limits. */
export const callsPerMulticall = 300;

export interface Difference {
  readonly what: ViewCheck['what'];
  readonly key: string;
  readonly chain: string;
  readonly ledger: string;
}

export interface VerifyReport {
  readonly block: number;
  readonly checked: number;
  readonly differences: readonly Difference[];
}

const abis = { AllocationManager: allocationManagerAbi, DelegationManager: delegationManagerAbi } as const;

async function runChunk(
  client: PublicClient,
  policy: RetryPolicy,
  network: NetworkConfig,
  block: number,
  chunk: readonly ViewCheck[],
): Promise<Difference[]> {
  const contracts = chunk.map((c) => ({
    address: network.contracts[c.contract] as `0x${string}`,
    abi: abis[c.contract],
    functionName: c.functionName,
    args: c.args,
  }));
  const results = await withRetry(policy, `multicall at block ${block}`, () =>
    client.multicall({
      contracts: contracts as never,
      blockNumber: BigInt(block),
      allowFailure: true,
      multicallAddress: multicall3Address,
    }),
  );
  const out: Difference[] = [];
  chunk.forEach((c, i) => {
    const r = results[i] as { status: 'success'; result: unknown } | { status: 'failure'; error: unknown } | undefined;
    const chain = r?.status === 'success' ? c.pick(r.result) : `call failed: ${describeError(r?.error)}`;
    if (chain !== c.ledger) out.push({ what: c.what, key: c.key, chain, ledger: c.ledger });
  });
  return out;
}

/**
 * `--verify`: replays the imported command log and reads the same figures from the contracts at
 * the end block by multicall (SPEC §11); every difference is returned, none is hidden.
 */
export async function verifyImport(o: {
  url: string;
  network: NetworkConfig;
  logPath: string;
  block: number;
  policy?: RetryPolicy;
}): Promise<VerifyReport> {
  const policy = o.policy ?? defaultRetryPolicy;
  let commands: unknown[];
  try {
    commands = readFileSync(o.logPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown);
  } catch (e) {
    throw new StakemeshFailure('PARSE_ERROR', `${o.logPath}: ${(e as Error).message}`);
  }
  const { state } = runLog(commands);
  const checks = ledgerViews(state);
  const client = createPublicClient({ transport: http(o.url, { retryCount: 0, timeout: 60_000 }) }) as PublicClient;
  const differences: Difference[] = [];
  for (let i = 0; i < checks.length; i += callsPerMulticall) {
    differences.push(...(await runChunk(client, policy, o.network, o.block, checks.slice(i, i + callsPerMulticall))));
  }
  return { block: o.block, checked: checks.length, differences };
}
