import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeFunctionData, encodeFunctionResult, keccak256, multicall3Abi, toHex, type Abi, type Hex } from 'viem';
import { allocationManagerAbi, delegationManagerAbi } from '../../src/chain/abi/eigenlayerAbis.js';

export type Fault = 'http500' | 'http429' | 'rpcError';

export interface ServedLog {
  readonly blockNumber: string;
  readonly address: string;
  readonly [k: string]: unknown;
}

/** Answers a contract view (function name, decoded args) from the scripted chain's state. */
export type ViewFn = (functionName: string, args: readonly unknown[]) => unknown;

/**
 * A JSON-RPC node on 127.0.0.1 (random port) serving a scripted chain: real ABI-encoded logs,
 * block headers with hashes, and eth_call of Multicall3.aggregate3 over the EigenLayer views.
 * Faults are injected on purpose: queued failures per method, a cap on the getLogs range (the
 * "query returned more than N results" of real providers), an outage after N getLogs, a reorg.
 */
export class FakeRpcServer {
  readonly requests: { method: string; params: unknown[] }[] = [];
  readonly faults: { method: string; fault: Fault }[] = [];
  maxRange = Number.MAX_SAFE_INTEGER;
  /** getLogs calls served before every later one fails with HTTP 503 (an outage); null: none. */
  outageAfter: number | null = null;
  getLogsServed = 0;
  /** Blocks at or above this have other hashes (and other logs' block hashes): a reorg. */
  reorgFrom: number | null = null;
  private server: Server | null = null;
  url = '';

  constructor(
    readonly chainId: number,
    public head: number,
    public logs: readonly ServedLog[],
    public view: ViewFn,
  ) {}

  blockHash(b: number): string {
    return keccak256(toHex(this.reorgFrom !== null && b >= this.reorgFrom ? `fork block ${b}` : `block ${b}`));
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const call = JSON.parse(body) as { id: number; method: string; params: unknown[] };
    this.requests.push({ method: call.method, params: call.params });
    const i = this.faults.findIndex((f) => f.method === call.method);
    const fault = i >= 0 ? this.faults.splice(i, 1)[0]?.fault : undefined;
    if (call.method === 'eth_getLogs' && this.outageAfter !== null && this.getLogsServed >= this.outageAfter) return this.status(res, 503);
    if (fault === 'http500') return this.status(res, 500);
    if (fault === 'http429') return this.status(res, 429);
    const reply = (payload: object): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, ...payload }));
    };
    if (fault === 'rpcError') return reply({ error: { code: -32000, message: 'internal error' } });
    try {
      reply({ result: this.answer(call.method, call.params) });
    } catch (e) {
      reply({ error: { code: -32005, message: (e as Error).message } });
    }
  }

  private status(res: ServerResponse, code: number): void {
    res.writeHead(code, { 'content-type': 'text/plain' });
    res.end(code === 429 ? 'Too Many Requests' : 'Service Unavailable');
  }

  private answer(method: string, params: unknown[]): unknown {
    if (method === 'eth_chainId') return toHex(this.chainId);
    if (method === 'eth_blockNumber') return toHex(this.head);
    if (method === 'eth_getBlockByNumber') return this.block(Number(params[0]));
    if (method === 'eth_getLogs') return this.getLogs(params[0] as { fromBlock: string; toBlock: string; address: string[] });
    if (method === 'eth_call') return this.call(params[0] as { data: Hex });
    throw new Error(`method ${method} not served`);
  }

  private block(n: number): object | null {
    if (n > this.head) return null;
    const zero32 = `0x${'0'.repeat(64)}`;
    return {
      number: toHex(n),
      hash: this.blockHash(n),
      parentHash: n === 0 ? zero32 : this.blockHash(n - 1),
      timestamp: toHex(1_700_000_000 + 12 * n),
      nonce: '0x0000000000000000',
      difficulty: '0x0',
      totalDifficulty: '0x0',
      gasLimit: '0x1c9c380',
      gasUsed: '0x0',
      miner: `0x${'0'.repeat(40)}`,
      extraData: '0x',
      logsBloom: `0x${'0'.repeat(512)}`,
      transactionsRoot: zero32,
      stateRoot: zero32,
      receiptsRoot: zero32,
      sha3Uncles: zero32,
      mixHash: zero32,
      baseFeePerGas: '0x1',
      size: '0x200',
      transactions: [],
      uncles: [],
    };
  }

  private getLogs(f: { fromBlock: string; toBlock: string; address: string[] }): unknown[] {
    const from = Number(f.fromBlock);
    const to = Number(f.toBlock);
    if (to - from + 1 > this.maxRange)
      throw new Error(`query returned more than 10000 results; try a range of at most ${this.maxRange} blocks`);
    this.getLogsServed += 1;
    const wanted = new Set(f.address.map((a) => a.toLowerCase()));
    return this.logs
      .filter((l) => Number(l.blockNumber) >= from && Number(l.blockNumber) <= to && wanted.has(l.address))
      .map((l) => ({ ...l, blockHash: this.blockHash(Number(l.blockNumber)) }));
  }

  private call(tx: { data: Hex }): Hex {
    const { functionName, args } = decodeFunctionData({ abi: multicall3Abi, data: tx.data });
    if (functionName !== 'aggregate3') throw new Error(`multicall ${functionName} not served`);
    const calls = (args as readonly [readonly { target: string; callData: Hex }[]])[0];
    const results = calls.map((c) => {
      for (const abi of [allocationManagerAbi, delegationManagerAbi] as readonly Abi[]) {
        try {
          const d = decodeFunctionData({ abi, data: c.callData });
          const value = this.view(d.functionName, d.args ?? []);
          return { success: true, returnData: encodeFunctionResult({ abi, functionName: d.functionName, result: value } as never) };
        } catch {
          continue;
        }
      }
      return { success: false, returnData: '0x' as Hex };
    });
    return encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results });
  }
}
