import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeLoopback, listenLoopback } from './loopbackServer.js';

interface RpcCall {
  readonly id: unknown;
  readonly method: string;
  readonly params?: readonly unknown[];
}

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of the EVM's server that misbehaves as real providers
 * do: eth_getLogs over more than `maxLogsRange` blocks answers the JSON-RPC error of a result too
 * large; `rateLimited` requests get HTTP 429 with `Retry-After: retryAfterS`; after `outageAfter`
 * served getLogs every getLogs gets HTTP 503. Everything else is forwarded unchanged.
 */
export class FaultProxy {
  maxLogsRange = Number.MAX_SAFE_INTEGER;
  rateLimited = 0;
  retryAfterS = 1;
  outageAfter: number | null = null;
  getLogsServed = 0;
  readonly seen: { method: string; status: number; range?: number }[] = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly upstream: string) {}

  async start(): Promise<void> {
    ({ server: this.server, url: this.url } = await listenLoopback((req, res) => void this.handle(req, res)));
  }

  async stop(): Promise<void> {
    await closeLoopback(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const call = JSON.parse(body) as RpcCall;
    const range = call.method === 'eth_getLogs' ? rangeOf(call) : undefined;
    const answer = (status: number, text: string, headers: Record<string, string> = {}): void => {
      this.seen.push({ method: call.method, status, ...(range === undefined ? {} : { range }) });
      res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain', ...headers });
      res.end(text);
    };
    if (this.rateLimited > 0) {
      this.rateLimited -= 1;
      return answer(429, 'Too Many Requests', { 'retry-after': String(this.retryAfterS) });
    }
    if (range !== undefined && this.outageAfter !== null && this.getLogsServed >= this.outageAfter)
      return answer(503, 'Service Unavailable');
    if (range !== undefined && range > this.maxLogsRange) {
      const error = { code: -32005, message: `query returned more than 10000 results; try a range of at most ${this.maxLogsRange} blocks` };
      return answer(200, JSON.stringify({ jsonrpc: '2.0', id: call.id, error }));
    }
    if (range !== undefined) this.getLogsServed += 1;
    const up = await fetch(this.upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    answer(up.status, await up.text());
  }
}

function rangeOf(call: RpcCall): number {
  const f = call.params?.[0] as { fromBlock: string; toBlock: string };
  return Number(BigInt(f.toBlock)) - Number(BigInt(f.fromBlock)) + 1;
}
