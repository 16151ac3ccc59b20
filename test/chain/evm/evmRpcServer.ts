import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { bytesToHex } from '@ethereumjs/util';
import type { DevChain } from './devChain.js';
import { closeLoopback, listenLoopback } from './loopbackServer.js';

const toHex = (n: number | bigint): string => `0x${n.toString(16)}`;
/** A request body larger than this is refused: the harness never sends one. */
const bodyBytesMax = 4 * 1024 * 1024;

interface RpcCall {
  readonly id: unknown;
  readonly method: string;
  readonly params?: readonly unknown[];
}

/**
 * JSON-RPC over HTTP on 127.0.0.1 (port 0) in front of a DevChain: the methods viem's public
 * client uses for the importer and `--verify` (eth_chainId, eth_blockNumber, eth_getBlockByNumber,
 * eth_getLogs, eth_call), answered from the EVM. Batches are served too. Every request is counted
 * per method so tests can see what a client asked.
 */
export class EvmRpcServer {
  private server: Server | null = null;
  url = '';
  readonly requests: { method: string; params: readonly unknown[] }[] = [];

  constructor(
    readonly chain: DevChain,
    readonly chainId: number,
  ) {}

  async start(): Promise<void> {
    ({ server: this.server, url: this.url } = await listenLoopback((req, res) => void this.handle(req, res)));
  }

  async stop(): Promise<void> {
    await closeLoopback(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) {
      body += String(chunk);
      if (body.length > bodyBytesMax) {
        res.writeHead(413).end();
        return;
      }
    }
    let parsed: RpcCall | RpcCall[];
    try {
      parsed = JSON.parse(body) as RpcCall | RpcCall[];
    } catch {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } }));
      return;
    }
    const calls = Array.isArray(parsed) ? parsed : [parsed];
    const replies: object[] = [];
    for (const call of calls) replies.push(await this.reply(call));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(Array.isArray(parsed) ? replies : replies[0]));
  }

  private async reply(call: RpcCall): Promise<object> {
    const params = call.params ?? [];
    this.requests.push({ method: call.method, params });
    try {
      return { jsonrpc: '2.0', id: call.id, result: await this.answer(call.method, params) };
    } catch (e) {
      return { jsonrpc: '2.0', id: call.id, error: { code: -32000, message: (e as Error).message } };
    }
  }

  private blockNumber(tag: unknown): number {
    if (tag === undefined || tag === 'latest' || tag === 'safe' || tag === 'finalized' || tag === 'pending') return this.chain.head;
    if (tag === 'earliest') return 0;
    if (typeof tag === 'string' && /^0x[0-9a-f]+$/i.test(tag)) return Number(BigInt(tag));
    throw new Error(`bad block tag ${JSON.stringify(tag)}`);
  }

  private async answer(method: string, params: readonly unknown[]): Promise<unknown> {
    switch (method) {
      case 'eth_chainId':
        return toHex(this.chainId);
      case 'net_version':
        return String(this.chainId);
      case 'eth_blockNumber':
        return toHex(this.chain.head);
      case 'eth_getBlockByNumber':
        return this.block(this.blockNumber(params[0]));
      case 'eth_getLogs':
        return this.getLogs(params[0] as { fromBlock?: string; toBlock?: string; address?: string | string[] });
      case 'eth_call': {
        const tx = params[0] as { to: string; data?: string; input?: string };
        const r = await this.chain.call(tx.to, tx.data ?? tx.input ?? '0x', this.blockNumber(params[1]));
        if (!r.ok) throw Object.assign(new Error('execution reverted'), { data: r.returnValue });
        return r.returnValue;
      }
      default:
        throw new Error(`method ${method} not served`);
    }
  }

  private block(n: number): object | null {
    const b = this.chain.blockAt(n);
    if (!b) return null;
    const h = b.header;
    return {
      number: toHex(h.number),
      hash: bytesToHex(b.hash()),
      parentHash: bytesToHex(h.parentHash),
      nonce: bytesToHex(h.nonce),
      sha3Uncles: bytesToHex(h.uncleHash),
      logsBloom: bytesToHex(h.logsBloom),
      transactionsRoot: bytesToHex(h.transactionsTrie),
      stateRoot: bytesToHex(h.stateRoot),
      receiptsRoot: bytesToHex(h.receiptTrie),
      miner: h.coinbase.toString(),
      difficulty: toHex(h.difficulty),
      totalDifficulty: '0x0',
      extraData: bytesToHex(h.extraData),
      size: toHex(b.serialize().length),
      gasLimit: toHex(h.gasLimit),
      gasUsed: toHex(h.gasUsed),
      timestamp: toHex(h.timestamp),
      mixHash: bytesToHex(h.mixHash),
      baseFeePerGas: toHex(h.baseFeePerGas ?? 0n),
      withdrawalsRoot: h.withdrawalsRoot ? bytesToHex(h.withdrawalsRoot) : undefined,
      withdrawals: [],
      transactions: b.transactions.map((t) => bytesToHex(t.hash())),
      uncles: [],
    };
  }

  private getLogs(f: { fromBlock?: string; toBlock?: string; address?: string | string[] }): object[] {
    const from = this.blockNumber(f.fromBlock ?? 'latest');
    const to = this.blockNumber(f.toBlock ?? 'latest');
    const list = f.address === undefined ? null : Array.isArray(f.address) ? f.address : [f.address];
    const addresses = list === null ? null : new Set(list.map((a) => a.toLowerCase()));
    return this.chain.logs(from, to, addresses).map((l) => ({
      address: l.address,
      topics: l.topics,
      data: l.data,
      blockNumber: toHex(l.blockNumber),
      blockHash: l.blockHash,
      transactionHash: l.transactionHash,
      transactionIndex: toHex(l.transactionIndex),
      logIndex: toHex(l.logIndex),
      removed: false,
    }));
  }
}
