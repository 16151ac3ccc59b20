import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeFunctionData, type Abi } from 'viem';
import { eventCatalogue, type ContractName } from '../../../src/chain/abi/eventCatalogue.js';
import type { NetworkConfig } from '../../../src/chain/networks.js';
import { multicall3Address } from '../../../src/chain/verify/verifyImport.js';
import type { EmittedLog } from '../chainEmulator.js';
import { repoRoot } from '../sharedData.js';
import { DevChain, type DevCall } from './devChain.js';
import { EvmRpcServer } from './evmRpcServer.js';

interface Build {
  readonly sourceSha256: string;
  readonly source: string;
  readonly contracts: Readonly<Record<string, { abi: Abi; deployedBytecode: string }>>;
}

/** Where the script runner sits in the genesis (any address no EigenLayer contract uses). */
export const scriptRunnerAddress = '0x5c419700000000000000000000000000005c4197';
const contractNames: readonly ContractName[] = ['AllocationManager', 'DelegationManager', 'StrategyManager', 'EigenPodManager'];

let cached: Build | null = null;

/**
 * The committed solc build of contracts/EigenLayerScripted.sol; refused when the source changed
 * since (its sha256 is recorded in the build) — `node scripts/compile-test-contracts.mjs` redoes it.
 */
export function loadBuild(): Build {
  if (cached) return cached;
  const build = JSON.parse(readFileSync(resolve(repoRoot, 'test/chain/evm/contracts/EigenLayerScripted.build.json'), 'utf8')) as Build;
  const sha = createHash('sha256')
    .update(readFileSync(resolve(repoRoot, build.source)))
    .digest('hex');
  if (sha !== build.sourceSha256) throw new Error(`${build.source} changed since its build: run node scripts/compile-test-contracts.mjs`);
  cached = build;
  return build;
}

function contract(name: string): { abi: Abi; deployedBytecode: string } {
  const c = loadBuild().contracts[name];
  if (!c) throw new Error(`contract ${name} not in the build`);
  return c;
}

/**
 * The EigenLayer test contracts on an in-process EVM, at the network's own addresses (so the
 * importer reads them as it reads the real ones), with Multicall3 at its canonical address and a
 * JSON-RPC server on loopback. Histories are played as scripted transactions.
 */
export class EigenlayerChain {
  private constructor(
    readonly network: NetworkConfig,
    readonly chain: DevChain,
    readonly rpc: EvmRpcServer,
  ) {}

  static async start(network: NetworkConfig): Promise<EigenlayerChain> {
    const alloc = [
      ...contractNames.map((n) => ({ address: network.contracts[n], code: contract(n).deployedBytecode })),
      { address: multicall3Address, code: contract('Multicall3').deployedBytecode },
      { address: scriptRunnerAddress, code: contract('ScriptRunner').deployedBytecode },
    ];
    const chain = await DevChain.create({ chainId: network.chainId, alloc });
    const c = network.contracts;
    const wiring = [scriptRunnerAddress, c.AllocationManager, c.DelegationManager, c.StrategyManager, c.EigenPodManager];
    await chain.mine([
      runnerTx(
        contractNames.map((n) => ({ to: c[n], data: encodeFunctionData({ abi: contract(n).abi, functionName: 'init', args: wiring }) })),
      ),
    ]);
    const rpc = new EvmRpcServer(chain, network.chainId);
    await rpc.start();
    return new EigenlayerChain(network, chain, rpc);
  }

  async stop(): Promise<void> {
    await this.rpc.stop();
  }

  /** The call that makes contract `log.address` emit `log` (and apply its hidden effects). */
  callFor(log: EmittedLog): DevCall {
    const entry = eventCatalogue.get(log.event);
    if (!entry) throw new Error(`unknown event ${log.event}`);
    const args = entry.abi.inputs.map((i) => log.args[i.name ?? '']);
    const extra = Object.values(log.hidden ?? {});
    const data = encodeFunctionData({ abi: contract(entry.contract).abi, functionName: `log_${log.event}`, args: [...args, ...extra] });
    return { to: this.network.contracts[entry.contract], data };
  }

  /**
   * Mines the logs' history: each of their blocks at its own number (empty blocks in between),
   * each of their transactions as one ScriptRunner transaction emitting its events in order.
   * Blocks already mined are refused: logs are played forward only.
   */
  async play(logs: readonly EmittedLog[], extraData = ''): Promise<void> {
    let i = 0;
    while (i < logs.length) {
      const block = logs[i]?.block ?? 0;
      if (block <= this.chain.head) throw new Error(`block ${block} is already mined (head ${this.chain.head})`);
      await this.chain.mineTo(block - 1);
      const txs: DevCall[] = [];
      while (i < logs.length && logs[i]?.block === block) {
        const tx = logs[i]?.transactionIndex;
        const calls: DevCall[] = [];
        while (i < logs.length && logs[i]?.block === block && logs[i]?.transactionIndex === tx)
          calls.push(this.callFor(logs[i++] as EmittedLog));
        txs.push(runnerTx(calls));
      }
      await this.chain.mine(txs, extraData);
    }
  }
}

function runnerTx(calls: readonly DevCall[]): DevCall {
  const abi = contract('ScriptRunner').abi;
  return {
    to: scriptRunnerAddress,
    data: encodeFunctionData({ abi, functionName: 'run', args: [calls.map((c) => ({ target: c.to, data: c.data }))] }),
  };
}
