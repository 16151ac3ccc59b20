import { createBlock, type Block } from '@ethereumjs/block';
import { createCustomCommon, Hardfork, Mainnet, type Common } from '@ethereumjs/common';
import { createEVM } from '@ethereumjs/evm';
import { createFeeMarket1559Tx } from '@ethereumjs/tx';
import {
  bytesToHex,
  createAccount,
  createAddressFromPrivateKey,
  createAddressFromString,
  hexToBytes,
  type PrefixedHexString,
} from '@ethereumjs/util';
import { buildBlock, createVM, type VM } from '@ethereumjs/vm';

export interface DevLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly transactionHash: string;
  readonly transactionIndex: number;
  readonly logIndex: number;
}

export interface DevCall {
  readonly to: string;
  readonly data: string;
}

interface MinedBlock {
  readonly block: Block;
  readonly logs: readonly DevLog[];
}

/** The dev account that signs every scripted transaction (funded at genesis; a test-only key). */
const devKey = hexToBytes(`0x${'5e'.repeat(32)}`);
const gasLimitPerTx = 15_000_000n;
const blockGasLimit = 60_000_000n;
const genesisTime = 1_700_000_000;
const blockTime = 12;
/** keccak256(rlp('')): the root of an empty trie (no withdrawals, no transactions). */
const emptyTrieRoot = hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');

/**
 * An in-process Ethereum chain on @ethereumjs/vm: genesis accounts with code (contracts placed at
 * fixed addresses, as a devnet genesis does), blocks built from signed EIP-1559 transactions with
 * real receipts and logs, block hashes from real headers, `eth_call` against the state of any
 * block, and a revert to an earlier block (evm_revert) so a different block can be mined at the
 * same height: a reorg. Empty blocks carry the parent's state root.
 */
export class DevChain {
  readonly common: Common;
  private readonly vm: VM;
  private readonly blocks: MinedBlock[] = [];
  private nonce = 0n;
  readonly sender: string;

  private constructor(common: Common, vm: VM) {
    this.common = common;
    this.vm = vm;
    this.sender = createAddressFromPrivateKey(devKey).toString();
  }

  static async create(o: { chainId: number; alloc: readonly { address: string; code: string }[] }): Promise<DevChain> {
    const common = createCustomCommon({ chainId: o.chainId }, Mainnet, { hardfork: Hardfork.Shanghai });
    const vm = await createVM({ common });
    const chain = new DevChain(common, vm);
    const sm = vm.stateManager;
    await sm.checkpoint();
    await sm.putAccount(createAddressFromString(chain.sender), createAccount({ balance: 10n ** 24n }));
    for (const a of o.alloc) {
      const at = createAddressFromString(a.address);
      await sm.putAccount(at, createAccount({ nonce: 1n }));
      await sm.putCode(at, hexToBytes(a.code as PrefixedHexString));
    }
    await sm.commit();
    const stateRoot = await sm.getStateRoot();
    const genesis = createBlock(
      {
        header: {
          number: 0n,
          gasLimit: blockGasLimit,
          timestamp: BigInt(genesisTime),
          baseFeePerGas: 1_000_000_000n,
          stateRoot,
          withdrawalsRoot: emptyTrieRoot,
        },
        withdrawals: [],
      },
      { common },
    );
    chain.blocks.push({ block: genesis, logs: [] });
    return chain;
  }

  get head(): number {
    return this.blocks.length - 1;
  }

  blockAt(n: number): Block | undefined {
    return this.blocks[n]?.block;
  }

  blockHash(n: number): string {
    const b = this.blocks[n];
    if (!b) throw new Error(`no block ${n}`);
    return bytesToHex(b.block.hash());
  }

  /** One block; each entry of `txs` is one transaction's calls (the ScriptRunner does them in order). */
  async mine(txs: readonly DevCall[] = [], extraData = ''): Promise<number> {
    const parent = this.blocks[this.head]?.block;
    if (!parent) throw new Error('no genesis');
    const number = parent.header.number + 1n;
    if (txs.length === 0) return this.mineEmpty(parent, extraData);
    const builder = await buildBlock(this.vm, {
      parentBlock: parent,
      headerData: {
        number,
        timestamp: BigInt(genesisTime + blockTime * Number(number)),
        gasLimit: blockGasLimit,
        extraData: new TextEncoder().encode(extraData),
      },
      withdrawals: [],
      blockOpts: { putBlockIntoBlockchain: false },
    });
    const pending: { index: number; hash: string; logs: readonly [Uint8Array, Uint8Array[], Uint8Array][] }[] = [];
    for (const call of txs) {
      const tx = createFeeMarket1559Tx(
        {
          nonce: this.nonce,
          maxFeePerGas: 100_000_000_000n,
          maxPriorityFeePerGas: 0n,
          gasLimit: gasLimitPerTx,
          to: call.to as PrefixedHexString,
          data: call.data as PrefixedHexString,
        },
        { common: this.common },
      ).sign(devKey);
      const r = await builder.addTransaction(tx);
      this.nonce += 1n;
      if (r.execResult.exceptionError) {
        await builder.revert();
        throw new Error(`transaction ${pending.length} of block ${number} reverted: ${revertReason(r.execResult.returnValue)}`);
      }
      pending.push({ index: pending.length, hash: bytesToHex(tx.hash()), logs: r.receipt.logs });
    }
    const { block } = await builder.build();
    const blockHash = bytesToHex(block.hash());
    const logs: DevLog[] = [];
    for (const t of pending) {
      for (const [address, topics, data] of t.logs) {
        logs.push({
          address: bytesToHex(address),
          topics: topics.map((x) => bytesToHex(x)),
          data: bytesToHex(data),
          blockNumber: Number(number),
          blockHash,
          transactionHash: t.hash,
          transactionIndex: t.index,
          logIndex: logs.length,
        });
      }
    }
    this.blocks.push({ block, logs });
    return Number(number);
  }

  /** A block with no transaction: the parent's state root, empty tries (no EVM run needed). */
  private mineEmpty(parent: Block, extraData: string): number {
    const number = parent.header.number + 1n;
    const block = createBlock(
      {
        header: {
          parentHash: parent.hash(),
          number,
          timestamp: BigInt(genesisTime + blockTime * Number(number)),
          gasLimit: blockGasLimit,
          baseFeePerGas: parent.header.calcNextBaseFee(),
          stateRoot: parent.header.stateRoot,
          withdrawalsRoot: emptyTrieRoot,
          extraData: new TextEncoder().encode(extraData),
        },
        withdrawals: [],
      },
      { common: this.common },
    );
    this.blocks.push({ block, logs: [] });
    return Number(number);
  }

  /** Empty blocks up to `n`. */
  async mineTo(n: number): Promise<void> {
    while (this.head < n) await this.mine();
  }

  /** evm_revert to block `n`: later blocks are dropped and the state is the one after block `n`. */
  async revertTo(n: number): Promise<void> {
    const b = this.blocks[n];
    if (!b || n > this.head) throw new Error(`no block ${n}`);
    this.blocks.length = n + 1;
    await this.vm.stateManager.setStateRoot(b.block.header.stateRoot);
    this.nonce = (await this.vm.stateManager.getAccount(createAddressFromString(this.sender)))?.nonce ?? 0n;
  }

  logs(from: number, to: number, addresses: ReadonlySet<string> | null): DevLog[] {
    const out: DevLog[] = [];
    for (let n = Math.max(0, from); n <= Math.min(to, this.head); n++) {
      for (const l of this.blocks[n]?.logs ?? []) if (addresses === null || addresses.has(l.address)) out.push(l);
    }
    return out;
  }

  /** eth_call at the end of block `n`, in that block's context (number, timestamp). */
  async call(to: string, data: string, n: number): Promise<{ ok: boolean; returnValue: string }> {
    const b = this.blocks[n];
    if (!b) throw new Error(`no block ${n}`);
    const sm = this.vm.stateManager.shallowCopy();
    await sm.setStateRoot(b.block.header.stateRoot);
    const evm = await createEVM({ common: this.common, stateManager: sm });
    const r = await evm.runCall({
      to: createAddressFromString(to),
      data: hexToBytes(data as PrefixedHexString),
      gasLimit: gasLimitPerTx * 4n,
      block: b.block,
      caller: createAddressFromString(this.sender),
      origin: createAddressFromString(this.sender),
    });
    return { ok: r.execResult.exceptionError === undefined, returnValue: bytesToHex(r.execResult.returnValue) };
  }
}

/** Error(string) revert data as text, for failures of the scripted history. */
function revertReason(ret: Uint8Array): string {
  const hex = bytesToHex(ret);
  if (!hex.startsWith('0x08c379a0') || ret.length < 68) return hex;
  const len = Number(BigInt(`0x${hex.slice(2 + 8 + 64, 2 + 8 + 128)}`));
  return new TextDecoder().decode(ret.slice(68, 68 + len));
}
